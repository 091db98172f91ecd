"""The portal's notion of "now", so staff can preview the site as on any day of the election.

``PORTAL_CLOCK`` (an ISO 8601 moment, e.g. ``2024-11-27T08:00+08:00``) freezes the public pages
at that moment: useful for rehearsing voting day and for tests. Unset, it is the real time.
"""

from datetime import datetime

from django.conf import settings
from django.utils import timezone


def now():
    frozen = getattr(settings, "PORTAL_CLOCK", "")
    if frozen:
        moment = datetime.fromisoformat(frozen)
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    return timezone.now()


def local_today(at=None):
    """The calendar day in WITA at ``at`` (default: the portal's now)."""
    return timezone.localdate(at or now())
