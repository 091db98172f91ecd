import itertools
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from announcements.models import Announcement, Category, FactCheck, Status, Verdict
from core.markup import ALLOWED_TAGS

WITA = ZoneInfo("Asia/Makassar")
# The portal's clock is frozen here in every test of this package (settings.PORTAL_CLOCK).
NOW = datetime(2024, 10, 20, 12, 0, tzinfo=WITA)
PAST = datetime(2024, 10, 9, 16, 0, tzinfo=WITA)
SOON = NOW + timedelta(days=3)

EDITOR = "Editor"
PUBLISHER = "Publisher (Verifikator)"

# Script smuggled in every way staff input could carry it; each must arrive inert.
XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body { display: none }</style>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<p style="background:url(javascript:alert(1))">gaya</p>',
    "<div onclick=alert(1)>klik</div>",
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="javascript:alert(1)"><button>kirim</button></form>',
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
]
XSS_TEXT = "\n\n".join(XSS_PAYLOADS)

# webcal:// is the schedule's calendar subscription: it opens a calendar app, it runs nothing.
SAFE_SCHEMES = ("http://", "https://", "webcal://", "mailto:", "tel:", "/", "#", "?")


class _ActiveContentFinder(HTMLParser):
    """Collects every way an HTML document could run script or restyle the page."""

    def __init__(self, allowed_tags=None):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not self._portal_script(attributes):
            self.problems.append(f"<script {attributes}>")
        if tag == "form" and not self._portal_search(attributes):
            self.problems.append("<form>")
        if tag in {"style", "iframe", "object", "embed", "base", "svg", "math"}:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append("<meta http-equiv>")
        if self.allowed_tags is not None and tag not in self.allowed_tags:
            self.problems.append(f"<{tag}> outside the allow-list")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")
            is_link = name in {"href", "src", "action", "formaction", "xlink:href"} and value is not None
            if is_link and not value.strip().lower().startswith(SAFE_SCHEMES):
                self.problems.append(f"{tag}[{name}={value!r}]")

    @staticmethod
    def _portal_script(attributes):
        """The portal's own: JSON-LD data, or its one static script file."""
        return (
            attributes.get("type") == "application/ld+json" or attributes.get("src") == "/static/js/share.js"
        )

    @staticmethod
    def _portal_search(attributes):
        return attributes.get("method") == "get" and attributes.get("action") in {"/id/cari/", "/en/cari/"}


def active_content(html, allowed_tags=None):
    finder = _ActiveContentFinder(allowed_tags)
    finder.feed(html)
    finder.close()
    return finder.problems


def fragment_problems(html):
    """Problems in a sanitised fragment, which may only use the markup allow-list."""
    return active_content(html, allowed_tags=ALLOWED_TAGS)


@pytest.fixture(autouse=True)
def _frozen_portal_clock(settings):
    settings.PORTAL_CLOCK = NOW.isoformat()


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """URLs reversed in a test are Indonesian, whatever language an earlier request left active."""
    with translation.override("id"):
        yield


_numbers = itertools.count(1)


@pytest.fixture
def make_announcement(db):
    def make(**fields):
        number = next(_numbers)
        values = {
            "slug": f"pengumuman-{number}",
            "title_ind": f"Pengumuman nomor {number}",
            "title_en": f"Announcement number {number}",
            "summary_ind": "Ringkasan dalam bahasa Indonesia.",
            "summary_en": "A summary in English.",
            "body_ind": "Isi pengumuman dengan **huruf tebal**.",
            "body_en": "The body with **bold text**.",
            "category": Category.GENERAL,
            "status": Status.PUBLISHED,
            "publish_at": PAST,
            **fields,
        }
        announcement = Announcement(**values)
        announcement.save()
        return announcement

    return make


@pytest.fixture
def make_fact_check(db):
    def make(**fields):
        number = next(_numbers)
        values = {
            "slug": f"cek-fakta-{number}",
            "title_ind": f"Cek fakta nomor {number}",
            "title_en": f"Fact check number {number}",
            "claim_ind": "Klaim yang beredar di grup WhatsApp.",
            "claim_en": "A claim circulating in WhatsApp groups.",
            "explanation_ind": "Penjelasan dengan *sumber resmi*.",
            "explanation_en": "An explanation with *official sources*.",
            "verdict": Verdict.HOAX,
            "status": Status.PUBLISHED,
            "publish_at": PAST,
            **fields,
        }
        fact_check = FactCheck(**values)
        fact_check.save()
        return fact_check

    return make


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("penyunting", password="a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user("penerbit", password="a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHER))
    return user
