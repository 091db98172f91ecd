"""Production: DJANGO_SETTINGS_MODULE=portal.settings.prod. Secrets only from the environment."""

import os
import sys

from .base import *  # noqa: F403
from .base import PORTAL_TRUSTED_PROXY_COUNT, env_bool, env_list

# Django's own rule for a key it does not warn about (security.W009).
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_CHARACTERS = 5
GENERATE_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def refuse_to_start(problem):
    """Stop with one line on stderr that says what to fix, not a traceback that buries it.

    Exit status 3 is gunicorn's "worker failed to boot": its master stops instead of starting
    one failing worker after another.
    """
    sys.stderr.write(problem + "\n")
    raise SystemExit(3)


def key_weakness(key):
    """Why ``key`` is too weak to sign sessions and CSRF tokens, or None; never the key itself."""
    if key.startswith("django-insecure-"):
        return "it starts with Django's placeholder prefix django-insecure-"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"{len(key)} characters; at least {MIN_SECRET_KEY_LENGTH} are needed"
    if len(set(key)) < MIN_SECRET_KEY_CHARACTERS:
        return f"{len(set(key))} different characters; at least {MIN_SECRET_KEY_CHARACTERS} are needed"
    return None


for _name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
    if not os.environ.get(_name, "").strip():
        refuse_to_start(f"{_name} must be set in the environment for production settings.")

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
if weakness := key_weakness(SECRET_KEY):
    refuse_to_start(f"DJANGO_SECRET_KEY is too weak ({weakness}); generate one with: {GENERATE_KEY}")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS only. The proxy header is configurable because the TLS terminator differs per host. It is
# read only when a proxy that overwrites it sits in front: without one, any client could claim
# HTTPS with it (scripts/serve gives gunicorn the same rule).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
if PORTAL_TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = (
        os.environ.get("DJANGO_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO"),
        "https",
    )
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The __Host- prefix pins cookies to this exact host over HTTPS; it is only valid on Secure cookies.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True

# Every staff sign-in needs a one-time code in production unless explicitly switched off.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", True)

# --- security: production deploy check ---
# The previous key while rotating DJANGO_SECRET_KEY, so staff stay signed in (docs/operations.md).
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
if any(key_weakness(key) for key in SECRET_KEY_FALLBACKS):
    refuse_to_start(
        "DJANGO_SECRET_KEY_FALLBACKS holds a key that is too weak to keep accepting; remove it "
        f"(keys need {MIN_SECRET_KEY_LENGTH}+ characters, {MIN_SECRET_KEY_CHARACTERS}+ different ones)."
    )
# HSTS preload (security.W021) commits every subdomain of the registrable domain
# (balikpapan.go.id) to HTTPS for good: a decision for the domain's owner, not for this portal,
# which sends HSTS for a year with subdomains. DJANGO_HSTS_PRELOAD=1 adds the preload flag.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# --- end security: production deploy check ---
