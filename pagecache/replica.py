"""An optional read replica for public reads (``DATABASE_REPLICA_URL``; docs/deployment.md).

Public pages read from the replica. Everything that must see its own or a colleague's latest
writes reads from the primary ("default"):

- the admin (every request under its URL prefix) and every request that is not GET/HEAD/OPTIONS;
- the rest of a request, command or thread once it has written anything (read-after-write);
- public pages rendered just after a content change (``pagecache.store`` pins them for
  ``DATABASE_REPLICA_GRACE_SECONDS``), so a lagging replica's old rows are never cached under
  the new content version.

Migrations run on the primary only; the replica copies them by replication.
"""

from contextvars import ContextVar

from django.db import connections
from django.db.utils import ConnectionDoesNotExist

from core.urlutils import admin_prefix

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_pinned = ContextVar("portal_reads_pinned_to_primary", default=False)


def pin_to_primary():
    """Read from the primary for the rest of this request (or, outside a request, this thread)."""
    _pinned.set(True)


def pinned_to_primary():
    return _pinned.get()


def replica_is_primary():
    """True when the replica alias points at the primary's own database, as in test runs, where it
    mirrors the primary's test database: then reads go through the primary's connection."""
    try:
        replica, primary = connections[REPLICA].settings_dict, connections[PRIMARY].settings_dict
    except ConnectionDoesNotExist:
        return False
    return all(replica.get(key) == primary.get(key) for key in ("ENGINE", "NAME", "HOST", "PORT"))


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return PRIMARY if _pinned.get() or replica_is_primary() else REPLICA

    def db_for_write(self, model, **hints):
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: an object read from the replica may point at one
        # read from the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryPinningMiddleware:
    """Decides per request where reads go, and forgets it when the request ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _pinned.set(request.method not in SAFE_METHODS or request.path.startswith(admin_prefix()))
        try:
            return self.get_response(request)
        finally:
            _pinned.reset(token)
