"""Public pages: cached without ever serving a stale page after a content change.

``public_page`` marks a view as one whose answer is the same for every reader of a URL in a
language; ``portal.fastpath`` keeps those answers. Every kept page's key carries the current
content version; committing a change to any content object starts a new one (see
``portal.signals``), so the next request renders afresh at the origin. A CDN in front keeps a
page for at most ``PORTAL_PUBLIC_MAX_AGE`` seconds.

The origin keeps a page no longer than that same max-age, and the version a request reads
when it starts is the one its page is stored under. So whatever does not fire a save signal
(a scheduled announcement whose time has come, a new day in the schedule) shows at the origin
within max-age, and a CDN never receives a copy older than max-age (the ``Age`` header stays
within it). With Redis, each worker also keeps copies of the pages it serves
(``portal.pagecopies``), so a hit costs one small Redis read, the version. ``PORTAL_PAGE_CACHE=0``
renders every page afresh (the benchmark's "uncached" run) with the same headers.

Each freshly rendered page is also kept as the URL's "last good" copy for a day: when the
database cannot be reached, a reader gets that copy instead of the outage page.
"""

import hashlib
import time
from functools import wraps
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.utils.cache import patch_cache_control

from .db_routers import pin_to_primary
from .pagecopies import PageCopies
from .urlutils import cache_address

CONTENT_VERSION_KEY = "portal:content-version"
LAST_GOOD_TIMEOUT = 24 * 60 * 60

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


def public_page(view):
    """Mark a view a public page: one the fast path keeps per URL and language, and browsers and
    a CDN may reuse briefly (``Cache-Control``, ``ETag``); its last good copy outlives outages."""
    max_age = settings.PORTAL_PUBLIC_MAX_AGE

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.portal_public_page = True  # the fast path keeps it (portal.fastpath)
        _read_the_primary_after_a_change(request)
        try:
            response = view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            # The database is out of reach: the last good copy beats an outage page.
            response = cache.get(_last_good_key(request)) if request.method in ("GET", "HEAD") else None
            if response is None:
                raise
        else:
            if response.status_code == 200 and request.method == "GET" and not response.streaming:
                _remember_last_good(request, response)
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            # A view may say its answer never changes at this address (a digest in the URL).
            forever = getattr(response, "portal_max_age", None)
            if forever:
                patch_cache_control(response, public=True, max_age=forever, immutable=True)
            else:
                patch_cache_control(
                    response,
                    public=True,
                    max_age=max_age,
                    stale_while_revalidate=max_age * 5,
                    stale_if_error=24 * 60 * 60,
                )
        return response

    return wrapped


def _read_the_primary_after_a_change(request):
    if not settings.PORTAL_PAGE_CACHE:
        return
    # The version the fast path read when the request came in, the one the page is kept under.
    version = getattr(request, "portal_content_version", None) or content_version()
    if version is not None and time.time_ns() - version < settings.DATABASE_REPLICA_GRACE_SECONDS * 10**9:
        # Content changed moments ago: a read replica may not have it yet, and what is rendered
        # now stays cached under the new version, so read from the primary.
        pin_to_primary()


# Query parameters that make a different public page worth keeping for an outage. A page is
# kept under its canonical address, without ?fbclid= or ?utm_source=; a search (?q=) or an API
# address with other parameters would only fill the cache for a day.
LAST_GOOD_PARAMETERS = frozenset({"kategori", "halaman", "lang"})


def _remember_last_good(request, response):
    if not LAST_GOOD_PARAMETERS.issuperset(parse_qs(urlsplit(cache_address(request)).query)):
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
    url = f"{getattr(request, 'LANGUAGE_CODE', '')}:{cache_address(request)}"
    return "page.last-good." + hashlib.sha256(url.encode()).hexdigest()
