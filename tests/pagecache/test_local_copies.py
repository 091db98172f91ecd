"""Each worker's copies of pages cached in Redis: fewer round trips, never older than the original."""

import time
from datetime import date

import pytest
from django.http import HttpResponse
from django.utils.cache import patch_response_headers

from elections.models import District, Election
from pagecache.local_copies import PageCopies, PageStore
from tests.support.caches import SharedCache


@pytest.fixture
def shared():
    SharedCache.store.clear()
    SharedCache.reads.clear()
    return SharedCache()


def page(text, seconds=60):
    response = HttpResponse(text)
    patch_response_headers(response, seconds)
    return response


def test_a_worker_reads_a_page_from_the_shared_cache_once_then_from_its_copy(shared):
    PageStore(shared, PageCopies()).set("page-key", page("halaman"), 60)
    other_worker = PageStore(shared, PageCopies())

    first, second = other_worker.get("page-key"), other_worker.get("page-key")

    assert first.content == second.content == b"halaman"
    assert shared.reads == ["page-key"]


def test_a_copy_expires_when_the_shared_page_does_never_later(shared, monkeypatch):
    PageStore(shared, PageCopies()).set("page-key", page("halaman", seconds=10), 10)
    worker = PageStore(shared, PageCopies())
    worker.get("page-key")
    later = time.time() + 11
    monkeypatch.setattr(time, "time", lambda: later)

    assert worker.get("page-key") is None
    assert shared.reads == ["page-key", "page-key"]


def test_each_reader_gets_its_own_copy_to_add_headers_to(shared):
    worker = PageStore(shared, PageCopies())
    worker.set("page-key", page("halaman"), 60)

    worker.get("page-key")["Age"] = "5"

    assert not worker.get("page-key").has_header("Age")


def test_the_least_recently_read_copies_make_room(shared):
    worker = PageStore(shared, PageCopies(entries=2))
    for key in ("a", "b", "c"):
        worker.set(key, page(key), 60)
    shared.reads.clear()

    worker.get("c"), worker.get("b"), worker.get("a")

    assert shared.reads == ["a"]


@pytest.mark.django_db
def test_a_cached_public_page_costs_one_shared_cache_read_per_request(client, settings, shared):
    settings.CACHES = {"default": {"BACKEND": "tests.support.caches.SharedCache"}}
    Election.objects.create(slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27))
    District.objects.create(name="Kecamatan Uji", slug="kecamatan-uji")
    client.get("/id/pemilih/")
    shared.reads.clear()

    hits = [client.get("/id/pemilih/") for _ in range(3)]

    assert all(b"Kecamatan Uji" in hit.content for hit in hits)
    assert shared.reads == ["portal:content-version"] * 3
