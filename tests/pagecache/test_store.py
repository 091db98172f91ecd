"""The public page cache: per language, fresh at once after a change, bounded by max-age, fail-open."""

import runpy
import socket
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.test import RequestFactory
from django.utils import timezone

from announcements.models import Announcement, Status
from elections.importers import VoterCountImporter
from elections.models import District, Election
from pagecache import store as page_cache
from pagecache.middleware import PublicPageFastPathMiddleware

pytestmark = pytest.mark.django_db

BASE_SETTINGS = Path(django_settings.BASE_DIR) / "portal" / "settings" / "base.py"
NOW = datetime(2024, 11, 20, 9, 0, tzinfo=timezone.get_fixed_timezone(8 * 60))


def announce(title, publish_at=None, slug=None):
    return Announcement.objects.create(
        slug=slug or title.lower().replace(" ", "-"),
        title_ind=title,
        title_en=title,
        summary_ind="Ringkasan.",
        summary_en="Summary.",
        status=Status.PUBLISHED,
        publish_at=publish_at or NOW - timedelta(days=1),
    )


@pytest.fixture
def frozen(settings):
    settings.PORTAL_CLOCK = NOW.isoformat()
    return settings


class Clock:
    """Moves ``time.time`` (cache expiry, Expires and Age headers) forward without waiting."""

    def __init__(self, monkeypatch):
        self.offset = 0
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + self.offset)

    def advance(self, seconds):
        self.offset += seconds


def test_a_cached_page_is_served_without_queries_and_separately_per_language(
    client, django_assert_num_queries
):
    indonesian = client.get("/id/")
    with django_assert_num_queries(0):
        again = client.get("/id/")
    english = client.get("/en/")

    assert again.content == indonesian.content
    assert '<html lang="id">' in indonesian.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert "max-age=60" in again["Cache-Control"] and "public" in again["Cache-Control"]


def test_a_page_answers_304_to_a_reader_who_has_it(client):
    first = client.get("/id/")

    repeat = client.get("/id/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert repeat.status_code == 304


def test_an_announcement_saved_in_the_admin_is_on_the_cached_list_at_once(client, frozen, committed):
    announce("Pengumuman pertama")
    assert "Pengumuman pertama" in client.get("/id/pengumuman/").content.decode()

    with committed():
        announce("Pengumuman kedua")

    assert "Pengumuman kedua" in client.get("/id/pengumuman/").content.decode()


def test_a_csv_import_is_on_the_cached_voters_page_at_once(client, committed):
    election = Election.objects.create(
        slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27)
    )
    District.objects.create(name="Kecamatan Uji", slug="kecamatan-uji")
    before = client.get("/id/pemilih/").content.decode()
    csv = (
        "election,list,kecamatan,kelurahan,total,as_of,source\n"
        f"{election.slug},DPS,Kecamatan Uji,,12345,2024-08-11,Pleno contoh\n"
    ).encode()

    with committed():
        report = VoterCountImporter(csv).run()

    assert report.ok, report.errors
    assert "12.345" not in before
    assert "12.345" in client.get("/id/pemilih/").content.decode()


def test_a_scheduled_announcement_appears_at_the_origin_within_max_age(client, frozen, monkeypatch):
    clock = Clock(monkeypatch)
    announce("Pengumuman lama")
    announce("Pengumuman terjadwal", publish_at=NOW + timedelta(seconds=30))
    assert "Pengumuman terjadwal" not in client.get("/id/pengumuman/").content.decode()

    # Its time comes; no save happens, so only the page cache's lifetime brings it out.
    frozen.PORTAL_CLOCK = (NOW + timedelta(seconds=31)).isoformat()
    clock.advance(31)
    still_cached = client.get("/id/pengumuman/").content.decode()
    clock.advance(30)
    refreshed = client.get("/id/pengumuman/").content.decode()

    assert "Pengumuman terjadwal" not in still_cached
    assert "Pengumuman terjadwal" in refreshed


def test_a_cdn_is_never_handed_a_copy_older_than_max_age(client, monkeypatch):
    clock = Clock(monkeypatch)
    client.get("/id/")

    clock.advance(59)
    late_hit = client.get("/id/")
    clock.advance(2)
    after_expiry = client.get("/id/")

    assert 0 < int(late_hit["Age"]) <= 60
    assert int(after_expiry.get("Age", 0)) == 0


def test_a_page_rendered_while_content_changes_is_not_kept_under_the_new_version():
    renders = []

    def view(request):
        renders.append(1)
        if len(renders) == 1:
            # A staff member saves while this page is read from the database.
            page_cache.bump_content_version()
        return HttpResponse(f"render {len(renders)}")

    page = PublicPageFastPathMiddleware(ConditionalGetMiddleware(page_cache.public_page(view)))
    factory = RequestFactory()

    page(factory.get("/id/contoh/"))
    second = page(factory.get("/id/contoh/"))
    third = page(factory.get("/id/contoh/"))

    assert second.content == b"render 2"
    assert third.content == b"render 2"


def test_a_change_starts_a_new_version_when_it_is_committed_not_before(committed):
    before = page_cache.content_version()

    with committed():
        District.objects.create(name="Kecamatan Uji", slug="kecamatan-uji")
        # Other requests still read the old rows: a new version now would be filled with them.
        during = page_cache.content_version()

    assert before == during != page_cache.content_version()


def test_a_rolled_back_change_starts_no_version(committed):
    before = page_cache.content_version()

    with committed(), pytest.raises(ValueError), transaction.atomic():
        District.objects.create(name="Kecamatan Uji", slug="kecamatan-uji")
        raise ValueError("a dry run, or an import that fails halfway")

    assert page_cache.content_version() == before
    assert not District.objects.exists()


def test_without_the_page_cache_every_request_renders_afresh_with_the_same_headers(client, settings):
    settings.PORTAL_PAGE_CACHE = False
    Election.objects.create(slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27))
    District.objects.create(name="Kecamatan Uji", slug="kecamatan-uji")
    client.get("/id/pemilih/")
    District.objects.update(name="Kecamatan Baru")  # QuerySet.update sends no signal: no new version

    response = client.get("/id/pemilih/")

    assert "Kecamatan Baru" in response.content.decode()
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]


@pytest.fixture
def unreachable_redis(monkeypatch, settings):
    """The production cache settings (base.py) pointed at a port where nothing listens."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused at once
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{closed.getsockname()[1]}/0")
    production = runpy.run_path(str(BASE_SETTINGS))
    settings.CACHES = production["CACHES"]
    yield production
    closed.close()


def test_pages_still_answer_when_redis_is_unreachable(client, unreachable_redis):
    assert unreachable_redis["CACHES"]["default"]["BACKEND"] == "pagecache.rediscache.RedisCache"
    Election.objects.create(slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27))

    first = client.get("/id/pemilih/")
    District.objects.create(name="Kecamatan Uji", slug="kecamatan-uji")  # no version can be kept
    second = client.get("/id/pemilih/")

    assert first.status_code == 200
    assert second.status_code == 200
    assert "Kecamatan Uji" in second.content.decode()
    assert cache.get(page_cache.CONTENT_VERSION_KEY) is None
