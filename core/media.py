"""Uploaded photos served by the application itself, for a single machine such as `make serve`.

In production a separate origin serves uploads (``DJANGO_MEDIA_URL``, see docs/deployment.md),
so nothing a staff member uploads ever runs in the portal's origin. Without one, and only when
``PORTAL_SERVE_MEDIA`` is on, this view serves the image files under ``MEDIA_ROOT`` and nothing
else: a fixed image type from the file name, ``nosniff``, and a policy that sandboxes the
response and lets it load nothing. PDF attachments keep their own download view.
"""

import os
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
SANDBOX_POLICY = "default-src 'none'; img-src 'self'; sandbox"
MAX_AGE = 24 * 60 * 60


@require_safe
def serve(request, path):
    if not (settings.PORTAL_SERVE_MEDIA or settings.DEBUG):
        raise Http404
    content_type = IMAGE_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None or "\x00" in path or any(part.startswith(".") for part in path.split("/")):
        raise Http404
    try:
        full_path = safe_join(settings.MEDIA_ROOT, path)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    if not os.path.isfile(full_path):
        raise Http404
    response = FileResponse(open(full_path, "rb"), content_type=content_type)  # noqa: SIM115 - closed by Django
    response["Last-Modified"] = http_date(os.stat(full_path).st_mtime)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["Cross-Origin-Resource-Policy"] = "same-site"
    return response
