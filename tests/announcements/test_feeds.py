import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest

from announcements.models import Announcement, Category, Status, Verdict
from pagecache import store as page_cache

from .conftest import PAST, SOON, XSS_TEXT, fragment_problems

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = [
    "/id/pengumuman/feed/atom/",
    "/id/pengumuman/feed/rss/",
    "/en/pengumuman/feed/atom/",
    "/en/pengumuman/feed/rss/",
]


def fetch(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_are_well_formed_and_hold_only_published_announcements(client, make_announcement, url):
    make_announcement(title_ind="Sudah terbit", title_en="Published one")
    make_announcement(status=Status.DRAFT, title_ind="Draf", title_en="Draft one")
    make_announcement(status=Status.REVIEW, title_ind="Ditinjau", title_en="In review one")
    make_announcement(publish_at=SOON, title_ind="Terjadwal", title_en="Scheduled one")

    response = fetch(client, url)
    feed = feedparser.parse(response.content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] in (["Sudah terbit"], ["Published one"])
    assert "public" in response["Cache-Control"]


def test_feeds_speak_the_language_of_their_url(client, make_announcement):
    announcement = make_announcement(title_ind="Hari pemungutan suara", title_en="Polling day")

    indonesian = feedparser.parse(fetch(client, "/id/pengumuman/feed/atom/").content)
    english = feedparser.parse(fetch(client, "/en/pengumuman/feed/rss/").content)

    assert indonesian.feed.title == "Pengumuman · Pilkada Balikpapan"
    assert indonesian.feed.language == "id"
    assert indonesian.entries[0].link == f"http://testserver/id/pengumuman/{announcement.slug}/"
    assert english.feed.title == "Announcements · Pilkada Balikpapan"
    assert english.entries[0].title == "Polling day"
    assert english.entries[0].link == f"http://testserver/en/pengumuman/{announcement.slug}/"


def test_feed_entries_carry_dates_category_and_the_sanitised_body(client, make_announcement):
    make_announcement(category=Category.HEALTH_PROTOCOL, body_ind="Bawa **masker**.")

    entry = feedparser.parse(fetch(client, "/id/pengumuman/feed/atom/").content).entries[0]

    assert entry.published.startswith("2024-10-09T16:00:00+08:00")
    assert [tag.term for tag in entry.tags] == ["Protokol kesehatan"]
    assert "<strong>masker</strong>" in entry.summary
    assert "Ringkasan dalam bahasa Indonesia." in entry.summary


def test_category_feeds_hold_one_category(client, make_announcement):
    make_announcement(title_ind="Politik uang", category=Category.MONEY_POLITICS)
    make_announcement(title_ind="Jadwal", category=Category.SCHEDULE)

    for kind in ("atom", "rss"):
        feed = feedparser.parse(fetch(client, f"/id/pengumuman/feed/politik-uang/{kind}/").content)
        assert not feed.bozo
        assert [entry.title for entry in feed.entries] == ["Politik uang"]
        assert feed.feed.title == "Pengumuman: Politik uang · Pilkada Balikpapan"


def test_an_unknown_category_feed_is_not_found(client):
    fetch(client, "/id/pengumuman/feed/gosip/atom/", status=404)


def test_a_scheduled_announcement_enters_the_feed_at_its_time(client, make_announcement, settings):
    make_announcement(publish_at=SOON, title_ind="Terjadwal")
    assert feedparser.parse(fetch(client, "/id/pengumuman/feed/rss/").content).entries == []

    settings.PORTAL_CLOCK = SOON.isoformat()

    # A new URL, so the check does not depend on the page cache (kept at most five minutes).
    entries = feedparser.parse(fetch(client, "/id/pengumuman/feed/atom/").content).entries
    assert [entry.title for entry in entries] == ["Terjadwal"]


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_fact_check_feeds_hold_published_fact_checks_with_their_verdict(client, make_fact_check, kind):
    make_fact_check(title_ind="Mencoblos lewat WhatsApp?", verdict=Verdict.HOAX)
    make_fact_check(title_ind="Draf", status=Status.DRAFT)

    feed = feedparser.parse(fetch(client, f"/id/cek-fakta/feed/{kind}/").content)

    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Mencoblos lewat WhatsApp?"]
    assert "Penilaian: Hoaks" in feed.entries[0].summary


def test_feed_query_count_is_fixed(client, make_announcement, django_assert_num_queries):
    for _ in range(40):
        make_announcement()

    with django_assert_num_queries(1):
        fetch(client, "/id/pengumuman/feed/atom/")


def _descriptions(xml):
    """Each entry's HTML as a feed reader receives it (after XML unescaping)."""
    root = ET.fromstring(xml)  # noqa: S314 - the portal's own feed, not untrusted input
    return [node.text or "" for node in root.iter() if node.tag in ("description", f"{ATOM}summary")]


@pytest.mark.parametrize("url", [*FEEDS, "/id/cek-fakta/feed/atom/", "/id/cek-fakta/feed/rss/"])
def test_xss_payloads_are_inert_in_feeds(client, make_announcement, make_fact_check, url):
    for language in ("ind", "en"):
        make_announcement(
            **{
                f"title_{language}": XSS_TEXT[:200],
                f"summary_{language}": XSS_TEXT[:300],
                f"body_{language}": XSS_TEXT,
            }
        )
        make_fact_check(
            **{
                f"title_{language}": XSS_TEXT[:200],
                f"claim_{language}": XSS_TEXT,
                f"explanation_{language}": XSS_TEXT,
            }
        )

    xml = fetch(client, url).content

    assert not feedparser.parse(xml).bozo
    assert b"<script" not in xml and b"<img" not in xml
    descriptions = [text for text in _descriptions(xml) if "klik" in text]
    assert descriptions, "the payloads should reach the feed, made harmless"
    for html in descriptions:
        assert fragment_problems(html) == []
    if url.endswith("/rss/"):
        # RSS readers may render titles as HTML, so a title arrives with its markup escaped.
        root = ET.fromstring(xml)  # noqa: S314 - the portal's own feed, not untrusted input
        titles = [node.text for node in root.iter("title") if "alert" in (node.text or "")]
        assert titles and all("<" not in title for title in titles)


@pytest.mark.parametrize("url", ["/id/pengumuman/feed/atom/", "/id/pengumuman/feed/rss/"])
def test_links_in_entries_work_in_a_feed_reader_away_from_the_site(client, make_announcement, url):
    make_announcement(body_ind="Lihat [jadwal](/id/jadwal/) dan [KPU](https://kpu.go.id/).")

    response = fetch(client, url)
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own feed
    entry = feedparser.parse(response.content).entries[0]

    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == "http://testserver/id/pengumuman/"
    assert 'href="http://testserver/id/jadwal/"' in entry.summary
    assert 'href="https://kpu.go.id/"' in entry.summary
    assert 'href="/id/' not in response.content.decode()


def test_a_correction_is_an_updated_entry_that_says_what_changed(client, make_announcement):
    announcement = make_announcement()
    Announcement.objects.filter(pk=announcement.pk).update(
        corrected_at=PAST + timedelta(days=2), correction_note="Jam buka TPS diperbaiki."
    )

    entry = feedparser.parse(fetch(client, "/id/pengumuman/feed/atom/").content).entries[0]

    assert entry.published.startswith("2024-10-09T16:00:00+08:00")
    assert entry.updated.startswith("2024-10-11T16:00:00+08:00")
    assert "Jam buka TPS diperbaiki." in entry.summary.split("Ringkasan")[0]


@pytest.mark.parametrize(
    ("condition", "validator"), [("if-modified-since", "Last-Modified"), ("if-none-match", "ETag")]
)
@pytest.mark.parametrize("kept", [False, True], ids=["fresh", "kept"])
def test_a_feed_reader_revalidating_by_date_or_etag_gets_304(
    client, make_announcement, kept, condition, validator
):
    make_announcement()
    first = fetch(client, "/id/pengumuman/feed/atom/")
    if not kept:
        page_cache.bump_content_version()  # the answer is rendered again, not the kept copy

    again = client.get("/id/pengumuman/feed/atom/", headers={condition: first[validator]})

    assert again.status_code == 304
