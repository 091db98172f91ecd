"""HTTP plumbing for every response: browser features switched off, HEAD without a body."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Switches off browser features the portal never uses (camera, location, ...), on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PORTAL_PERMISSIONS_POLICY)
        return response


class HeadWithoutBodyMiddleware:
    """A HEAD answer carries the GET's headers and no body.

    Django's test client and runserver drop the body of a HEAD response themselves; a WSGI server
    such as gunicorn receives it and logs a warning for every one (health checks use HEAD).
    Outermost, so it covers the page cache's answers too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            # The file behind it (a PDF, a photo) is closed with the response, never read.
            response.streaming_content = []
        elif response.content:
            response.headers.setdefault("Content-Length", str(len(response.content)))
            response.content = b""
        return response
