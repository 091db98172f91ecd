"""How many reports one address may send: a flood is refused before anything is stored.

The count lives in the shared cache for an hour, keyed by a hash of the client's address (the
address itself is never stored). When the cache is out of reach the report goes through: a
few extra reports are better than refusing every reader.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.clientip import client_address

WINDOW_SECONDS = 60 * 60


def _key(request):
    address = client_address(request) or "unknown"
    return "feedback.reports." + hashlib.sha256(address.encode()).hexdigest()[:32]


def exhausted(request):
    """True when this address has sent its reports for the hour."""
    return (cache.get(_key(request)) or 0) >= settings.PORTAL_REPORTS_PER_HOUR


def count(request):
    key = _key(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)
