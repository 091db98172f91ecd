"""Local development: `make run`. Works with no environment variables at all."""

import os
import secrets

from .base import *  # noqa: F403
from .base import LOGGING, VAR_DIR, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)

VAR_DIR.mkdir(parents=True, exist_ok=True)

# A per-checkout key, kept across restarts so staff stay signed in while the server reloads.
_key_file = VAR_DIR / "dev-secret-key"
if not SECRET_KEY:  # noqa: F405
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()

# Likewise a per-checkout key for signing backups, so `manage.py backup` works out of the box.
_backup_key_file = VAR_DIR / "dev-backup-key"
if not PORTAL_BACKUP_KEY:  # noqa: F405
    if not _backup_key_file.exists():
        _backup_key_file.write_text(secrets.token_urlsafe(32))
    PORTAL_BACKUP_KEY = _backup_key_file.read_text().strip()

# runserver serves static files itself; hashed names need collectstatic, which dev skips.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A developer reads the console: plain lines unless asked for the production JSON.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("DJANGO_LOG_FORMAT", "plain")
