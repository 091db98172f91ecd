"""Settings shared by every environment; overlays in dev, test and prod change only what they must.

Values that differ between machines come from environment variables (see README,
"Configuration"). Nothing secret lives in this file.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must be imported before it.
    "modeltranslation",
    "staff.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "sorl.thumbnail",
    "simple_history",
    "staff.admin_config.SignInAttemptsConfig",  # axes
    "django_otp",
    "staff.admin_config.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "csp",
    "core",
    "pagecache",
    "staff",
    "elections",
    "candidates",
    "announcements",
    "guide",
    "api",
    "feedback",
    "reach",
    "ops",
]

MIDDLEWARE = [
    # Outermost: a HEAD answer, from any layer below, leaves without its body.
    "core.middleware.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files carry the Content-Security-Policy and Permissions-Policy too.
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # Before the sessions (the fast path, inserted below, comes first): the API answers HEAD as
    # GET and refuses writes.
    "api.middleware.ReadOnlyApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while a username/address pair is locked out, before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                # auth and messages are lazy: public templates never read them, so public
                # pages never touch the session (see DESIGN.md, "Rules for public pages").
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reach.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    # Redis needs a memory limit with an eviction policy, and must be reachable by the portal
    # alone (docs/operations.md, "Redis").
    CACHES = {
        "default": {
            # django-redis without pickle, logging an outage in a few lines (portal/rediscache.py).
            # A Redis outage must mean slower pages, never errors.
            "BACKEND": "pagecache.rediscache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
            "OPTIONS": {
                "SERIALIZER": "pagecache.rediscache.SafeJSONSerializer",
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}

# --- performance: database replica ---
# Optional read replica of the primary (streaming replication): public pages read from it; the
# admin, writes and read-after-write stay on the primary (portal/db_routers.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.config(
        env="DATABASE_REPLICA_URL",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # Test runs read the primary's test database through this alias instead of creating one.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["pagecache.replica.ReplicaRouter"]
    MIDDLEWARE = ["pagecache.replica.PrimaryPinningMiddleware", *MIDDLEWARE]
# Public pages rendered this soon after a content change read the primary, so replication lag
# is never frozen into the page cache under the new content version.
DATABASE_REPLICA_GRACE_SECONDS = int(os.environ.get("DATABASE_REPLICA_GRACE_SECONDS", "10"))
# PgBouncer in transaction mode cannot keep a server-side cursor between transactions.
if env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS"):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
# --- end performance: database replica ---

# --- performance: page cache and benchmark ---
# PORTAL_PAGE_CACHE=0 renders every public page afresh, with the same headers (the benchmark's
# "uncached" run); leave it on in production.
PORTAL_PAGE_CACHE = env_bool("PORTAL_PAGE_CACHE", True)
# Pages with a free-form query (searches, API paging) kept per max-age window, so a flood of
# made-up queries cannot fill the shared cache (portal/cache.py); the rest render afresh.
PORTAL_PAGE_CACHE_QUERY_BUDGET = int(os.environ.get("PORTAL_PAGE_CACHE_QUERY_BUDGET", "500"))
# Routes /bench/baseline, the framework's floor that `make bench` compares pages with; off in
# production, where the URL does not exist.
PORTAL_BENCH_BASELINE = env_bool("PORTAL_BENCH_BASELINE", False)
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Room for every public page in both languages: the default 300 entries would evict pages,
    # and the content version with them, as soon as a crawler walks the sitemap.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 5000}
# Repeat requests for public pages are answered right after SecurityMiddleware (portal/fastpath.py).
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "pagecache.middleware.PublicPageFastPathMiddleware",
)
# Outermost, so kept pages stay uncompressed and every reader gets gzip by its own
# Accept-Encoding, from the page cache or not (core/compression.py).
MIDDLEWARE.insert(0, "core.compression.TextCompressionMiddleware")
# After a change, pages render again in the background while readers get their previous copy
# (pagecache.jobs): on RQ with Redis (a `manage.py render_worker` process), otherwise on a thread
# in each web process; "reader" renders on the request of the first reader after a change.
PORTAL_JOBS_REDIS_URL = os.environ.get("PORTAL_JOBS_REDIS_URL", os.environ.get("REDIS_URL", ""))
PORTAL_RENDER_JOBS = os.environ.get("PORTAL_RENDER_JOBS", "rq" if PORTAL_JOBS_REDIS_URL else "thread")
# The static mirror nginx falls back to (manage.py bake): pages rendered in the background after
# a change are written into it too (ops.mirror). Empty: only bakes write it.
PORTAL_MIRROR_DIR = os.environ.get("PORTAL_MIRROR_DIR", "")
# How long a reader of a page with no copy at all waits for the render another request started.
PORTAL_RENDER_WAIT_SECONDS = float(os.environ.get("PORTAL_RENDER_WAIT_SECONDS", "5"))
# --- end performance: page cache and benchmark ---

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Indonesian first, English second; the language lives in the URL.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Makassar"
FORMAT_MODULE_PATH = ["portal.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "id"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("id",), "id": ("en",)}
# modeltranslation's tabbed admin loads jQuery UI from a CDN unless told otherwise; the admin
# must work offline and under a strict Content-Security-Policy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
# Translated fields are labelled with the language's name, not its code ("judul [ind]").
TRANSLATION_LANGUAGE_NAMES = {"ind": "Bahasa Indonesia", "id": "Bahasa Indonesia", "en": "English"}


def _localized_verbose_name(verbose_name, language):
    return f"{verbose_name} [{TRANSLATION_LANGUAGE_NAMES.get(language, language)}]"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _localized_verbose_name

STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "/static/")
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Uploads are written to a temporary file and renamed into place: complete or absent.
    "default": {"BACKEND": "core.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: photos are capped at 5 MB by their validators; this keeps bigger requests out early.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- security: response headers and cookies ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The CSRF cookie is only ever needed by forms of this site (the admin), never after a cross-site link.
CSRF_COOKIE_SAMESITE = "Strict"
# Only staff ever get a session; it ends after this much inactivity in the admin, after
# PORTAL_STAFF_SESSION_MAX_HOURS whatever the activity, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("PORTAL_STAFF_SESSION_MINUTES", "60")) * 60
PORTAL_STAFF_SESSION_MAX_AGE = int(os.environ.get("PORTAL_STAFF_SESSION_MAX_HOURS", "8")) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "admin:login"


def origin_of(url):
    """``https://media.example.id`` for an absolute URL, None for a path on this site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Content-Security-Policy (django-csp): an allow-list with no inline script or style anywhere,
# the admin included, and no nonce, so a cached public page carries the same valid policy for
# everyone. JSON-LD data blocks are not scripts a browser runs, so they need no exception.
# Static files and uploads may live on their own origins (a CDN, a separate media domain).
_ASSET_ORIGINS = [origin for origin in {origin_of(STATIC_URL)} if origin]
_MEDIA_ORIGINS = [origin for origin in {origin_of(MEDIA_URL)} if origin]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF, *_ASSET_ORIGINS],
        "script-src": [SELF, *_ASSET_ORIGINS],
        "style-src": [SELF, *_ASSET_ORIGINS],
        "img-src": [SELF, *_ASSET_ORIGINS, *_MEDIA_ORIGINS],
        "font-src": [SELF, *_ASSET_ORIGINS],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features the portal never uses, switched off for it and anything it embeds.
PORTAL_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)
# Serve uploaded photos from this application (images only, sandboxed). For a single machine
# such as `make serve`; in production a separate media origin serves them (DJANGO_MEDIA_URL).
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", False)
# Where `manage.py backup` writes its archives unless given --output (see docs/operations.md).
PORTAL_BACKUP_DIR = Path(os.environ.get("PORTAL_BACKUP_DIR", VAR_DIR / "backups"))
# Signs every backup's manifest (HMAC-SHA256) so that an edited archive is refused on restore. It
# lives in the secret store, never beside the backups; without it backup and restore refuse to run.
PORTAL_BACKUP_KEY = os.environ.get("PORTAL_BACKUP_KEY", "")
# Earlier keys whose backups may still be restored, while rotating PORTAL_BACKUP_KEY.
PORTAL_BACKUP_KEY_FALLBACKS = env_list("PORTAL_BACKUP_KEY_FALLBACKS")
# --- end security: response headers and cookies ---

# Staff login protection (django-axes): ten wrong passwords for one username from one address
# lock that pair out for a while; other staff and other addresses are not affected.
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PORTAL_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "staff.admin_site.lockout_response"
AXES_VERBOSE = False
# A row per failed attempt (username, address, time): the budgets below count them, and staff are
# told at sign-in how many there were. A wrong one-time code is a failed attempt too.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
# Budgets across addresses and accounts (portal/signin.py): past either, each attempt waits 2 s
# after the latest failure, doubling per further failure up to the cap; a delay, never a lockout.
PORTAL_LOGIN_ACCOUNT_BUDGET = int(os.environ.get("PORTAL_LOGIN_ACCOUNT_BUDGET", "15"))
PORTAL_LOGIN_ADDRESS_BUDGET = int(os.environ.get("PORTAL_LOGIN_ADDRESS_BUDGET", "20"))
PORTAL_LOGIN_BUDGET_MINUTES = int(os.environ.get("PORTAL_LOGIN_BUDGET_MINUTES", "15"))
PORTAL_LOGIN_MAX_DELAY_SECONDS = int(os.environ.get("PORTAL_LOGIN_MAX_DELAY_SECONDS", "60"))
# Behind a reverse proxy the client address is in X-Forwarded-For; trust exactly as many proxy
# hops as really sit in front (0 = use the connection's address, the safe default).
PORTAL_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT") or "0")
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_address"

# Two-factor authentication (TOTP) for every staff member; production turns it on by default.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Portal Pilkada Balikpapan"
# The device admin never shows a secret (key, QR code) once a device exists.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Voter figures older than this many days are flagged on the staff dashboard.
PORTAL_STALE_FIGURE_DAYS = int(os.environ.get("PORTAL_STALE_FIGURE_DAYS", "30"))
# A voter list that differs from the area's previous list (DPS -> DPSHP -> DPT) by more than this
# share needs an explicit confirmation with a reason, in imports and in the admin forms.
PORTAL_VOTER_LIST_CHANGE_PERCENT = float(os.environ.get("PORTAL_VOTER_LIST_CHANGE_PERCENT", "5"))

# Error reports ("Laporkan kesalahan") one address may send per hour; more are refused unstored.
PORTAL_REPORTS_PER_HOUR = int(os.environ.get("PORTAL_REPORTS_PER_HOUR", "5"))
# How long public pages may be reused by browsers and a CDN; short, so corrections show quickly.
PORTAL_PUBLIC_MAX_AGE = int(os.environ.get("PORTAL_PUBLIC_MAX_AGE", "60"))
# Who runs the portal: shown in the footer and in structured data.
PORTAL_PUBLISHER = "Bagian Pemerintahan, Sekretariat Daerah Kota Balikpapan"
PORTAL_CONTACT_EMAIL = os.environ.get("PORTAL_CONTACT_EMAIL", "")
PORTAL_OFFICIAL_SITE = "https://balikpapan.go.id/"
# Kota Balikpapan's official codes (data/pilkada-balikpapan-2024/area_codes.csv, "city" row): the
# Kemendagri region code and the BPS code. The city has no record of its own, so they live here;
# city-wide figures, the data package and the structured data carry them.
PORTAL_CITY_CODE = "64.71"
PORTAL_CITY_BPS_CODE = "6471"
# Where voters report violations, printed on the RT notice. Source: Bawaslu Kota Balikpapan's
# press release of 13 January 2025 (data/pilkada-balikpapan-2024/sources/contacts.csv); the
# guide's "kontak-penyelenggara" section carries the same contact with its source for readers.
PORTAL_BAWASLU = {"name": "Bawaslu Kota Balikpapan", "website": "https://balikpapan.bawaslu.go.id"}
# Absolute base for links that leave the page (sitemap, Open Graph, QR codes); the request's
# host is used when empty.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").rstrip("/")

# --- security: structured logging ---
# One JSON object per line on stderr (DJANGO_LOG_FORMAT=plain for reading by eye): errors, sign-ins
# and publishing actions, with passwords, tokens, session ids and NIK numbers masked.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "core.logs.RedactFilter"}},
    "formatters": {
        "json": {"()": "core.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("DJANGO_LOG_FORMAT", "json"),
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
# --- end security: structured logging ---

# Freeze the public pages at a moment (ISO 8601), e.g. to rehearse voting day; empty = real time.
PORTAL_CLOCK = os.environ.get("PORTAL_CLOCK", "")
# Mark every page, title, share text and preview card as training data (core.training). Only
# the rehearsal settings turn it on, after making sure their database is not the real one.
PORTAL_TRAINING = False
