"""Absolute and cross-language URLs for links that leave the page (sitemap, sharing, hreflang)."""

from functools import cache

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.http import urlencode

# The query parameters that make a different public page (a category, a page of a list, a
# search, the kelurahan and RT of "find your TPS"). Anything else (?fbclid=, ?utm_source=)
# changes nothing on the page, so it is left out of the address people share and of the key
# the page is cached under (pagecache.middleware).
PAGE_PARAMETERS = ("kategori", "halaman", "q", "kelurahan", "rt")


# Addresses whose every query parameter may change the answer: the API (which refuses the ones
# it does not know), the sitemap (?p=, its page) and preview images (?v=, the card's digest, which
# decides whether the answer may be cached for good).
FULL_ADDRESS_PREFIXES = ("/api/", "/sitemap.xml", *(f"/{code}/og/" for code, _name in settings.LANGUAGES))


def page_query(request, **changes):
    """The query string (``kategori=…&halaman=2``) with only the parameters that change the page.

    Never the others: a page is cached for every reader, so a link that copied the first
    reader's ``?fbclid=`` would hand it to everyone.
    """
    kept = {name: request.GET[name] for name in PAGE_PARAMETERS if request.GET.get(name)}
    kept.update({name: value for name, value in changes.items() if value not in (None, "")})
    return urlencode(kept)


def canonical_path(request):
    """The page's path with only the query parameters that change it, in a fixed order."""
    query = page_query(request)
    return f"{request.path}?{query}" if query else request.path


def cache_address(request):
    """The address a public page is cached under (pagecache.middleware) and kept for outages under.

    A link shared on Facebook gains ``?fbclid=`` with a value unique to each click, and
    campaign links carry ``utm_*``: keyed by the full address, every such click would render
    the page afresh. A public page reads only ``PAGE_PARAMETERS`` and links only with them (its
    language links, canonical address and page links drop the rest), so its answer is the same
    without the others and it is keyed by its canonical address.
    """
    if request.path.startswith(FULL_ADDRESS_PREFIXES):
        return request.build_absolute_uri()
    return request.build_absolute_uri(canonical_path(request))


def absolute_url(path, request=None):
    if path.startswith(("http://", "https://")):
        return path
    if settings.PORTAL_BASE_URL:
        return settings.PORTAL_BASE_URL + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def language_versions(request):
    """The current page in every language, as (code, local name, path) tuples."""
    path = canonical_path(request) if request is not None else "/"
    versions = []
    for code, _name in settings.LANGUAGES:
        versions.append((code, LANGUAGE_NAMES_LOCAL[code], translate_url(path, code)))
    return versions


# Each language is offered in its own name, so a reader finds theirs without knowing the other.
LANGUAGE_NAMES_LOCAL = {"id": "Bahasa Indonesia", "en": "English"}


@cache
def admin_prefix():
    """Where the admin lives, which the page cache and the staff session leave alone."""
    try:
        return reverse("admin:index")
    except NoReverseMatch:  # a URLconf without the admin (some tests)
        return "/admin/"
