"""Absolute and cross-language URLs for links that leave the page (sitemap, sharing, hreflang)."""

from django.conf import settings
from django.urls import translate_url


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
    path = request.get_full_path() if request is not None else "/"
    versions = []
    for code, _name in settings.LANGUAGES:
        versions.append((code, LANGUAGE_NAMES_LOCAL[code], translate_url(path, code)))
    return versions


# Each language is offered in its own name, so a reader finds theirs without knowing the other.
LANGUAGE_NAMES_LOCAL = {"id": "Bahasa Indonesia", "en": "English"}
