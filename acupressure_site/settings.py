"""Settings for the acupressure self-care site.

One module for every environment, driven by environment variables (docs/settings.md has
a table of them). Nothing set gives a safe production-like configuration on SQLite;
``DJANGO_DEBUG=1`` gives a development one. Production values that cannot be
guessed (the secret key) make the site refuse to start rather than run insecurely.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off the site refuses to "
            "start without a secret key: set DJANGO_SECRET_KEY to a long random "
            "value (for local development, set DJANGO_DEBUG=1 instead)."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "adminsortable2",
    "django_ratelimit",
    "django_tasks_db",
    # Revisions of content (routines): who changed what, compare and restore.
    "reversion",
    "reversion_compare",
    "routines",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "acupressure_site.shared.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "acupressure_site.shared.pagecache.ETagMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "acupressure_site.urls"

# The site's pages are Jinja2 templates in templates/ (acupressure_site/jinja2.py
# says why); the admin and the packages' templates use the Django template language.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "acupressure_site.jinja2.environment",
            # Only what the pages use: they show no user and need no CSP nonce.
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "acupressure_site.context_processors.site",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "acupressure_site.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "acupressure_site.wsgi.application"

# Database: SQLite file unless DATABASE_URL says otherwise. SQLite runs in WAL mode
# with a busy timeout and immediate transactions so concurrent writers queue up
# instead of failing with "database is locked". Connections are kept for a minute
# on both: opening one (and, for SQLite, reading the schema) cost about 1.5 ms of
# the article page's CPU per request.
SQLITE_PATH = BASE_DIR / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters sent apart from the SQL, and statements prepared once a
    # connection has run them a few times: less of psycopg's Python per query
    # (0.2-0.4 ms of the article page's queries) and no re-planning by PostgreSQL.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Models a migration seeds with rows (restore_site replaces them with the
# archive's rather than counting them as content).
BACKUP_SEEDED_MODELS = ["comments.publicnumber"]
# backup_site's JSON keeps times to the microsecond (routines/backup_json.py).
SERIALIZATION_MODULES = {"backupjson": "routines.backup_json"}

# Cache: Redis when REDIS_URL is set. Without it, a cache on this machine's
# disk that every worker shares (diskcache: SQLite files in
# DJANGO_CACHE_LOCATION, counters incremented atomically), so the page cache,
# its invalidation and the rate limits hold across workers; docs/scaling.md
# compares it with Django's file and database caches side by side.
# DJANGO_CACHE_BACKEND names another backend.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "acupressure_site.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "acupressure"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": os.environ.get(
                "DJANGO_CACHE_BACKEND", "acupressure_site.cache.DiskCache"
            ),
            "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION")
            or str(BASE_DIR / "cache"),
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "acupressure"),
        }
    }

# Whole pages for readers who are not logged in (acupressure_site/shared/pagecache.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Each worker reads the cache's version number at most once in this many
# milliseconds: a change made elsewhere reaches its readers at most this late.
PAGE_CACHE_VERSION_MS = env_int("PAGE_CACHE_VERSION_MS", 5)

# Background work (Django's Tasks framework): e-mail to moderators, generated
# handouts and picture renditions. The tasks are stored in the site's own
# database (django-tasks-db) and run by ``manage.py db_worker``, so a reader's
# request never waits for them and a task is enqueued in the same transaction
# as the change that asks for it. The test suite runs them at once instead.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
        ),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# Static files: hashed, compressed names served by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "acupressure_site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded pictures are served by the site itself unless a front server or an
# object store does it (set DJANGO_SERVE_MEDIA=0 then).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Several app servers share uploads through S3-compatible object storage
# (django-storages) when a bucket is named; the site then stops serving /media/.
AWS_STORAGE_BUCKET_NAME = os.environ.get("DJANGO_S3_BUCKET", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "custom_domain": os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", False)
# Sessions (staff only: readers get none) live in the database, shared by all
# app servers; with Redis they can move to the cache.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# Upload limits (bytes). Checked by the model validators as well as by Django.
HANDOUT_MAX_BYTES = env_int("HANDOUT_MAX_BYTES", 10 * 1024 * 1024)
PICTURE_MAX_BYTES = env_int("PICTURE_MAX_BYTES", 5 * 1024 * 1024)
VIDEO_MAX_BYTES = env_int("VIDEO_MAX_BYTES", 500 * 1024 * 1024)
CAPTIONS_MAX_BYTES = env_int("CAPTIONS_MAX_BYTES", 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o644

# Security. SSL redirect and secure cookies are on unless DEBUG is on, or
# DJANGO_SECURE_SSL_REDIRECT=0 for local testing without TLS.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A comment sent without a valid token (a cached page read without JavaScript)
# comes back with the reader's text and a token of their own: nothing is lost.
CSRF_FAILURE_VIEW = "comments.views.csrf_failure"
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: nothing inline, the video frame only from the
# privacy-enhanced hosts and only once the reader asks for it.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Permissions-Policy: no camera, microphone, location, payment or USB for anyone;
# the privacy-enhanced video players may go full screen and play.
VIDEO_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": ["self", *VIDEO_ORIGINS],
    "browsing-topics": [],
    "camera": [],
    "encrypted-media": ["self", *VIDEO_ORIGINS],
    "fullscreen": ["self", *VIDEO_ORIGINS],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "picture-in-picture": ["self", *VIDEO_ORIGINS],
    "usb": [],
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail (Django 6.1 mailers): the console in development, SMTP in production.
_mail_backend = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": _mail_backend}}
if _mail_backend.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
        "port": env_int("DJANGO_EMAIL_PORT", 25),
        # A mail server that stops answering must not hold the task worker.
        "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 20),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Seconds between attempts to send an e-mail while the mail server cannot be
# reached (comments/tasks.py): one more attempt after each, then it gives up.
MAIL_RETRY_SECONDS = [
    float(value)
    for value in env_list(
        "DJANGO_MAIL_RETRY_SECONDS", "30,60,120,300,600,1800,3600,7200,14400,28800"
    )
]

LOGIN_URL = "admin:login"

# Comments (see comments/moderation.py).
# The medical review cycle (routines.review): an article's next review is due
# this many months after its last, unless an editor gives another date.
REVIEW_INTERVAL_MONTHS = env_int("REVIEW_INTERVAL_MONTHS", 12)
# How long a reviewer's preview link to a draft works unless the editor says.
PREVIEW_LINK_DAYS = env_int("PREVIEW_LINK_DAYS", 7)

COMMENTS_MAX_LENGTH = env_int("COMMENTS_MAX_LENGTH", 3000)
COMMENTS_MAX_DEPTH = env_int("COMMENTS_MAX_DEPTH", 1)  # 1: replies, no replies to them
COMMENTS_PREMODERATION = env_bool("COMMENTS_PREMODERATION", False)
# "redact": store redacted, usual rules; "hold": store redacted, hold for a moderator
COMMENTS_PERSONAL_DATA_POLICY = os.environ.get(
    "COMMENTS_PERSONAL_DATA_POLICY", "redact"
)
if COMMENTS_PERSONAL_DATA_POLICY not in {"redact", "hold"}:
    raise ImproperlyConfigured(
        'COMMENTS_PERSONAL_DATA_POLICY must be "redact" or "hold".'
    )
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_MODERATION_WORDS = env_list(
    "COMMENTS_MODERATION_WORDS", "viagra,casino,crypto,loan,porn"
)
COMMENTS_HOLD_FIRST_COMMENT = env_bool("COMMENTS_HOLD_FIRST_COMMENT", False)
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)
COMMENTS_DUPLICATE_WINDOW_MINUTES = env_int("COMMENTS_DUPLICATE_WINDOW_MINUTES", 60)
COMMENTS_RATE_LIMIT = os.environ.get("COMMENTS_RATE_LIMIT", "5/10m")
COMMENTS_MODERATOR_EMAILS = env_list("COMMENTS_MODERATOR_EMAILS", "")
# Readers report comments; at this many open reports a comment is held.
COMMENTS_REPORT_THRESHOLD = env_int("COMMENTS_REPORT_THRESHOLD", 3)
COMMENTS_REPORT_RATE_LIMIT = os.environ.get("COMMENTS_REPORT_RATE_LIMIT", "10/10m")
# "Was this page helpful?" answers per client.
FEEDBACK_RATE_LIMIT = os.environ.get("FEEDBACK_RATE_LIMIT", "20/10m")
# "E-mail me when someone replies": how long the confirmation link works, how
# long an unsubscribe link works, and how long after a discussion closes the
# address is kept (comments/subscriptions.py).
COMMENTS_REPLY_CONFIRM_HOURS = env_int("COMMENTS_REPLY_CONFIRM_HOURS", 48)
COMMENTS_REPLY_UNSUBSCRIBE_DAYS = env_int("COMMENTS_REPLY_UNSUBSCRIBE_DAYS", 400)
COMMENTS_REPLY_KEEP_DAYS = env_int("COMMENTS_REPLY_KEEP_DAYS", 30)
# Where the client's address comes from (a proxy's header when behind one).
COMMENTS_CLIENT_IP_HEADER = os.environ.get("COMMENTS_CLIENT_IP_HEADER", "REMOTE_ADDR")
RATELIMIT_USE_CACHE = "default"
# django-ratelimit does not list Django's own Redis backend or diskcache, which
# both increment atomically. Its error for a cache that is per process or does
# not (local memory, Django's file and database caches) stays on.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

SITE_NAME = "Self-Care Health"
# The site's public address, printed on generated handouts.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Security and reliability ---
# Every request gets an id (acupressure_site/request_id.py): first in, so even a
# redirect or an error from another middleware carries it.
MIDDLEWARE.insert(0, "acupressure_site.request_id.RequestIdMiddleware")

# Admin login lockout (django-axes): after AXES_FAILURE_LIMIT failed logins for
# one username from one client, that pair is refused for AXES_COOLOFF_HOURS. The
# client address axes stores is a keyed hash (acupressure_site/lockout.py), and
# successful logins are not recorded at all.
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "acupressure_site.lockout.pseudonymous_ip"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Log lines carry the request id ("-" outside a request). Django's request logger
# passes the request object along, but the formatter prints only the message
# ("Internal Server Error: /path") and the traceback, never the body or POST.
LOGGING["filters"] = {
    **LOGGING.get("filters", {}),
    "request_id": {"()": "acupressure_site.request_id.RequestIdFilter"},
}
LOGGING["handlers"]["console"]["filters"] = [
    *LOGGING["handlers"]["console"].get("filters", []),
    "request_id",
]
LOGGING["formatters"]["plain"] = {
    "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
    "defaults": {"request_id": "-"},
}
