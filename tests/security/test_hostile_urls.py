"""Hostile input through every public URL and parameter: a clear 4xx (or a redirect, or the
page ignoring what it does not know), never a 500.

URLs come from the sitemap (every public page in both languages) and from the URL patterns
themselves (feeds, calendars, attachments, images, API), each attacked in its path and its query.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "../../../../etc/passwd",
    "%00",
    "%E0%A4%A",
    "%ff%fe%fd",
    "%",
    "-1",
    "99999999999999999999999999999999",
    "1e309",
    "\u202egnp.exe 😀",
    "A" * 4000,
]
# Raw query strings (already encoded as an attacker would send them).
HOSTILE_QUERIES = [
    "halaman=1&halaman=2&kategori=umum&kategori=x",
    "kategori[]=umum&halaman[]=1",
    "%ff%fe=%E0%A4%A",
    "a=%",
    "=",
    "&&&",
    "x" * 3000,
    "lang=xx&format=json&page=-1&callback=alert",
]
HOSTILE_PATH_TAILS = [
    "%00/",
    "%E0%A4%A/",
    "%ff%fe/",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "<script>alert(1)</script>/",
    "a" * 3000 + "/",
    "99999999999999999999999999999/",
    "-1/",
    "%252e%252e%252f/",
    "%C0%AE%C0%AE/",
]
HOSTILE_PATHS = [
    "/xx/",
    "/xx/jadwal/",
    "/ID/",
    "/id-ID/",
    "/en-us/",
    "/id/../admin/",
    "//evil.example/",
    "/id//jadwal/",
    "/id/jadwal",
    "/%00",
    "/id/%00",
    "/static/../manage.py",
    "/static/%2e%2e/%2e%2e/manage.py",
    "/media/../var/db.sqlite3",
    "/media/%2e%2e/%2e%2e/etc/passwd",
    "/healthz/%00",
    "/sitemap.xml?p=-1",
    "/sitemap.xml?p=abc",
    "/sitemap.xml?p=99999999999999999999999",
    "/sitemap-%00.xml",
    "/api/%00",
    "/api/v1/%ff",
    "/admin/%00",
    "/admin/login/?next=//evil.example/",
    "/admin/login/?next=%00",
]
# Path converters filled with well-formed values that match nothing.
CONVERTER_VALUES = {
    "int": ["0", "999999999", "99999999999999999999999999999"],
    "slug": ["tidak-ada", "a" * 300, "-", "_"],
    "str": ["tidak-ada", "%00", "%E0%A4%A"],
    "path": ["tidak/ada", "..%2f..%2fetc", "%00"],
}


def bad(client, url, **extra):
    response = client.get(url, **extra)
    return response.status_code >= 500, response


def sitemap_urls(client):
    xml = client.get("/sitemap.xml").content.decode()
    return sorted({loc.replace("http://testserver", "") for loc in re.findall(r"<loc>(.*?)</loc>", xml)})


def one_per_route(paths):
    """One URL per view: attacking 140 pages of the same kind adds nothing."""
    chosen, seen = [], {}
    for path in paths:
        with translation.override(translation.get_language_from_path(path) or "id"):
            match = resolve(path.split("?")[0])
        name = (match.view_name, match.route)
        if seen.get(name, 0) < 1:
            seen[name] = seen.get(name, 0) + 1
            chosen.append(path)
    return chosen


def pattern_templates(patterns=None, prefix=""):
    """Every public URL pattern as a path template with its converters, e.g. calon/<slug>/<int>/."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue
            yield from pattern_templates(entry.url_patterns, prefix + _language_prefix(entry, route))
        elif isinstance(entry, URLPattern):
            yield prefix + route


def _language_prefix(resolver, route):
    return "id/" if "LocalePrefixPattern" in type(resolver.pattern).__name__ else route


def filled(template, values):
    converters = re.findall(r"<(?:(\w+):)?\w+>", template)
    if not converters:
        return ["/" + template.lstrip("^").rstrip("$")] if "(" not in template else []
    urls = []
    for converter in set(converters):
        for value in values.get(converter or "str", []):
            url = re.sub(
                r"<(?:(\w+):)?\w+>",
                lambda m, v=value, c=converter: v if (m[1] or "str") == c else "x",
                template,
            )
            urls.append("/" + url.lstrip("^").rstrip("$"))
    return urls


@pytest.fixture
def public_urls(demo, client):
    # The sitemap itself is attacked in HOSTILE_PATHS: rendering all of it per value adds nothing.
    fixed = [url for template in pattern_templates() if "<" not in template for url in filled(template, {})]
    urls = one_per_route(sitemap_urls(client) + [url for url in fixed if url != "/sitemap.xml"])
    return [*urls, "/"]


def test_every_public_page_answers_hostile_query_parameters_without_a_server_error(public_urls):
    client = Client(raise_request_exception=False)
    failures = []
    for url in public_urls:
        for query in HOSTILE_QUERIES:
            failed, response = bad(client, f"{url}?{query}")
            if failed:
                failures.append((url, query[:40], response.status_code))
        for value in HOSTILE_VALUES:
            v = value if "%" in value else quote(value, safe="")
            # Every parameter the portal reads, and an unknown one, carry the same value at once.
            failed, response = bad(
                client, f"{url}?halaman={v}&kategori={v}&lang={v}&q={v}&p={v}&limit={v}&offset={v}&{v}={v}"
            )
            if failed:
                failures.append((url, value[:40], response.status_code))
    assert failures == []


def test_every_public_page_answers_hostile_path_tails_without_a_server_error(public_urls):
    client = Client(raise_request_exception=False)
    failures = []
    for url in public_urls:
        base = url if url.endswith("/") else url + "/"
        for tail in HOSTILE_PATH_TAILS:
            failed, response = bad(client, base + tail)
            if (
                failed
                or response.status_code == 200
                and "<script>alert" in response.content.decode(errors="ignore")
            ):
                failures.append((url, tail[:40], response.status_code))
    assert failures == []


def test_hostile_paths_get_a_clear_client_error(demo):
    client = Client(raise_request_exception=False)
    failures = []
    for path in HOSTILE_PATHS:
        response = client.get(path)
        if response.status_code not in (200, 301, 302, 400, 403, 404, 405):
            failures.append((path, response.status_code))
        elif response.status_code == 200 and (
            b"root:" in response.content or b"SECRET_KEY" in response.content
        ):
            failures.append((path, "leaked a file"))
    assert failures == []


def test_every_url_pattern_answers_values_that_match_nothing_with_a_client_error(demo):
    client = Client(raise_request_exception=False)
    failures = []
    templates = list(pattern_templates())
    assert len(templates) > 20, templates
    for template in templates:
        for url in filled(template, CONVERTER_VALUES):
            for language_url in {url, url.replace("/id/", "/en/", 1)}:
                failed, response = bad(client, language_url)
                if failed:
                    failures.append((language_url[:80], response.status_code))
    assert failures == []


def test_other_methods_on_public_pages_are_refused_cleanly(public_urls):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    failures = []
    for method in ["post", "put", "patch", "delete", "trace"]:
        for url in [*public_urls, "/sitemap.xml"]:
            response = getattr(client, method)(
                url, data="a=%00&b=<script>", content_type="application/x-www-form-urlencoded"
            )
            # TRACE is a safe method and changes nothing; a read-only answer to it is harmless.
            if response.status_code >= 500 or response.status_code == 200 and method != "trace":
                failures.append((method, url, response.status_code))
    assert failures == []


HOSTILE_HEADERS = [
    {"HTTP_HOST": "evil.example"},
    {"HTTP_HOST": "localhost:99999999"},
    {"HTTP_HOST": "local\x00host"},
    {"HTTP_ACCEPT_LANGUAGE": "xx-YY,zz;q=abc," + "a" * 3000},
    {"HTTP_ACCEPT_LANGUAGE": "\x00"},
    {"HTTP_IF_MODIFIED_SINCE": "yesterday"},
    {"HTTP_IF_NONE_MATCH": '"' + "x" * 3000},
    {"HTTP_RANGE": "bytes=99999999999-"},
    {"HTTP_X_FORWARDED_FOR": "<script>, 999.999.999.999"},
    {"HTTP_X_FORWARDED_PROTO": "gopher"},
    {"HTTP_COOKIE": "sessionid=%00; csrftoken=" + "x" * 4000},
]


def test_hostile_headers_never_cause_a_server_error(demo):
    client = Client(raise_request_exception=False)
    failures = []
    for headers in HOSTILE_HEADERS:
        for url in ["/", "/id/", "/id/jadwal/", "/sitemap.xml", "/healthz", "/admin/login/"]:
            response = client.get(url, **headers)
            if response.status_code >= 500:
                failures.append((url, list(headers), response.status_code))
    assert failures == []
