"""The rehearsal copy for staff: `make rehearse`. The dev settings on a database of its own, filled
with the fictional full city, every page marked as training data (core.training).

REHEARSAL_DATABASE_URL picks its database (default var/rehearsal.sqlite3); it refuses to start on
the real portal's database (DATABASE_URL, default var/db.sqlite3), which it would otherwise fill
with made-up figures.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .dev import *  # noqa: F403
from .dev import CACHES, DATABASES, VAR_DIR

PORTAL_TRAINING = True


def _address(database):
    """Where a database lives, spelt one way: the same server may be written several ways."""
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return engine, str(Path(database["NAME"]).resolve())
    host = database.get("HOST") or "localhost"
    host = "localhost" if host in {"127.0.0.1", "::1", "[::1]"} else host
    port = str(database.get("PORT") or {"postgresql": 5432, "mysql": 3306}.get(engine.rsplit(".", 1)[-1], ""))
    return engine, host, port, database["NAME"]


_real = DATABASES["default"]
DATABASES = {
    "default": dj_database_url.config(
        env="REHEARSAL_DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'rehearsal.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if _address(DATABASES["default"]) == _address(_real):
    raise ImproperlyConfigured(
        "The rehearsal would fill the real portal's database with made-up figures: set "
        "REHEARSAL_DATABASE_URL to another database than DATABASE_URL."
    )
# The real portal's read replica (DATABASE_REPLICA_URL) holds the real figures, not these.
DATABASE_ROUTERS = []

# Its own pages in a shared cache (Redis), never served by or to the real portal.
CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": "rehearsal"}}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"]["LOCATION"] = "rehearsal"

# Photos uploaded while practising and the preview cards stay out of the real portal's folder.
MEDIA_ROOT = Path(os.environ.get("REHEARSAL_MEDIA_ROOT", VAR_DIR / "rehearsal-media"))
PORTAL_BACKUP_DIR = VAR_DIR / "rehearsal-backups"

# Cookies ignore the port: on the same host as `make run`, the two sign-ins would replace each other.
SESSION_COOKIE_NAME = "rehearsal_sessionid"
CSRF_COOKIE_NAME = "rehearsal_csrftoken"
