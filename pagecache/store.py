"""Public pages: cached without ever serving a stale page after a content change.

``public_page`` marks a view as one whose answer is the same for every reader of a URL in a
language; ``pagecache.middleware`` keeps those answers. Every kept page's key carries the current
content version; committing a change to any content object starts a new one (see
``pagecache.signals``), so the next request renders afresh at the origin. A CDN in front keeps a
page for at most ``PORTAL_PUBLIC_MAX_AGE`` seconds.

The origin keeps a page no longer than that same max-age, and the version a request reads
when it starts is the one its page is stored under. So whatever does not fire a save signal
(a scheduled announcement whose time has come, a new day in the schedule) shows at the origin
within max-age, and a CDN never receives a copy older than max-age (the ``Age`` header stays
within it). With Redis, each worker also keeps copies of the pages it serves
(``pagecache.local_copies``), so a hit costs one small Redis read, the version. ``PORTAL_PAGE_CACHE=0``
renders every page afresh (the benchmark's "uncached" run) with the same headers.

Each freshly rendered canonical page is also kept as the URL's "last good" copy for a day: when
the database cannot be reached, a reader gets that copy instead of the outage page.

Anyone can make up addresses, so what is kept stays bounded: a page answers only the page
parameters it reads (``reads``; any other is redirected away), lists answer 404 for a page or
category that does not exist, pages with a free-form query (a search, API paging) are kept
within a budget per max-age and never as a last good copy. Redis itself needs a memory limit
and an eviction policy all the same (docs/operations.md).
"""

import hashlib
import time
from functools import wraps
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from core.urlutils import FULL_ADDRESS_PREFIXES, PAGE_PARAMETERS, cache_address
from pagecache.local_copies import PageCopies, PageStore
from pagecache.replica import pin_to_primary

CONTENT_VERSION_KEY = "portal:content-version"
# How long past max-age a CDN, and the origin while the page renders again, may serve a page.
STALE_MAX_AGES = 5
LAST_GOOD_TIMEOUT = 24 * 60 * 60

# This worker's copies of pages cached in Redis (pagecache.local_copies).
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


def public_page(view=None, *, reads=()):
    """Mark a view a public page: one the fast path keeps per URL and language, and browsers and
    a CDN may reuse briefly (``Cache-Control``, ``ETag``); its last good copy outlives outages.

    ``reads`` names the page parameters (``core.urlutils.PAGE_PARAMETERS``) the view reads;
    an address with another one is redirected to the address without it, so ``?halaman=…`` on
    a page without pages is not kept as a page of its own. (API addresses check their own.)
    """
    if view is None:
        return lambda view: public_page(view, reads=reads)
    max_age = settings.PORTAL_PUBLIC_MAX_AGE
    ignored = frozenset(PAGE_PARAMETERS) - frozenset(reads)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.portal_public_page = True  # the fast path keeps it (pagecache.middleware)
        if not request.path.startswith(FULL_ADDRESS_PREFIXES) and any(request.GET.get(n) for n in ignored):
            return _without(request, ignored)
        _read_the_primary_after_a_change(request)
        try:
            response = view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            # The database is out of reach: the last good copy beats an outage page.
            response = last_good.get(_last_good_key(request)) if request.method in ("GET", "HEAD") else None
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
                    stale_while_revalidate=max_age * STALE_MAX_AGES,
                    stale_if_error=24 * 60 * 60,
                )
        return response

    return wrapped


def _without(request, ignored):
    kept = {name: value for name, value in request.GET.items() if name not in ignored}
    return HttpResponsePermanentRedirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)


def _read_the_primary_after_a_change(request):
    if not settings.PORTAL_PAGE_CACHE:
        return
    # The version the fast path read when the request came in, the one the page is kept under.
    version = getattr(request, "portal_content_version", None) or content_version()
    if version is not None and time.time_ns() - version < settings.DATABASE_REPLICA_GRACE_SECONDS * 10**9:
        # Content changed moments ago: a read replica may not have it yet, and what is rendered
        # now stays cached under the new version, so read from the primary.
        pin_to_primary()


# Query parameters whose every valid value is a page of its own: lists check theirs (404 for a
# page or category that does not exist) and the API its language. Any other (a search, API
# paging) is free-form: such a page is kept within QUERY_BUDGET, and never for an outage.
# "Find your TPS" answers (kelurahan and RT) are bounded by the RTs on record and most wanted
# on voting day; an unknown one answers 404 and is never kept.
CANONICAL_PARAMETERS = frozenset({"kategori", "halaman", "lang", "kelurahan", "rt"})
QUERY_BUDGET_KEY = "page.query-budget"

# Last good copies: read only during a database outage, so no local copies in front.
last_good = PageStore(cache)


def canonical(request):
    """Whether the page's address has no free-form query (``core.urlutils.cache_address``)."""
    return CANONICAL_PARAMETERS.issuperset(parse_qs(urlsplit(cache_address(request)).query))


def within_query_budget():
    """Whether one more page with a free-form query may be kept in this max-age window.

    Such pages expire after max-age, so at most two windows' worth are ever kept, whatever
    the number of distinct queries asked.
    """
    max_age = settings.PORTAL_PUBLIC_MAX_AGE
    key = f"{QUERY_BUDGET_KEY}.{int(time.time() // max_age)}"
    cache.add(key, 0, timeout=2 * max_age)
    try:
        kept = cache.incr(key)
    except ValueError:  # the window's counter expired between add and incr
        return False
    return kept is not None and kept <= settings.PORTAL_PAGE_CACHE_QUERY_BUDGET


def _remember_last_good(request, response):
    if not canonical(request):
        return
    key = _last_good_key(request)
    if callable(getattr(response, "render", None)):
        # A TemplateResponse is kept once it has been rendered, as CacheMiddleware does.
        response.add_post_render_callback(lambda rendered: _keep(key, rendered))
    else:
        _keep(key, response)


def _keep(key, response):
    # Returns None: a post-render callback's return value would replace the response.
    last_good.set(key, response, LAST_GOOD_TIMEOUT)


def _last_good_key(request):
    url = f"{getattr(request, 'LANGUAGE_CODE', '')}:{cache_address(request)}"
    return "page.last-good." + hashlib.sha256(url.encode()).hexdigest()
