"""When the database or Redis fails, readers still get an answer, and the site heals by itself.

- Database out of reach: a page in the cache (or its last good copy) is still served; any other
  page is a friendly 503 in the language of its URL, never a stack trace; /healthz says 503; once
  the database is back, the next request is served normally, with no restart.
- Redis out of reach: pages are served, only without the shared cache.

On PostgreSQL the database is really unreachable: the connection is closed and pointed at a
port where nothing listens. SQLite's in-memory test database cannot be closed without losing
it, so there the connection refuses to open instead.
"""

import json
import logging
import socket
import time
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client

from pagecache.store import bump_content_version
from tests.support.production import run_in_production

# The live database must be closed and reopened, so these tests cannot run inside a transaction.
database_outage = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def database_unreachable():
    if connection.vendor == "postgresql":
        saved = dict(connection.settings_dict)
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.update(HOST=saved["HOST"], PORT=saved["PORT"])
    else:
        refused = OperationalError("unable to open database file")
        with mock.patch.object(connection, "ensure_connection", side_effect=refused):
            yield


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


@database_outage
def test_database_outage_serves_cached_pages_then_a_503_in_the_right_language_and_recovers(demo, reader):
    assert reader.get("/id/").status_code == 200  # now in the cache

    with database_unreachable():
        from_cache = reader.get("/id/")
        english = reader.get("/en/jadwal/")
        indonesian = reader.get("/id/pemilih/")
        health = reader.get("/healthz")

    assert from_cache.status_code == 200
    assert english.status_code == 503
    assert english["Retry-After"] == "30" and english["Cache-Control"] == "no-store"
    assert '<html lang="en">' in english.content.decode()
    assert "The portal is temporarily unavailable" in english.content.decode()
    assert indonesian.status_code == 503
    assert "Portal sedang tidak dapat diakses" in indonesian.content.decode()
    assert "Traceback" not in english.content.decode() + indonesian.content.decode()
    assert health.status_code == 503
    # "Try again" reloads this very page; it never echoes the path (//evil.example would leave).
    assert 'href=""' in english.content.decode()

    # The database is back: the same process answers normally, no restart needed.
    assert reader.get("/en/jadwal/").status_code == 200
    assert reader.get("/healthz").status_code == 200


@database_outage
def test_database_outage_after_the_page_cache_expired_serves_the_last_good_copy(demo, reader):
    reader.get("/id/jadwal/")
    bump_content_version()  # as after a publication: the versioned copy no longer applies

    with database_unreachable():
        response = reader.get("/id/jadwal/")

    assert response.status_code == 200
    assert "Jadwal" in response.content.decode()


@database_outage
def test_last_good_copies_are_kept_by_canonical_address_and_not_for_searches(demo, reader):
    reader.get("/id/pengumuman/?kategori=politik-uang")
    plain = reader.get("/id/pengumuman/?utm_source=wa")
    reader.get("/id/cari/?q=tps")
    bump_content_version()

    with database_unreachable():
        category = reader.get("/id/pengumuman/?kategori=politik-uang")
        shared_link = reader.get("/id/pengumuman/?fbclid=IwAR-lain")
        search = reader.get("/id/cari/?q=tps")

    assert category.status_code == 200
    assert shared_link.status_code == 200
    assert shared_link.content == plain.content
    assert search.status_code == 503


@database_outage
def test_database_outage_in_the_admin_is_a_503_not_a_stack_trace(demo, reader):
    staff = get_user_model().objects.create_superuser("kepala", password="rahasia-sekali-2024")
    reader.force_login(staff)

    with database_unreachable():
        response = reader.get("/admin/", HTTP_ACCEPT_LANGUAGE="id")

    assert response.status_code == 503
    assert "Traceback" not in response.content.decode()
    assert reader.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_outage_is_logged_as_an_event(caplog):
    caplog.set_level(logging.ERROR, logger="portal.failures")
    with mock.patch("elections.views.home_context", side_effect=OperationalError("no route to host")):
        Client(raise_request_exception=False).get("/id/")

    assert any(getattr(r, "event", None) == "database.unavailable" for r in caplog.records), [
        (r.name, r.getMessage()) for r in caplog.records
    ]


# Redis ----------------------------------------------------------------------------------------


def redis_settings(url):
    """CACHES as the real settings build them from REDIS_URL (read in a fresh process)."""
    result = run_in_production(
        "from django.conf import settings; import json; print(json.dumps(settings.CACHES))",
        REDIS_URL=url,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.django_db
def test_with_redis_unreachable_public_pages_are_still_served(settings, demo):
    caches = redis_settings(f"redis://127.0.0.1:{closed_port()}/0")
    # Fails open by itself, logging the outage in a few lines (tests/portal/test_rediscache.py).
    assert caches["default"]["BACKEND"] == "pagecache.rediscache.RedisCache"
    assert caches["default"]["OPTIONS"]["SERIALIZER"] == "pagecache.rediscache.SafeJSONSerializer"
    settings.CACHES = caches
    reader = Client(raise_request_exception=False)

    started = time.monotonic()
    statuses = [
        reader.get(path).status_code for path in ("/id/", "/en/jadwal/", "/id/calon/", "/sitemap.xml")
    ]

    assert statuses == [200, 200, 200, 200]
    assert cache.get("anything") is None
    assert time.monotonic() - started < 30


@database_outage
def test_database_outage_in_the_api_is_a_json_error_like_its_others(demo, reader):
    with database_unreachable():
        response = reader.get("/api/v1/districts")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30" and response["Cache-Control"] == "no-store"
    assert set(response.json()) == {"error", "parameter"}
    assert "temporarily unavailable" in response.json()["error"]
    assert reader.get("/api/v1/districts").status_code == 200
