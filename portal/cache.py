"""Public-page caching that never serves a stale page after a content change.

Every cached page key carries the current content version; saving or deleting any content
object bumps the version (see ``portal.signals``), so the next request renders afresh at the
origin. A CDN in front keeps a page for at most ``PORTAL_PUBLIC_MAX_AGE`` seconds.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.middleware.cache import CacheMiddleware
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware_with_args

CONTENT_VERSION_KEY = "portal:content-version"


def content_version():
    """The current content version; a fresh one is started when the cache has none."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def bump_content_version():
    cache.set(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)


class VersionedCacheMiddleware(CacheMiddleware):
    """Django's cache middleware with a key prefix read afresh on every request."""

    @property
    def key_prefix(self):
        return f"page.v{content_version()}"

    @key_prefix.setter
    def key_prefix(self, value):
        # CacheMiddleware assigns a fixed prefix in __init__; the version replaces it.
        pass


_versioned_cache = decorator_from_middleware_with_args(VersionedCacheMiddleware)


def public_page(view):
    """Cache a public view per URL and language, and let browsers and a CDN reuse it briefly."""
    max_age = settings.PORTAL_PUBLIC_MAX_AGE
    cached_view = _versioned_cache(page_timeout=max_age * 5)(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = cached_view(request, *args, **kwargs)
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            response.headers.pop("Expires", None)
            patch_cache_control(
                response,
                public=True,
                max_age=max_age,
                stale_while_revalidate=max_age * 5,
                stale_if_error=24 * 60 * 60,
            )
        return response

    return wrapped
