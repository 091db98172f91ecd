"""The page cache: repeat requests for public pages answered before the rest of the stack.

A page served from a cache inside the view would still pass through every middleware
(sessions, authentication, two-factor, lockouts, history, messages, CSRF, URL resolution), which
costs more than the cache lookup itself. This middleware sits right after ``SecurityMiddleware``:
it keeps the complete response of each view marked ``public_page`` (with the headers the whole
stack added, the ``ETag`` of ``ConditionalGetMiddleware`` among them) and answers the next GET
or HEAD for that URL from it, with the right ``Age``, and with a 304 when the reader already has
it. It is the only place pages are cached.

The key carries the content version, the URL (without the query parameters that do not change
a page, see ``core.urlutils.cache_address``) and the language the
locale middleware picks for the request (from the path under ``/id/`` and ``/en/``; from the
language cookie or ``Accept-Language`` elsewhere, except under ``/api/``, whose answers follow
``?lang=`` alone). So only responses that vary on nothing but that language are kept. A kept
page expires with max-age, and a content change starts a new version, so the rules in
``pagecache.store`` hold unchanged. The admin and static files never come here.

With background renders (``PORTAL_RENDER_JOBS``, ``pagecache.renders``), a page whose copy is
from an older version or past max-age is answered with that previous copy while one worker renders
it again: no reader waits for a render after a change. Only a page with no copy at all renders on
a reader's request, once across all servers; other readers of it wait for that render.

Pages reach the shared cache as signed data, never pickles (``pagecache.local_copies``,
``pagecache.pageformat``); a page with a free-form query (a search, API paging) is kept only
within ``PORTAL_PAGE_CACHE_QUERY_BUDGET``, so made-up queries cannot fill it.
"""

import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from core.urlutils import admin_prefix, cache_address
from pagecache import jobs, renders, timed
from pagecache import store as page_cache

NOT_PUBLIC_PATHS = 2048
WAIT_STEP_SECONDS = 0.02
GONE = frozenset({301, 302, 307, 308, 404, 410})
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


class PublicPageFastPathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Paths served by views that are not public pages (health check, 404s, …): not looked
        # up again. A bounded memory, so random addresses cannot fill it.
        self.not_public = OrderedDict()
        if settings.PORTAL_RENDER_JOBS == "thread":
            # The worker thread lives in the web process: so does the wait for the clock's next
            # change (with RQ, manage.py render_worker starts it).
            timed.start()

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PORTAL_PAGE_CACHE
            or self.elsewhere(request.path)
            or request.path in self.not_public
        ):
            return self.get_response(request)
        version = page_cache.content_version()
        if version is None:  # the shared cache is out of reach
            return self.get_response(request)
        # What the page is kept under is the version read now, however long it takes to render.
        request.portal_content_version = version
        if request.path.startswith("/api/"):
            # The API's language is chosen by ?lang= alone (api.middleware), not by the browser.
            language = "-"
        else:
            language = translation.get_language_from_request(request, check_path=True)
        address = cache_address(request)
        key = renders.page_key(version, language, address)
        store = page_cache.page_copies.over(caches["default"])
        # A worker rendering the page after a change (pagecache.renders) renders it, always.
        rendering = request.META.get(renders.RENDER_ENVIRON_KEY, False)
        if not rendering:
            response = self.unexpired(store.get(key))
            if response is not None:
                return answer_conditions(request, response)
            stale_allowed = not request.META.get(renders.FRESH_ENVIRON_KEY, False)
            if jobs.background() and stale_allowed and page_cache.canonical(request):
                response = self.previous(version, language, address)
                if response is not None:
                    return answer_conditions(request, response)
                if not renders.claim(version, language, address):
                    # No copy at all and another request is rendering it: wait for that one.
                    response = self.wait_for(store, key)
                    if response is not None:
                        return answer_conditions(request, response)
        # A reader or CDN revalidating its copy would get a 304 from ConditionalGetMiddleware,
        # which leaves nothing to keep, so every revalidation would render again: render the full
        # page, keep it, and answer the condition here.
        conditions = {name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META}
        response = self.get_response(request)
        request.META.update(conditions)
        if self.keepable(request, response):
            renders.counted("background" if rendering else "reader")
            if page_cache.canonical(request):
                self.keep(store, key, response)
                if jobs.background():
                    self.keep(
                        renders.previous_copies, renders.previous_key(language, address), response, stale=True
                    )
            elif page_cache.within_query_budget():
                self.keep(store, key, response)
        else:
            if rendering and jobs.background() and response.status_code in GONE:
                # Withdrawn or moved: its previous copy must not outlive it (after an error, it stays).
                renders.previous_copies.shared.delete(renders.previous_key(language, address))
            if not getattr(request, "portal_public_page", False):
                self.forget(request.path)
        if conditions:
            return answer_conditions(request, response)
        return response

    def forget(self, path):
        """Remember that ``path`` is not a public page, so it is not looked up again."""
        self.not_public[path] = True
        if len(self.not_public) > NOT_PUBLIC_PATHS:
            self.not_public.popitem(last=False)

    @staticmethod
    def aged(response):
        """The kept page with its ``Age`` from its ``Expires`` and the expiry time; (None, None)
        when there is none. Past max-age the ``Age`` says so, and a CDN treats it as stale."""
        if response is None:
            return None, None
        expires = parse_http_date_safe(response.get("Expires", ""))
        del response["Expires"]
        if expires is None:
            return None, None
        response["Age"] = max(0, settings.PORTAL_PUBLIC_MAX_AGE - int(expires - time.time()))
        return response, expires

    def unexpired(self, response):
        """The kept page, or None when there is none or it is past max-age."""
        response, expires = self.aged(response)
        return response if expires is not None and expires > time.time() else None

    def previous(self, version, language, address):
        """The page's previous copy, its render for ``version`` asked for (stale-while-revalidate
        at the origin); None when it has none."""
        response, _expires = self.aged(renders.previous_copies.get(renders.previous_key(language, address)))
        if response is not None:
            renders.schedule(version, language, address)
        return response

    def wait_for(self, store, key):
        deadline = time.monotonic() + settings.PORTAL_RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP_SECONDS)
            response = self.unexpired(store.get(key))
            if response is not None:
                return response
        return None

    @staticmethod
    def elsewhere(path):
        return path.startswith((admin_prefix(), settings.STATIC_URL, settings.MEDIA_URL))

    @staticmethod
    def keepable(request, response):
        return (
            request.method == "GET"
            and getattr(request, "portal_public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Vary", "Accept-Language") == "Accept-Language"
            and response.has_header("ETag")
        )

    @staticmethod
    def keep(store, key, response, stale=False):
        """Keep the page until max-age after it was made (it may have come from a cache already);
        a ``stale`` copy, the one readers get while the page renders again, as long as a CDN may
        serve it stale (``stale-while-revalidate``)."""
        remaining = settings.PORTAL_PUBLIC_MAX_AGE - int(response.get("Age", 0))
        if remaining <= 0:
            return
        age = response.get("Age")
        del response["Age"]
        response["Expires"] = http_date(time.time() + remaining)
        try:
            store.set(
                key,
                response,
                remaining + (page_cache.STALE_MAX_AGES * settings.PORTAL_PUBLIC_MAX_AGE if stale else 0),
            )
        finally:
            del response["Expires"]
            if age is not None:
                response["Age"] = age


def answer_conditions(request, response):
    """A 304 when the reader's copy is current, by ``If-None-Match`` or ``If-Modified-Since``,
    alike for a kept page and a fresh one (feed readers and calendar apps may send either)."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )
