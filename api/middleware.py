"""The API is read-only, whatever ninja's routes accept.

Ninja routes a ``router.get`` operation for GET only, so link checkers and CDNs asking HEAD got
405, while the OpenAPI view accepted any method (TRACE answered 200). Here every ``/api/``
address answers GET and HEAD alike, OPTIONS with what it allows, and anything else 405.
"""

from django.http import HttpResponse

from .core import error_response

ALLOWED = "GET, HEAD, OPTIONS"


class ReadOnlyApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/") or request.method == "GET":
            return self.get_response(request)
        if request.method == "HEAD":
            request.method = "GET"
            response = self.get_response(request)
            request.method = "HEAD"
            if not response.streaming:
                # The headers of the GET, Content-Length included, without its body.
                response["Content-Length"] = str(len(response.content))
                response.content = b""
            return response
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            response = error_response(
                f"Method {request.method} is not allowed: this API is read-only.", status=405
            )
        response["Allow"] = ALLOWED
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ALLOWED
        return response
