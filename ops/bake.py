"""The static mirror: the whole public site written to a folder a plain web server can serve
with the application and the database down (``manage.py bake DIR``; docs/deployment.md).

The site is crawled in-process through the full middleware stack, as a reader's browser would
fetch it: from the sitemap, robots.txt, the feeds, the calendar and the API's index, following
every same-site link, image, stylesheet and script, the preview images in ``og:image`` and the
addresses in the API's answers. Only answers the application marks ``public`` (what a CDN may
keep) are written: a form with a CSRF token, the admin or a private answer never is.

Layout, so that nginx can serve it with ``try_files`` and pick the media type by extension:

- ``/id/jadwal/`` -> ``id/jadwal/index.html``; a feed ``index.atom`` or ``index.rss``; an
  answer without an extension (``/api/v1/results``) -> ``api/v1/results/index.json``;
- a file-like address (``/sitemap.xml``, ``/id/jadwal/kalender.ics``) keeps its name;
- an address with a query (``?halaman=2``, ``?lang=en``, a preview image's ``?v=``) goes under
  ``.q/<query>/`` (only queries of letters, digits, ``=``, ``&``, ``_`` and ``-`` are baked);
- redirects go to ``redirects.conf``, an nginx include of exact-match ``return`` rules.
"""

import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from announcements.models import Announcement, FactCheck
from candidates.models import CandidatePair
from core.urlutils import admin_prefix
from elections.models import Contest, District, Election, Subdistrict
from pagecache import renders

# By media type: the extension a baked file gets when its address has none.
EXTENSIONS = {
    "text/html": "html",
    "application/atom+xml": "atom",
    "application/rss+xml": "rss",
    "text/calendar": "ics",
    "application/json": "json",
    "application/problem+json": "json",
    "application/xml": "xml",
    "text/plain": "txt",
    "text/csv": "csv",
    "application/pdf": "pdf",
}
INDEX_NAMES = tuple(f"index.{extension}" for extension in dict.fromkeys(EXTENSIONS.values()))
SAFE_QUERY = re.compile(r"[A-Za-z0-9=&_-]{1,200}")
FILE_LIKE = re.compile(r"/[^/]+\.[A-Za-z0-9]{2,5}$")
# Addresses whose answer depends on what a reader types: no file can stand in for them.
NOT_BAKED = ("/id/cari/", "/en/cari/")
LINK_ATTRIBUTES = {"href", "src", "content", "srcset", "poster"}
# Marks a folder as a mirror the next bake may replace.
MARKER = ".portal-mirror"
# What the mirror answers for what only the application can do (search, the report form).
OFFLINE_PAGE = Path(settings.BASE_DIR) / "deploy" / "nginx" / "offline.html"
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass
class Report:
    pages: int = 0
    bytes: int = 0
    redirects: dict = field(default_factory=dict)
    skipped: dict = field(default_factory=dict)  # address: why


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name not in LINK_ATTRIBUTES or not value:
                continue
            if name == "srcset":
                self.links += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            elif name != "content" or value.startswith(("/", "http")):
                self.links.append(value)


def start_addresses():
    """Where the crawl begins; everything else is reached by following links."""
    return [
        "/",
        reverse("robots"),
        reverse("sitemap"),
        "/api/v1",
        "/api/openapi.json",
        reverse("api-v1:datapackage"),
        reverse("api-v1:datasets-zip"),
        *api_details(),
    ]


def api_details():
    """The API's single items in both languages: its lists name items by slug, not by address."""
    by_slug = [
        ("api-v1:election", Election.objects.all()),
        ("api-v1:contest", Contest.objects.all()),
        ("api-v1:district", District.objects.all()),
        ("api-v1:subdistrict", Subdistrict.objects.all()),
        ("api-v1:announcement", Announcement.objects.published()),
        ("api-v1:fact-check", FactCheck.objects.published()),
    ]
    paths = [
        reverse(name, kwargs={"slug": slug})
        for name, queryset in by_slug
        for slug in queryset.values_list("slug", flat=True)
    ]
    paths += [
        reverse("api-v1:candidate-pair", kwargs={"contest": contest, "number": number})
        for contest, number in CandidatePair.objects.values_list("contest__slug", "ballot_number")
    ]
    return [*paths, *(f"{path}?lang=en" for path in paths)]


def file_for(address):
    """Where the answer for ``address`` (a path and maybe a query) is written, or None."""
    path, _, query = address.partition("?")
    if query and not SAFE_QUERY.fullmatch(query):
        return None
    if ".." in path.split("/") or any(ord(character) < 32 for character in path):
        return None
    prefix = f".q/{query}" if query else ""
    return f"{prefix}{path}"


def public(cache_control):
    """What the application lets any cache keep (static files are public whatever their age)."""
    fields = {
        name.strip().partition("=")[0]: name.strip().partition("=")[2] for name in cache_control.split(",")
    }
    max_age = fields.get("max-age", "")
    return "public" in fields and "private" not in fields and max_age.isdigit() and int(max_age) > 0


def write(folder, relative, content_type, body):
    """Write one answer where nginx looks for it, whole or not at all (a reader of the mirror
    never gets half a file while it is replaced)."""
    target = Path(folder) / _target(relative, content_type).lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(body)
    os.replace(partial, target)
    return target


def remove(folder, relative):
    """Remove a withdrawn answer, whatever extension it was written with."""
    base = Path(folder) / relative.lstrip("/")
    candidates = [base / name for name in INDEX_NAMES] if relative.endswith("/") else [base]
    for candidate in candidates:
        candidate.unlink(missing_ok=True)


def _target(relative, content_type):
    if relative.endswith("/"):
        return f"{relative}index.{EXTENSIONS.get(content_type, 'html')}"
    if FILE_LIKE.search(relative):
        return relative
    return f"{relative}/index.{EXTENSIONS.get(content_type, 'json')}"


class Baker:
    """Crawls the public site through ``client`` and writes it under ``folder``."""

    def __init__(self, folder, base_url=""):
        self.folder = Path(folder)
        base = urlsplit(base_url or settings.PORTAL_BASE_URL or "http://localhost")
        self.host = base.netloc
        self.scheme = base.scheme or "http"
        # A page that fails is left out (and reported), never the end of the whole bake.
        # Current pages only: a previous copy the page cache serves while a page renders again
        # after a change would freeze the old page into the mirror.
        self.client = Client(
            HTTP_HOST=self.host, raise_request_exception=False, **{renders.FRESH_ENVIRON_KEY: True}
        )
        self.report = Report()

    def bake(self):
        seen = set()
        queue = deque(start_addresses())
        while queue:
            address = queue.popleft()
            if address in seen:
                continue
            seen.add(address)
            queue.extend(link for link in self.visit(address) if link not in seen)
        self.write_redirects()
        return self.report

    def visit(self, address):
        """Fetch, write and return the same-site addresses the answer links to."""
        # Files are named as nginx looks them up: by the decoded path ($uri).
        path = unquote(address.partition("?")[0])
        if path.startswith(admin_prefix()) or path in NOT_BAKED:
            return self._skip(address, "not public or not bakeable") or []
        if path.startswith(settings.MEDIA_URL):
            return self.copy_media(path) or []
        query = urlsplit(address).query
        relative = file_for(f"{path}?{query}" if query else path)
        if relative is None:
            return self._skip(address, "query not bakeable") or []
        response = self.client.get(address, secure=self.scheme == "https")
        if response.status_code in (301, 302, 307, 308):
            target = self.local(response["Location"], address)
            if target and not urlsplit(address).query:
                self.report.redirects[path] = (response.status_code, target)
            return [target] if target else []
        if response.status_code != 200:
            return self._skip(address, f"answered {response.status_code}") or []
        if not (path.startswith(settings.STATIC_URL) or self.public(response)):
            return self._skip(address, "not public (Cache-Control)") or []
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response.get("Content-Type", "").partition(";")[0].strip()
        write(self.folder, relative, content_type, body)
        self.report.pages += 1
        self.report.bytes += len(body)
        return self.links(address, content_type, body)

    @staticmethod
    def public(response):
        return public(response.get("Cache-Control", ""))

    def links(self, address, content_type, body):
        if content_type == "text/html":
            parser = _Links()
            parser.feed(body.decode("utf-8", "replace"))
            found = parser.links
        elif content_type == "text/css":
            found = CSS_URL.findall(body.decode("utf-8", "replace"))
        elif content_type in ("application/xml", "application/atom+xml", "application/rss+xml"):
            found = self._xml_links(body)
        elif content_type == "application/json":
            # Addresses in the API's answers; an OpenAPI path template ({slug}) names no answer.
            found = [
                link
                for link in re.findall(r'"(/[^"\s]*|https?://[^"\s]+)"', body.decode("utf-8", "replace"))
                if not re.search(r"[{}\\]", link)
            ]
        elif content_type == "text/plain":
            found = re.findall(r"(?:Sitemap|Allow):\s*(\S+)", body.decode("utf-8", "replace"))
        else:
            found = []
        return [local for link in found if (local := self.local(link, address))]

    @staticmethod
    def _xml_links(body):
        try:
            root = ET.fromstring(body)  # noqa: S314 - our own sitemap and feeds
        except ET.ParseError:
            return []
        found = [
            element.text.strip() for element in root.iter() if element.tag.endswith("loc") and element.text
        ]
        found += [element.get("href") for element in root.iter() if element.get("href")]
        found += [element.text.strip() for element in root.iter() if element.tag == "link" and element.text]
        return found

    def local(self, link, base):
        """``link`` as a path on this site (with its query), or None for another site."""
        link = link.strip()
        if not link or link.startswith(("#", "mailto:", "tel:", "data:", "javascript:", "webcal:")):
            return None
        absolute = urljoin(f"{self.scheme}://{self.host}{base}", link)
        if not url_has_allowed_host_and_scheme(absolute, allowed_hosts={self.host}):
            return None
        parts = urlsplit(absolute)
        return f"{parts.path}?{parts.query}" if parts.query else parts.path

    def copy_media(self, path):
        """An uploaded photo a public page shows, copied from storage (the application may not
        serve media itself). ``path`` is decoded."""
        name = path.removeprefix(settings.MEDIA_URL)
        if ".." in name.split("/") or not default_storage.exists(name):
            return self._skip(path, "no such upload")
        target = self.folder / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as upload:
            body = upload.read()
        target.write_bytes(body)
        self.report.pages += 1
        self.report.bytes += len(body)
        return None

    def _skip(self, address, why):
        self.report.skipped[address] = why

    def write_redirects(self):
        rules = [
            f"location = {source} {{ return {status} {target}; }}\n"
            for source, (status, target) in sorted(self.report.redirects.items())
            if re.fullmatch(r"/[A-Za-z0-9/._-]*", source) and re.fullmatch(r"/[A-Za-z0-9/._?=&-]*", target)
        ]
        (self.folder / "redirects.conf").write_text("".join(rules))


class NotAMirror(Exception):
    """The folder holds something other than an earlier bake: it is never replaced."""


def bake(folder, base_url=""):
    """Write the public site to ``folder``, built beside it and swapped in whole, so nginx never
    serves half a mirror and nothing withdrawn lingers. Only a folder that is missing, empty or
    marked as an earlier bake (``MARKER``) is replaced: a mistyped path never loses data."""
    folder = Path(folder).resolve()
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise NotAMirror(folder)
    building = folder.with_name(f".{folder.name}.building")
    old = folder.with_name(f".{folder.name}.old")
    for leftover in (building, old):  # from a bake that was interrupted
        if leftover.exists():
            shutil.rmtree(leftover)
    building.mkdir(parents=True)
    report = Baker(building, base_url).bake()
    shutil.copyfile(OFFLINE_PAGE, building / "offline.html")
    (building / MARKER).write_text("Written by python manage.py bake; replaced whole by the next bake.\n")
    if folder.exists():
        folder.rename(old)
    building.rename(folder)
    if old.exists():
        shutil.rmtree(old)
    return report
