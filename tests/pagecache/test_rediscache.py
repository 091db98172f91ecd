"""The Redis backend as production configures it: nothing read from Redis can run, and an outage
is a few log lines, not a traceback per request."""

import json
import logging
import pickle
from datetime import date
from unittest import mock

import pytest
from redis.connection import ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError

from core.logs import QuietLog
from elections.models import Election
from pagecache import pageformat, rediscache
from pagecache import store as page_cache
from tests.support.redis import closed_port, use_production_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def election(db):
    """Enough for the schedule and voter pages to answer."""
    Election.objects.create(slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27))


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """Fresh logs of refusals and outages, on a clock the test moves."""
    clock = Clock()
    for module, name in ((pageformat, "refused"), (rediscache, "outage")):
        log = getattr(module, name)
        monkeypatch.setattr(module, name, QuietLog(log.logger, log.event, log.message, clock=clock))
    return clock


@pytest.fixture
def cache_log(caplog):
    caplog.set_level(logging.DEBUG)
    return lambda: [r for r in caplog.records if r.name.startswith(("portal.cache", "django_redis"))]


class Planted:
    """A pickle that, once unpickled, creates a folder: what a forged entry could do instead."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        import os

        return (os.mkdir, (self.path,))


def fast_path_keys(redis):
    return [key for key in redis.stored_keys() if ":page.fast." in key]


def test_a_pickle_planted_in_redis_is_never_run_and_the_page_still_answers(
    client, real_redis, tmp_path, clock, cache_log
):
    client.get("/id/pemilih/")
    (key,) = fast_path_keys(real_redis)
    real_redis.client.set(key, pickle.dumps(Planted(tmp_path / "planted")))
    page_cache.page_copies.clear()  # as in another worker, which has no copy of its own

    response = client.get("/id/pemilih/")

    assert response.status_code == 200
    assert not (tmp_path / "planted").exists()
    assert [r.getMessage() for r in cache_log()] == [
        "A cache entry this portal did not write was refused (read as a miss) (UnicodeDecodeError)"
    ]


def test_pages_are_stored_as_signed_data_and_a_forged_one_is_refused_and_logged_once(
    client, real_redis, clock, cache_log
):
    first = client.get("/id/pemilih/")
    (key,) = fast_path_keys(real_redis)
    stored = json.loads(real_redis.client.get(key))
    assert pageformat.loads(stored).content == first.content
    payload, signature = stored.rsplit(":", 1)
    forged = f"{payload}:{'A' * len(signature)}"

    for _ in range(3):
        real_redis.client.set(key, json.dumps(forged))
        page_cache.page_copies.clear()
        response = client.get("/id/pemilih/")
        assert response.status_code == 200 and response.content == first.content

    assert [r.getMessage() for r in cache_log()] == [
        "A cache entry this portal did not write was refused (read as a miss) (BadSignature)"
    ]


def refused_connections():
    return mock.patch.object(ConnectionPool, "get_connection", side_effect=RedisConnectionError("refused"))


def test_a_redis_outage_is_logged_when_it_starts_once_a_minute_and_when_it_ends(
    client, real_redis, clock, cache_log
):
    client.get("/id/")

    with refused_connections():
        started = [client.get("/id/jadwal/").status_code for _ in range(30)]
        clock.now += 30
        client.get("/id/jadwal/")
        clock.now += 31
        client.get("/id/jadwal/")
        client.get("/id/jadwal/")
    clock.now += 5
    client.get("/id/jadwal/")

    assert started == [200] * 30
    records = cache_log()
    assert [(r.levelname, r.phase) for r in records] == [
        ("ERROR", "started"),
        ("WARNING", "continuing"),
        ("WARNING", "ended"),
    ]
    assert not any(r.exc_info for r in records)
    assert records[1].seconds == 61 and records[1].failures > 30
    assert records[2].seconds == 66 and records[2].failures > records[1].failures
    assert "cannot be reached" in records[0].getMessage()


def test_with_redis_at_a_closed_port_pages_answer_and_the_log_says_so_once(
    client, settings, monkeypatch, clock, cache_log
):
    use_production_cache(settings, monkeypatch, f"redis://127.0.0.1:{closed_port()}/0")

    statuses = {client.get(path).status_code for path in ("/id/", "/en/jadwal/", "/id/pemilih/") * 5}

    assert statuses == {200}
    assert [(r.levelname, r.phase) for r in cache_log()] == [("ERROR", "started")]
