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

Pages reach the shared cache as signed data, never pickles (``pagecache.local_copies``,
``pagecache.pageformat``); a page with a free-form query (a search, API paging) is kept only
within ``PORTAL_PAGE_CACHE_QUERY_BUDGET``, so made-up queries cannot fill it.
"""

import hashlib
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from core.urlutils import admin_prefix, cache_address
from pagecache import store as page_cache

NOT_PUBLIC_PATHS = 2048
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
        url = hashlib.sha256(cache_address(request).encode()).hexdigest()
        key = f"page.fast.{version}.{language}.{url}"
        store = page_cache.page_copies.over(caches["default"])
        response = store.get(key)
        if response is not None:
            expires = parse_http_date_safe(response.get("Expires", ""))
            del response["Expires"]
            if expires is not None and expires > time.time():
                response["Age"] = max(0, settings.PORTAL_PUBLIC_MAX_AGE - int(expires - time.time()))
                return answer_conditions(request, response)
        # A reader or CDN revalidating its copy would get a 304 from ConditionalGetMiddleware,
        # which leaves nothing to keep, so every revalidation would render again: render the full
        # page, keep it, and answer the condition here.
        conditions = {name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META}
        response = self.get_response(request)
        request.META.update(conditions)
        if self.keepable(request, response):
            if page_cache.canonical(request) or page_cache.within_query_budget():
                self.keep(store, key, response)
        elif not getattr(request, "portal_public_page", False):
            self.not_public[request.path] = True
            if len(self.not_public) > NOT_PUBLIC_PATHS:
                self.not_public.popitem(last=False)
        if conditions:
            return answer_conditions(request, response)
        return response

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
    def keep(store, key, response):
        """Keep the page until max-age after it was made (it may have come from a cache already)."""
        remaining = settings.PORTAL_PUBLIC_MAX_AGE - int(response.get("Age", 0))
        if remaining <= 0:
            return
        age = response.get("Age")
        del response["Age"]
        response["Expires"] = http_date(time.time() + remaining)
        try:
            store.set(key, response, remaining)
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
