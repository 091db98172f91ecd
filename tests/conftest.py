import uuid

import pytest
from django.core.cache import cache

from tests.support.city import load_city
from tests.support.pages import load_demo
from tests.support.redis import REDIS_TEST_URL, RealRedis, require_redis, use_production_cache


@pytest.fixture(autouse=True)
def _media_storage(settings, tmp_path):
    """Uploaded files go to a throw-away folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test sees pages rendered for it, not cached by an earlier test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The real demo data (load_demo), so every page and form has something to show: the one
    way tests load it (tests that need more add to it in their own fixtures)."""
    load_demo()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what the block's saves left for commit time when it ends.

    A test's own transaction never commits, and the page cache starts a new content version
    only when a change is committed (pagecache.signals); production's request or import commits.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def city(db):
    """The real election and the city's 34 real kelurahan (see tests/city.py)."""
    return load_city()


@pytest.fixture
def real_redis(settings, monkeypatch):
    """The production cache backend on a real Redis, under a key prefix of this test's own."""
    require_redis()
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    use_production_cache(settings, monkeypatch, REDIS_TEST_URL, KEY_PREFIX=prefix)
    redis = RealRedis(prefix)
    yield redis
    redis.clear()
