"""Public-page caching that never serves a stale page after a content change.

Every cached page key carries the current content version; saving or deleting any content
object bumps the version (see ``portal.signals``), so the next request renders afresh at the
origin. A CDN in front keeps a page for at most ``PORTAL_PUBLIC_MAX_AGE`` seconds.

The origin keeps a page no longer than that same max-age, and the version a request reads
when it starts is the one its page is stored under. So whatever does not fire a save signal
(a scheduled announcement whose time has come, a new day in the schedule) shows at the origin
within max-age, and a CDN never receives a copy older than max-age (Django's ``Age`` header
stays within it). With Redis, each worker also keeps copies of the pages it serves
(``portal.pagecopies``), so a hit costs one small Redis read, the version. ``PORTAL_PAGE_CACHE=0``
renders every page afresh (the benchmark's "uncached" run) with the same headers.

Each freshly rendered page is also kept as the URL's "last good" copy for a day: when the
database cannot be reached, a reader gets that copy instead of the outage page.
"""

import hashlib
import time
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import InterfaceError, OperationalError
from django.middleware.cache import CacheMiddleware
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.decorators import decorator_from_middleware_with_args

from .db_routers import pin_to_primary
from .pagecopies import PageCopies

CONTENT_VERSION_KEY = "portal:content-version"
LAST_GOOD_TIMEOUT = 24 * 60 * 60

# The content version this request's page is fetched and stored under (set by public_page).
_request_version = ContextVar("portal_page_version", default=None)
# This worker's copies of pages cached in Redis (portal.pagecopies).
page_copies = PageCopies()


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
    """Django's cache middleware keyed by the request's content version, with local copies."""

    @property
    def key_prefix(self):
        return f"page.v{_request_version.get() or content_version()}"

    @key_prefix.setter
    def key_prefix(self, value):
        # CacheMiddleware assigns a fixed prefix in __init__; the version replaces it.
        pass

    @property
    def cache(self):
        return page_copies.over(caches[self.cache_alias])

    def process_response(self, request, response):
        # The ETag is worked out once and kept with the cached page, not hashed again per hit.
        if (
            request.method == "GET"
            and getattr(response, "is_rendered", True)
            and not response.has_header("ETag")
        ):
            set_response_etag(response)
        return super().process_response(request, response)


_versioned_cache = decorator_from_middleware_with_args(VersionedCacheMiddleware)


def public_page(view):
    """Cache a public view per URL and language, and let browsers and a CDN reuse it briefly."""
    max_age = settings.PORTAL_PUBLIC_MAX_AGE

    @wraps(view)
    def rendered(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and request.method == "GET" and not response.streaming:
            _remember_last_good(request, response)
        return response

    cached_view = _versioned_cache(page_timeout=max_age)(rendered)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.portal_public_page = True  # the fast path may keep it (portal.fastpath)
        try:
            response = _cached_or_fresh(cached_view, rendered, request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            # The database is out of reach: the last good copy beats an outage page.
            response = cache.get(_last_good_key(request)) if request.method in ("GET", "HEAD") else None
            if response is None:
                raise
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


def _cached_or_fresh(cached_view, rendered, request, *args, **kwargs):
    if not settings.PORTAL_PAGE_CACHE:
        return rendered(request, *args, **kwargs)
    version = content_version()
    if version is None:
        # The shared cache is out of reach: render afresh rather than risk an outdated copy.
        return rendered(request, *args, **kwargs)
    if time.time_ns() - version < settings.DATABASE_REPLICA_GRACE_SECONDS * 10**9:
        # Content changed moments ago: a read replica may not have it yet, and what is rendered
        # now stays cached under the new version, so read from the primary.
        pin_to_primary()
    token = _request_version.set(version)
    try:
        return cached_view(request, *args, **kwargs)
    finally:
        _request_version.reset(token)


# Query parameters that make a different public page worth keeping for an outage; an address
# with any other (?fbclid=, ?utm_source=, a random one) would only fill the cache for a day.
LAST_GOOD_PARAMETERS = frozenset({"kategori", "halaman", "lang"})


def _remember_last_good(request, response):
    if not LAST_GOOD_PARAMETERS.issuperset(request.GET):
        return
    key = _last_good_key(request)
    if callable(getattr(response, "render", None)):
        # A TemplateResponse is kept once it has been rendered, as CacheMiddleware does.
        response.add_post_render_callback(lambda rendered: _keep(key, rendered))
    else:
        _keep(key, response)


def _keep(key, response):
    # Returns None: a post-render callback's return value would replace the response.
    cache.set(key, response, LAST_GOOD_TIMEOUT)


def _last_good_key(request):
    url = f"{getattr(request, 'LANGUAGE_CODE', '')}:{request.build_absolute_uri()}"
    return "page.last-good." + hashlib.sha256(url.encode()).hexdigest()
