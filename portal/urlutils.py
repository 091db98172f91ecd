"""Absolute and cross-language URLs for links that leave the page (sitemap, sharing, hreflang)."""

from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode

# The query parameters that make a different public page (a category, a page of a list, a
# search). Anything else (?fbclid=, ?utm_source=) changes nothing on the page, so it is left out
# of the address people share and of the key the page is cached under (portal.fastpath).
PAGE_PARAMETERS = ("kategori", "halaman", "q")


def canonical_path(request):
    """The page's path with only the query parameters that change it, in a fixed order."""
    kept = [(name, request.GET[name]) for name in PAGE_PARAMETERS if request.GET.get(name)]
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


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
