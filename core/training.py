"""The training mark: a rehearsal copy of the portal (``make rehearse``) says on every page,
title, share text and preview card that its figures are made up, so no screenshot of it can
pass for official figures. Off (``PORTAL_TRAINING`` unset) nothing is marked."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

MARK = _("TRAINING DATA, not official figures")


def mark():
    """The mark in the current language while training, else an empty string."""
    return str(MARK) if settings.PORTAL_TRAINING else ""


def marked(text):
    """``text`` led by the mark in brackets while training, e.g. "[DATA LATIHAN, …] Beranda"."""
    current = mark()
    return f"[{current}] {text}" if current else text
