from django.conf import settings


class StaffSessionMiddleware:
    """Sliding expiry for staff sessions, touched only in the admin.

    ``SESSION_SAVE_EVERY_REQUEST`` would also refresh the session (and set a cookie) on public
    pages a signed-in staff member happens to open, which must stay cacheable for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix) and settings.SESSION_COOKIE_NAME in request.COOKIES:
            session = getattr(request, "session", None)
            if session is not None and not session.is_empty():
                session.modified = True
        return response
