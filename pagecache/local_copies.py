"""Pages in a shared cache such as Redis, and each worker's own copies of them in front.

What goes to the shared cache is a signed envelope (``pagecache.pageformat``), never a pickle, so
an entry someone else wrote there is refused (a miss, logged) instead of run.

A page is cached under a key that carries the content version, so what is stored under a key
never changes. A worker may therefore keep a copy and, on the next hit, skip the network round
trips, the transfer of the whole page from Redis and the check of its signature. A copy expires
when the shared entry does (the page's ``Expires`` header), never later, so no reader or CDN gets
a page older than its max-age. The content version itself is always read from the shared cache:
that is what makes a change visible on every server at once.
"""

import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.locmem import LocMemCache
from django.utils.http import parse_http_date_safe

from pagecache import pageformat

# Copies per worker process: the pages read most on election day fit many times over.
ENTRIES = 256

_MISSING = object()


class PageCopies:
    """A small, thread-safe, least-recently-used store of pickled copies with expiry times."""

    def __init__(self, entries=ENTRIES):
        self.entries = entries
        self._copies = OrderedDict()
        self._lock = threading.Lock()

    def over(self, shared):
        """Pages in ``shared`` with these copies in front; a local-memory cache needs none."""
        return PageStore(shared, None if isinstance(shared, LocMemCache) else self)

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

    def keep(self, key, response):
        expires = parse_http_date_safe(response.get("Expires", ""))
        if expires is None or expires <= time.time():
            return
        pickled = pickle.dumps(response, pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._copies[key] = (expires, pickled)
            self._copies.move_to_end(key)
            while len(self._copies) > self.entries:
                self._copies.popitem(last=False)

    def clear(self):
        with self._lock:
            self._copies.clear()


class PageStore:
    """The get and set of pages: local copy first (if any), then the shared cache."""

    def __init__(self, shared, copies=None):
        self.shared = shared
        self.copies = copies

    def get(self, key):
        if self.copies is not None:
            response = self.copies.lookup(key)
            if response is not _MISSING:
                return response
        stored = self.shared.get(key)
        if stored is None:  # a miss, or django-redis failing open
            return None
        try:
            response = pageformat.loads(stored)
        except pageformat.Refused as error:
            pageformat.refused.failed(key=key, reason=str(error))
            return None
        if self.copies is not None:
            self.copies.keep(key, response)
        return response

    def set(self, key, response, timeout):
        self.shared.set(key, pageformat.dumps(response), timeout)
        if self.copies is not None:
            self.copies.keep(key, response)
