"""Each worker's own copies of cached pages, in front of a shared cache such as Redis.

A page is cached under a key that carries the content version, so what is stored under a key
never changes. A worker may therefore keep a copy and, on the next hit, skip the network round
trips and the transfer of the whole page from Redis. A copy expires when the shared entry does
(the page's ``Expires`` header), never later, so no reader or CDN gets a page older than its
max-age. The content version itself is always read from the shared cache: that is what makes a
change visible on every server at once.
"""

import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponseBase
from django.utils.http import parse_http_date_safe

# Copies per worker process: the pages read most on election day fit many times over.
ENTRIES = 256
# Non-page entries (Django's list of Vary headers per URL) are kept locally this long at most.
OTHER_SECONDS = 60

_MISSING = object()


class PageCopies:
    """A small, thread-safe, least-recently-used store of pickled copies with expiry times."""

    def __init__(self, entries=ENTRIES):
        self.entries = entries
        self._copies = OrderedDict()
        self._lock = threading.Lock()

    def over(self, shared):
        """``shared`` with these copies in front; a local-memory cache needs none."""
        return shared if isinstance(shared, LocMemCache) else Tiered(shared, self)

    def lookup(self, key):
        with self._lock:
            copy = self._copies.get(key)
            if copy is None:
                return _MISSING
            expires, pickled = copy
            if expires <= time.time():
                del self._copies[key]
                return _MISSING
            self._copies.move_to_end(key)
        return pickle.loads(pickled)  # noqa: S301 - written by this process, like LocMemCache's

    def keep(self, key, value, timeout=None):
        now = time.time()
        if isinstance(value, HttpResponseBase):
            expires = parse_http_date_safe(value.get("Expires", ""))
        else:
            seconds = OTHER_SECONDS if timeout in (None, DEFAULT_TIMEOUT) else min(timeout, OTHER_SECONDS)
            expires = now + seconds
        if expires is None or expires <= now:
            return
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._copies[key] = (expires, pickled)
            self._copies.move_to_end(key)
            while len(self._copies) > self.entries:
                self._copies.popitem(last=False)

    def clear(self):
        with self._lock:
            self._copies.clear()


class Tiered:
    """The get/set that Django's cache middleware uses: local copy first, then the shared cache."""

    def __init__(self, shared, copies):
        self.shared = shared
        self.copies = copies

    def get(self, key, default=None):
        value = self.copies.lookup(key)
        if value is _MISSING:
            value = self.shared.get(key, _MISSING)
            if value is _MISSING or value is None:  # None: django-redis failing open
                return default
            self.copies.keep(key, value)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self.shared.set(key, value, timeout)
        self.copies.keep(key, value, timeout)
