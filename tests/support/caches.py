"""A stand-in for the shared cache (Redis) that tests can inspect."""

import time

from django.core.cache.backends.base import BaseCache


class SharedCache(BaseCache):
    """Stands in for Redis: a dict shared by every worker, counting what is read from it."""

    store = {}
    reads = []

    def __init__(self, location="", params=None):
        super().__init__(params or {})

    def get(self, key, default=None, version=None):
        self.reads.append(key)
        entry = self.store.get(key)
        return entry[1] if entry and (entry[0] is None or entry[0] > time.time()) else default

    def set(self, key, value, timeout=300, version=None):
        self.store[key] = (None if timeout is None else time.time() + timeout, value)

    def add(self, key, value, timeout=300, version=None):
        if self.get(key) is None:
            self.set(key, value, timeout)
            return True
        return False

    def delete(self, key, version=None):
        return self.store.pop(key, None) is not None

    def clear(self):
        self.store.clear()
