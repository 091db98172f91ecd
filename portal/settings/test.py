"""Test runs: `make test` (pytest). Fast, isolated, no environment needed."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105 - never used outside the test suite
PORTAL_BACKUP_KEY = "test-only-backup-key-not-secret-at-all"  # noqa: S105 - as above
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Fast hashing keeps the many sign-in tests quick; strength is not under test here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests must not depend on collectstatic having run.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# One local cache per test process; the suite clears it between tests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal-test"}}
# A test sees its change on its next request; tests of background renders choose an engine.
PORTAL_RENDER_JOBS = "reader"

PORTAL_BASE_URL = "http://testserver"

# Without collectstatic there is no STATIC_ROOT; let WhiteNoise find files through the finders.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
