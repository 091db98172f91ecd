"""Weight of the pages on a cheap phone: the home page's HTML, CSS and JS under 50 KB compressed,
nothing loaded from other hosts, every image with its size (no layout jumps)."""

import gzip
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from announcements.models import Announcement
from tests.candidates.photos import photo_bytes
from tests.support.pages import VOTING_DAY, load_demo, sitemap_paths

pytestmark = pytest.mark.django_db

BUDGET = 50 * 1024
HOST = "testserver"
# Attributes of these tags make the browser fetch something (or point at where it would).
URL_ATTRIBUTES = {
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("srcset", "src"),
}


class Tags(HTMLParser):
    """The tags of a page that load something, with their attributes."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if tag in URL_ATTRIBUTES:
            self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        return parser.tags


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def compressed(data):
    return len(gzip.compress(data, compresslevel=6))


def urls(tag, attrs):
    for name in URL_ATTRIBUTES[tag]:
        value = attrs.get(name) or ""
        candidates = value.split(",") if name == "srcset" else [value]
        yield from (candidate.strip().split(" ")[0] for candidate in candidates if candidate.strip())


@pytest.fixture
def demo(settings):
    """The demo data on voting day, with one photo so that pages carry an image."""
    settings.PORTAL_CLOCK = VOTING_DAY
    load_demo()
    announcement = Announcement.objects.order_by("publish_at").first()
    announcement.cover = SimpleUploadedFile(
        "sampul.jpg", photo_bytes(size=(800, 450)), content_type="image/jpeg"
    )
    announcement.cover_alt_ind = "Foto contoh untuk uji halaman"
    announcement.cover_alt_en = "Sample photo for the page test"
    announcement.save()


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_home_page_with_its_css_and_js_is_under_50_kb_compressed(client, demo, language):
    page = client.get(f"/{language}/")
    tags = Tags.of(page.content.decode())
    assets = [attrs["href"] for tag, attrs in tags if tag == "link" and attrs.get("rel") == "stylesheet"]
    assets += [attrs["src"] for tag, attrs in tags if tag == "script" and attrs.get("src")]

    weights = {f"/{language}/": compressed(page.content)}
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        weights[url] = compressed(body(response))

    assert any(url.endswith(".css") for url in assets)
    assert sum(weights.values()) < BUDGET, weights


def test_public_pages_load_nothing_from_other_hosts_and_give_every_image_its_size(client, demo):
    foreign, unsized, images = [], [], 0

    for path in sitemap_paths(client):
        for tag, attrs in Tags.of(client.get(path).content.decode()):
            for url in urls(tag, attrs):
                parts = urlsplit(url)
                if (parts.scheme or url.startswith("//")) and parts.hostname != HOST:
                    foreign.append((path, tag, url))
            if tag == "img":
                images += 1
                if not (attrs.get("width") and attrs.get("height")):
                    unsized.append((path, attrs.get("src")))

    assert images > 0
    assert foreign == []
    assert unsized == []
