import time

from django.conf import settings
from django.contrib.auth import logout

from core.urlutils import admin_prefix
from staff.audit import LOGIN_AT_KEY


class StaffSessionMiddleware:
    """Sliding expiry for staff sessions, touched only in the admin.

    ``SESSION_SAVE_EVERY_REQUEST`` would also refresh the session (and set a cookie) on public
    pages a signed-in staff member happens to open, which must stay cacheable for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_admin = request.path.startswith(admin_prefix())
        if in_admin and settings.SESSION_COOKIE_NAME in request.COOKIES:
            end_if_too_old(request)
        response = self.get_response(request)
        if in_admin and settings.SESSION_COOKIE_NAME in request.COOKIES:
            session = getattr(request, "session", None)
            if session is not None and not session.is_empty():
                session.modified = True
        return response


def end_if_too_old(request):
    """Sign staff out once PORTAL_STAFF_SESSION_MAX_AGE has passed since they signed in, active or not."""
    started = request.session.get(LOGIN_AT_KEY)
    if started is not None and time.time() - started > settings.PORTAL_STAFF_SESSION_MAX_AGE:
        logout(request)
