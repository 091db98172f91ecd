"""What readers see when part of the portal fails: a friendly page, never a stack trace.

Django calls ``server_error`` (``handler500``) for any exception a view or middleware lets
through. When the cause is the database being out of reach, the answer is a 503 page in the
language of the URL that asks the reader to try again (under ``/api/``, the API's JSON error);
the next request after the database returns is served normally, with no restart. Other errors
keep Django's 500 page.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views import defaults

logger = logging.getLogger("portal.failures")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return defaults.server_error(request, template_name)


def database_unavailable(request):
    logger.error("Database unavailable", extra={"event": "database.unavailable", "path": request.path})
    if request.path_info.startswith("/api/"):
        # The shape of every other API error (api.core.error_response), for programs to read.
        message = "The portal is temporarily unavailable; try again shortly."
        response = JsonResponse({"error": message, "parameter": None}, status=503)
    else:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            html = render_to_string("503.html")
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A CDN must not keep the outage page after the database is back.
    response["Cache-Control"] = "no-store"
    return response
