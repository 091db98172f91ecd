"""The API is read-only, whatever ninja's routes accept.

Ninja routes a ``router.get`` operation for GET only, so link checkers and CDNs asking HEAD got
405, while the OpenAPI view accepted any method (TRACE answered 200). Here every ``/api/``
address answers GET and HEAD alike, OPTIONS with what it allows, and anything else 405.

The language of an answer is chosen by ``?lang=`` alone, yet LocaleMiddleware marks every
address outside ``/id/`` and ``/en/`` ``Vary: Accept-Language``; a CDN would then keep one copy
per browser language string. That mark is taken off here.
"""

from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from .core import error_response

ALLOWED = "GET, HEAD, OPTIONS"
# A page on another site may revalidate what it fetched (If-None-Match, If-Modified-Since) and
# read the validators and the language of the answer, which CORS hides unless exposed.
ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Content-Language, Content-Disposition, Age"
PREFLIGHT_MAX_AGE = str(24 * 60 * 60)


class ReadOnlyApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        if request.method == "GET":
            response = self.get_response(request)
        elif request.method == "HEAD":
            request.method = "GET"
            response = self.get_response(request)
            request.method = "HEAD"
            if not response.streaming:
                # The headers of the GET, Content-Length included, without its body.
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        elif request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = response["Access-Control-Allow-Methods"] = ALLOWED
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        else:
            response = error_response(
                f"Method {request.method} is not allowed: this API is read-only.", status=405
            )
            response["Allow"] = ALLOWED
        # Every answer, errors included, may be read by other sites (the fast path keeps this copy).
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return _without_language_vary(response)


def _without_language_vary(response):
    if response.has_header("Vary"):
        kept = [field for field in cc_delim_re.split(response["Vary"]) if field.lower() != "accept-language"]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]
    return response
