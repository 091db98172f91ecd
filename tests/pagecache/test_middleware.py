"""The fast path: a repeat request for a public page is answered right after SecurityMiddleware,
with the same headers, the right Age, per language, and nothing but public pages is kept."""

import re
import time
from unittest import mock

import pytest
from django.http import HttpResponse
from django.urls import path
from django.utils import translation

from pagecache import renders
from pagecache import store as page_cache
from pagecache.store import public_page
from staff.middleware import StaffSessionMiddleware
from tests.support.caches import SharedCache
from tests.support.pages import (
    VOTING_DAY,
    add_fact_check_for_voting_day,
    load_demo,
    other_paths,
    sitemap_paths,
)

pytestmark = pytest.mark.django_db


@public_page
def active_language(request):
    return HttpResponse(translation.get_language())


# A public page outside the language prefix whose answer depends on Accept-Language.
urlpatterns = [path("bahasa/", active_language)]


@pytest.fixture
def lower_stack_calls():
    """How often a middleware below the fast path (the staff session one) is reached."""
    calls = []
    original = StaffSessionMiddleware.__call__

    def counting(self, request):
        calls.append(request.path)
        return original(self, request)

    with mock.patch.object(StaffSessionMiddleware, "__call__", counting):
        yield calls


@pytest.fixture
def shared(settings):
    settings.CACHES = {"default": {"BACKEND": "tests.support.caches.SharedCache"}}
    SharedCache.store.clear()
    SharedCache.reads.clear()
    return SharedCache.reads


def test_a_repeat_request_for_a_public_page_never_reaches_the_rest_of_the_stack(
    client, lower_stack_calls, django_assert_num_queries
):
    first = client.get("/id/")
    with django_assert_num_queries(0):
        second = client.get("/id/")

    assert lower_stack_calls == ["/id/"]
    assert second.content == first.content


def test_a_kept_page_has_every_header_of_the_first_answer_and_its_age(client, monkeypatch):
    first = client.get("/id/")
    later = time.time() + 10
    monkeypatch.setattr(time, "time", lambda: later)

    second = client.get("/id/")

    assert set(second.headers) == set(first.headers) | {"Age"}
    assert all(second[name] == first[name] for name in first.headers)
    assert 9 <= int(second["Age"]) <= 11


def test_a_reader_who_has_the_page_gets_304_from_the_fast_path(client, lower_stack_calls):
    etag = client.get("/en/")["ETag"]

    repeat = client.get("/en/", HTTP_IF_NONE_MATCH=etag)

    assert repeat.status_code == 304
    assert lower_stack_calls == ["/en/"]


@public_page
def dated(request):
    response = HttpResponse("dated")
    response["Last-Modified"] = "Wed, 09 Oct 2024 08:00:00 GMT"
    return response


urlpatterns.append(path("dated/", dated))


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("kept", [False, True], ids=["fresh", "kept"])
def test_a_reader_revalidating_by_date_gets_304_whether_the_page_is_kept_or_not(client, kept):
    if kept:
        client.get("/dated/")

    same = client.get("/dated/", HTTP_IF_MODIFIED_SINCE="Wed, 09 Oct 2024 08:00:00 GMT")
    older = client.get("/dated/", HTTP_IF_MODIFIED_SINCE="Tue, 08 Oct 2024 08:00:00 GMT")

    assert same.status_code == 304
    assert older.status_code == 200 and older.content == b"dated"


@pytest.mark.urls(__name__)
def test_a_page_outside_the_language_prefix_is_kept_per_language(client):
    english = [client.get("/bahasa/", HTTP_ACCEPT_LANGUAGE="en").content for _ in range(2)]
    indonesian = [client.get("/bahasa/", HTTP_ACCEPT_LANGUAGE="id").content for _ in range(2)]

    assert english == [b"en", b"en"]
    assert indonesian == [b"id", b"id"]


def test_other_pages_are_not_looked_up_again_and_the_admin_never(client, shared, admin_client):
    client.get("/healthz")
    shared.clear()

    client.get("/healthz")
    admin_client.get("/admin/")

    assert not [key for key in shared if "page." in key]


TRACKING = "fbclid=IwAR0-contoh&utm_source=whatsapp&utm_campaign=pilkada"


def test_tracking_parameters_are_answered_from_the_kept_page(client, lower_stack_calls):
    first = client.get("/id/pengumuman/")
    shared = client.get(f"/id/pengumuman/?{TRACKING}")
    another_click = client.get("/id/pengumuman/?fbclid=IwAR1-lain")

    assert lower_stack_calls == ["/id/pengumuman/"]
    assert shared.content == another_click.content == first.content


def test_parameters_that_change_the_page_or_an_api_answer_are_kept_apart(client, lower_stack_calls):
    client.get("/id/pengumuman/")
    client.get("/id/pengumuman/?kategori=politik-uang")
    client.get("/id/pengumuman/?kategori=politik-uang&utm_source=whatsapp")
    client.get("/api/v1/districts?limit=1")
    client.get("/api/v1/districts?limit=2")
    refused = client.get("/api/v1/districts?limit=1&fbclid=IwAR0")

    assert lower_stack_calls == ["/id/pengumuman/", "/id/pengumuman/"] + ["/api/v1/districts"] * 3
    assert refused.status_code == 400


def test_every_public_page_is_the_same_with_tracking_parameters(client, settings):
    """What lets the fast path keep one copy for all of them: nothing on a page echoes them."""
    settings.PORTAL_CLOCK = VOTING_DAY
    settings.PORTAL_PAGE_CACHE = False
    load_demo()
    add_fact_check_for_voting_day()
    paths = sitemap_paths(client) + other_paths() + ["/id/cari/?q=balikpapan"]

    for page in paths:
        tracked = f"{page}{'&' if '?' in page else '?'}{TRACKING}"
        plain, with_tracking = client.get(page), client.get(tracked)
        assert plain.status_code == with_tracking.status_code == 200, page
        assert unstamped(with_tracking.content) == unstamped(plain.content), page
        assert b"fbclid" not in with_tracking.content, page


def unstamped(content):
    """The calendar's DTSTAMP lines say when it was rendered, which differs between two renders."""
    return re.sub(rb"DTSTAMP:\w+\r\n", b"", content)


def test_an_api_answer_is_kept_once_whatever_the_browsers_language(client, lower_stack_calls):
    english = client.get("/api/v1/districts", HTTP_ACCEPT_LANGUAGE="en")
    indonesian = client.get("/api/v1/districts", HTTP_ACCEPT_LANGUAGE="id")
    asked_in_english = client.get("/api/v1/districts?lang=en", HTTP_ACCEPT_LANGUAGE="id")

    assert lower_stack_calls == ["/api/v1/districts", "/api/v1/districts"]
    assert english.content == indonesian.content
    assert asked_in_english.status_code == 200


def test_a_page_is_kept_once_beside_its_last_good_copy(client, shared):
    client.get("/id/pengumuman/")
    client.get("/id/pengumuman/")

    counters = {page_cache.CONTENT_VERSION_KEY, renders.RENDERS_KEY.format("reader")}
    kept = sorted(key for key in SharedCache.store if key not in counters)
    assert [key.split(".")[:2] for key in kept] == [["page", "fast"], ["page", "last-good"]]


def test_a_head_request_is_answered_from_the_kept_page(client, lower_stack_calls):
    page = client.get("/id/pengumuman/")
    head = client.head("/id/pengumuman/")

    assert lower_stack_calls == ["/id/pengumuman/"]
    assert head.status_code == 200
    assert head["ETag"] == page["ETag"]
    assert head.content == b""


def test_a_reader_revalidating_after_a_change_gets_304_and_the_page_is_kept(client, lower_stack_calls):
    etag = client.get("/id/pengumuman/")["ETag"]
    page_cache.bump_content_version()  # e.g. a change elsewhere: this page is the same

    revalidated = client.get("/id/pengumuman/", HTTP_IF_NONE_MATCH=etag)
    client.get("/id/pengumuman/")

    assert revalidated.status_code == 304
    assert lower_stack_calls == ["/id/pengumuman/", "/id/pengumuman/"]


def test_every_parameter_of_the_sitemap_counts(client):
    assert client.get("/sitemap.xml").status_code == 200

    assert client.get("/sitemap.xml?p=99").status_code == 404
