"""Helpers for tests against a real Redis configured as production configures it (the
``real_redis`` fixture is in tests/conftest.py).

Each test gets its own key prefix in a database other test runs do not use, and its keys are
deleted afterwards. Without Redis at REDIS_TEST_URL the tests are skipped, or fail with
PORTAL_REQUIRE_REDIS=1.
"""

import os
import runpy
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/11")
BASE_SETTINGS = Path(django_settings.BASE_DIR) / "portal" / "settings" / "base.py"


def use_production_cache(settings, monkeypatch, url, **changes):
    """The cache settings portal/settings/base.py builds from REDIS_URL, with ``changes`` to
    the cache's own (KEY_PREFIX=...)."""
    monkeypatch.setenv("REDIS_URL", url)
    built = runpy.run_path(str(BASE_SETTINGS))
    for name, value in built.items():
        if name.startswith("DJANGO_REDIS_"):
            setattr(settings, name, value)
    built["CACHES"]["default"].update(changes)
    settings.CACHES = built["CACHES"]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require_redis():
    address = urlsplit(REDIS_TEST_URL)
    try:
        socket.create_connection((address.hostname, address.port or 6379), timeout=1).close()
    except OSError:
        if os.environ.get("PORTAL_REQUIRE_REDIS") == "1":
            pytest.fail(f"No Redis at {REDIS_TEST_URL}")
        pytest.skip(f"No Redis at {REDIS_TEST_URL} (PORTAL_REQUIRE_REDIS=1 makes this a failure)")


class RealRedis:
    """The test's view of Redis: its own keys, as the portal wrote them."""

    def __init__(self, prefix):
        self.prefix = prefix

    @property
    def client(self):
        return caches["default"].client.get_client()

    def stored_keys(self):
        return [key.decode() for key in self.client.scan_iter(f"{self.prefix}:*", count=1000)]

    def day_long_keys(self):
        return [key for key in self.stored_keys() if self.client.ttl(key) > 60 * 60]

    def used_bytes(self):
        return sum(self.client.memory_usage(key) or 0 for key in self.stored_keys())

    def raw_set(self, key, value):
        """What someone else with access to Redis might write under one of the portal's keys."""
        self.client.set(f"{self.prefix}:1:{key}", value)

    def clear(self):
        keys = self.stored_keys()
        if keys:
            self.client.delete(*keys)
