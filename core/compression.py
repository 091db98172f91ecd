"""gzip for the portal's text answers (HTML, JSON, CSV, feeds, the calendar) at the origin.

It is the outermost middleware, outside the page cache (``pagecache.middleware``): the cache keeps
one uncompressed copy of a page, and each answer is compressed for the reader who asked for it
(``Vary: Accept-Encoding``), from a kept copy or a fresh one alike. Compressing turns the
``ETag`` weak (``W/"…"``); revalidation still works, as ``If-None-Match`` compares ETags weakly.

Images are already compressed, and staff pages carry a CSRF token that compression could leak
(BREACH), so both are left as they are.
"""

from django.middleware.gzip import GZipMiddleware

from core.urlutils import admin_prefix

COMPRESSED_TYPES = (
    "text/html",
    "text/csv",
    "text/calendar",
    "text/plain",
    "text/xml",
    "application/json",
    "application/problem+json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
)


class TextCompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        media_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type not in COMPRESSED_TYPES or request.path.startswith(admin_prefix()):
            return response
        return super().process_response(request, response)
