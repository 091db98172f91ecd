"""The read-replica router: public reads from the replica; admin, writes and fresh changes on the primary."""

import contextvars
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import RequestFactory

from elections.models import District
from pagecache import replica as db_routers
from pagecache import store as page_cache
from pagecache.replica import PRIMARY, REPLICA, PrimaryPinningMiddleware, ReplicaRouter, pinned_to_primary

router = ReplicaRouter()
replica_is_primary = db_routers.replica_is_primary


@pytest.fixture(autouse=True)
def _separate_replica(monkeypatch):
    """The router's rules as with a real replica, whatever DATABASE_REPLICA_URL this run has."""
    monkeypatch.setattr(db_routers, "replica_is_primary", lambda: False)


@pytest.fixture
def fresh_context():
    """Run code as a new request thread would: nothing pinned yet."""
    return lambda function, *args: contextvars.Context().run(function, *args)


def where_reads_go():
    return router.db_for_read(District)


def through_middleware(request, view=where_reads_go):
    """Serve ``request`` through the pinning middleware; return where the view's reads went."""
    seen = {}

    def view_function(request):
        seen["reads"] = view()
        return HttpResponse()

    PrimaryPinningMiddleware(view_function)(request)
    return seen["reads"]


def test_public_reads_go_to_the_replica(fresh_context):
    assert fresh_context(where_reads_go) == REPLICA


def test_writes_go_to_the_primary_and_later_reads_follow_them(fresh_context):
    def write_then_read():
        return router.db_for_write(District), where_reads_go()

    assert fresh_context(write_then_read) == (PRIMARY, PRIMARY)


def test_a_public_page_request_reads_from_the_replica(fresh_context):
    request = RequestFactory().get("/id/pemilih/")

    assert fresh_context(through_middleware, request) == REPLICA


@pytest.mark.parametrize("path", ["/admin/", "/admin/elections/district/", "/admin/login/"])
def test_the_admin_reads_from_the_primary(fresh_context, path):
    assert fresh_context(through_middleware, RequestFactory().get(path)) == PRIMARY


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_requests_that_change_something_read_from_the_primary(fresh_context, method):
    request = getattr(RequestFactory(), method)("/id/pemilih/")

    assert fresh_context(through_middleware, request) == PRIMARY


def test_a_request_that_wrote_reads_its_own_write_from_the_primary(fresh_context):
    def write_then_read():
        router.db_for_write(District)
        return where_reads_go()

    assert fresh_context(through_middleware, RequestFactory().get("/id/"), write_then_read) == PRIMARY


def test_the_next_request_forgets_the_pin_of_the_previous_one(fresh_context):
    def two_requests():
        admin = through_middleware(RequestFactory().get("/admin/"))
        public = through_middleware(RequestFactory().get("/id/"))
        return admin, public, pinned_to_primary()

    assert fresh_context(two_requests) == (PRIMARY, REPLICA, False)


def test_reads_use_the_primary_connection_when_the_replica_alias_points_at_its_database(
    fresh_context, monkeypatch
):
    primary = {"ENGINE": "django.db.backends.postgresql", "NAME": "portal", "HOST": "db", "PORT": "5432"}
    fake = {"default": mock.Mock(settings_dict=primary), "replica": mock.Mock(settings_dict=dict(primary))}
    monkeypatch.setattr(db_routers, "replica_is_primary", replica_is_primary)
    monkeypatch.setattr(db_routers, "connections", fake)

    assert fresh_context(where_reads_go) == PRIMARY


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate(PRIMARY, "elections", model_name="district") is True
    assert router.allow_migrate(REPLICA, "elections", model_name="district") is False


def test_objects_from_the_replica_and_the_primary_may_point_at_each_other():
    from_replica, from_primary, elsewhere = District(), District(), District()
    from_replica._state.db, from_primary._state.db, elsewhere._state.db = REPLICA, PRIMARY, "archive"

    assert router.allow_relation(from_replica, from_primary) is True
    assert router.allow_relation(from_primary, elsewhere) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("seconds_since_change", "reads"), [(3, PRIMARY), (11, REPLICA)])
def test_a_public_page_rendered_just_after_a_change_reads_from_the_primary(
    fresh_context, settings, monkeypatch, seconds_since_change, reads
):
    settings.DATABASE_REPLICA_GRACE_SECONDS = 10
    changed_at = 1_700_000_000 * 10**9
    page_cache.cache.set(page_cache.CONTENT_VERSION_KEY, changed_at, timeout=None)
    monkeypatch.setattr(page_cache.time, "time_ns", lambda: changed_at + seconds_since_change * 10**9)
    page = page_cache.public_page(lambda request: HttpResponse(where_reads_go()))

    response = fresh_context(page, RequestFactory().get("/id/contoh/"))

    assert response.content.decode() == reads


# The whole arrangement, as configured by DATABASE_REPLICA_URL, in a process of its own: two
# SQLite files stand for the primary and a replica that lags behind it.
SCRIPT = """
import json, shutil, sys
from datetime import timedelta
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from announcements.models import Announcement, Status
from pagecache.store import bump_content_version

primary, replica = sys.argv[1], sys.argv[2]
out = {"routers": django.conf.settings.DATABASE_ROUTERS}
call_command("migrate", database="replica", verbosity=0)
out["replica_tables_after_migrate"] = connections["replica"].introspection.table_names()
call_command("migrate", verbosity=0)


def announce(title):
    Announcement.objects.create(slug=title.lower().replace(" ", "-"), title_ind=title, title_en=title,
        summary_ind="Ringkasan.", summary_en="Summary.", status=Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=1))


announce("Sudah direplikasi")
staff = get_user_model().objects.create_superuser("staf", password="kata-sandi-panjang-1")
connections.close_all()
shutil.copyfile(primary, replica)  # the replica catches up ...
announce("Belum direplikasi")      # ... and lags behind this one
client = Client()


def visit(path):
    with CaptureQueriesContext(connections["default"]) as on_primary:
        with CaptureQueriesContext(connections["replica"]) as on_replica:
            response = client.get(path)
    html = response.content.decode()
    return {"status": response.status_code, "primary": len(on_primary), "replica": len(on_replica),
            "old": "Sudah direplikasi" in html, "new": "Belum direplikasi" in html}


with override_settings(DATABASE_REPLICA_GRACE_SECONDS=0):
    out["public"] = visit("/id/pengumuman/")
bump_content_version()
with override_settings(DATABASE_REPLICA_GRACE_SECONDS=60):
    out["public_just_after_a_change"] = visit("/id/pengumuman/")
client.force_login(staff)
out["admin"] = visit("/admin/announcements/announcement/")
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def replicated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("replica")
    primary, replica = folder / "primary.sqlite3", folder / "replica.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{primary}",
        "DATABASE_REPLICA_URL": f"sqlite:///{replica}",
        "PORTAL_VAR_DIR": str(folder),
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(primary), str(replica)],
        cwd=Path(django_settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_database_replica_url_switches_the_router_on(replicated):
    assert replicated["routers"] == ["pagecache.replica.ReplicaRouter"]


def test_migrate_creates_no_tables_on_the_replica(replicated):
    assert not [name for name in replicated["replica_tables_after_migrate"] if name != "django_migrations"]


def test_a_public_page_is_read_from_the_replica_with_its_lag(replicated):
    page = replicated["public"]

    assert page["status"] == 200
    assert page["replica"] > 0 and page["primary"] == 0
    assert page["old"] and not page["new"]


def test_a_public_page_rendered_just_after_a_change_shows_it_from_the_primary(replicated):
    page = replicated["public_just_after_a_change"]

    assert page["status"] == 200
    assert page["primary"] > 0 and page["replica"] == 0
    assert page["new"]


def test_the_admin_reads_everything_from_the_primary(replicated):
    page = replicated["admin"]

    assert page["status"] == 200
    assert page["primary"] > 0 and page["replica"] == 0
    assert page["new"]
