"""Helpers for tests that walk every public page: the demo data and the sitemap's addresses."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from io import StringIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import translation

from announcements.models import Announcement, FactCheck, Status, Verdict

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITEMAP_LOC = f"{SITEMAP}loc"
# Voting day, the busiest one: every stage, result and announcement of the demo is in place.
VOTING_DAY = "2024-11-27T08:00+08:00"


def load_demo():
    with translation.override("id"):
        call_command("load_demo", stdout=StringIO())


def add_fact_check_for_voting_day():
    """A test-only fact check readers can see on VOTING_DAY, never part of the demo data.

    The demo's one fact check is real (Tirto, 10 December 2024) and checks a claim made after
    voting day, so on VOTING_DAY it is not yet published; pages that need one get this instead.
    """
    FactCheck(
        slug="uji-cek-fakta-hari-pemungutan",
        title_ind="Cek fakta uji",
        title_en="Test fact check",
        claim_ind="Klaim uji.",
        claim_en="A test claim.",
        explanation_ind="Penjelasan uji.",
        explanation_en="A test explanation.",
        verdict=Verdict.HOAX,
        status=Status.PUBLISHED,
        publish_at=datetime(2024, 11, 26, 9, 0, tzinfo=ZoneInfo("Asia/Makassar")),
    ).save()


def sitemap_paths(client):
    """Every address in /sitemap.xml (both languages), as paths on the test server."""
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own sitemap
    return [urlsplit(loc.text).path for loc in root.iter(SITEMAP_LOC)]


def other_paths():
    """Pages outside the sitemap (feeds, calendar, histories, filtered lists, the current
    election's short addresses), both languages."""
    announcement = Announcement.objects.published().order_by("publish_at").first().slug
    fact_check = FactCheck.objects.published().order_by("publish_at").first().slug
    paths = ["/sitemap.xml", "/robots.txt"]
    for language in ("id", "en"):
        paths += [
            f"/{language}/{path}"
            for path in (
                "laporkan/terima-kasih/",
                "jadwal/kalender.ics",
                "pengumuman/feed/atom/",
                "pengumuman/feed/rss/",
                "pengumuman/feed/politik-uang/atom/",
                "cek-fakta/feed/atom/",
                "cek-fakta/feed/rss/",
                f"pengumuman/{announcement}/riwayat/",
                f"cek-fakta/{fact_check}/riwayat/",
                "pengumuman/?kategori=politik-uang",
                "pengumuman/?halaman=1",
                # The current election's short addresses (elections.links).
                "jadwal/",
                "pemilih/",
                "pemilih/balikpapan-kota/",
                "pemilih/balikpapan-kota/damai/",
                "cari-tps/",
                "hasil/",
                "calon/",
                "pemilihan/pilkada-2024/hasil/riwayat/feed/",
            )
        ]
    return paths


def sitemap_entries(client):
    """{path: lastmod text or None} for every address in /sitemap.xml."""
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own sitemap
    return {
        urlsplit(url.findtext(SITEMAP_LOC)).path: url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


def structured_data(html):
    """The page's JSON-LD block, parsed; None when it has none."""
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1)) if block else None
