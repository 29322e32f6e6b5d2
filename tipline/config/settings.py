"""Settings for every deployment. Everything that differs between the embedded default (SQLite, files and keys
under var/) and a deployment at scale (PostgreSQL, Redis, many web processes) comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from tipline.vault.keyfile import load_or_create_key_file

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TIPLINE_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


# Keys live outside the database. The local key file is the embedded default; production points the key provider
# at a KMS (see tipline/vault/providers.py) but the file still holds the non-KEK secrets.
TIPLINE_KEY_FILE = Path(os.environ.get("TIPLINE_KEY_FILE", VAR_DIR / "keys.json"))
TIPLINE_ESCROW_PRIVATE_FILE = Path(
    os.environ.get("TIPLINE_ESCROW_PRIVATE_FILE", VAR_DIR / "escrow-private.json")
)
TIPLINE_KEYS = load_or_create_key_file(
    TIPLINE_KEY_FILE,
    escrow_private_path=TIPLINE_ESCROW_PRIVATE_FILE,
    create=env_flag("TIPLINE_CREATE_KEYS", True),
)

SECRET_KEY = TIPLINE_KEYS.django_secret
DEBUG = env_flag("TIPLINE_DEBUG", False)
# Only behind a reverse proxy that sets X-Real-IP to the client's address (see tipline/client_privacy.py).
TIPLINE_BEHIND_PROXY = env_flag("TIPLINE_BEHIND_PROXY", False)
ALLOWED_HOSTS = [h for h in os.environ.get("TIPLINE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "tipline.vault",
    "tipline.audit",
    "tipline.accounts",
    "tipline.publications",
    "tipline.intake",
    "tipline.reporters",
    "tipline.cases",
    "tipline.wechat",
    "tipline.demo",
    "ninja",
]

MIDDLEWARE = [
    # First: the client's address and device are turned into nothing (or a short-lived keyed hash for rate
    # limits) before any other code, log or error report can see them.
    "tipline.client_privacy.ForgetClientMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tipline.accounts.middleware.SurfaceSeparationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The staff workspace (/staff/): the member's language, no caching, idle expiry. Public pages never carry the
    # staff session cookie: it is scoped to /staff/.
    "tipline.accounts.middleware.StaffSurfaceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tipline.client_privacy.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "tipline.config.urls"
WSGI_APPLICATION = "tipline.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tipline" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csrf",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tipline.publications.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("TIPLINE_DATABASE_URL", f"sqlite:///{VAR_DIR / 'tipline.sqlite3'}"),
        conn_max_age=int(os.environ.get("TIPLINE_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the one writer; synchronous=FULL makes a commit survive a power cut, so a
        # receipt shown after commit always has its report. IMMEDIATE takes the write lock at BEGIN, which turns
        # lock upgrades that would fail with "database is locked" into waits.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.StaffUser"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

REDIS_URL = os.environ.get("TIPLINE_REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # One process serves the embedded default (threads for concurrency), so an in-memory cache is shared by all
    # requests. It holds only throttling counters under short-lived keyed hashes.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "tipline" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "tipline" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploads: every file goes through the streaming handler in tipline/intake/uploads.py, which writes to the
# scratch directory (removed at the end of the request) and enforces the limits below while the bytes arrive.
TIPLINE_SCRATCH_DIR = Path(os.environ.get("TIPLINE_SCRATCH_DIR", VAR_DIR / "scratch"))
TIPLINE_FILES_DIR = Path(os.environ.get("TIPLINE_FILES_DIR", VAR_DIR / "files"))
FILE_UPLOAD_HANDLERS = ["tipline.intake.uploads.ScratchUploadHandler"]
FILE_UPLOAD_TEMP_DIR = str(TIPLINE_SCRATCH_DIR)
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024  # the text fields of a report, not its files
TIPLINE_MAX_FILE_BYTES = int(os.environ.get("TIPLINE_MAX_FILE_BYTES", 20 * 1024 * 1024))
TIPLINE_MAX_FILES_PER_SUBMISSION = int(os.environ.get("TIPLINE_MAX_FILES_PER_SUBMISSION", 10))

# Receipt codes: Argon2id with RFC 9106's second recommended setting (3 passes, 64 MiB). Parallelism 1 because
# throughput, not single-call latency, is what the intake needs: two cores run two calls at once.
TIPLINE_RECEIPT_KDF = {
    "time_cost": int(os.environ.get("TIPLINE_RECEIPT_KDF_TIME", 3)),
    "memory_cost_kib": int(os.environ.get("TIPLINE_RECEIPT_KDF_MEMORY_KIB", 64 * 1024)),
    "parallelism": int(os.environ.get("TIPLINE_RECEIPT_KDF_PARALLELISM", 1)),
}
# Staff private keys are encrypted under a key derived from the staff member's password with the same KDF.
TIPLINE_STAFF_KEY_KDF = dict(TIPLINE_RECEIPT_KDF)
# Proof of work (ALTCHA) on public submissions and receipt sign-ins; its cost and the per-connection limits are
# intake settings an administrator changes at run time (tipline/intake/flood_control.py).
TIPLINE_PROOF_OF_WORK_ENFORCED = env_flag("TIPLINE_PROOF_OF_WORK_ENFORCED", True)
# Used until an administrator saves the intake settings (then the saved row counts).
TIPLINE_FLOOD_DEFAULTS = {
    "proof_of_work_cost": int(os.environ.get("TIPLINE_PROOF_OF_WORK_COST", 5000)),
    "submissions_per_client_hour": int(os.environ.get("TIPLINE_SUBMISSIONS_PER_CLIENT_HOUR", 20)),
    "submissions_without_javascript_hour": int(os.environ.get("TIPLINE_SUBMISSIONS_WITHOUT_JS_HOUR", 3)),
}
# Wrong receipt codes per client (keyed hash of its address, kept only in the cache) before it must wait.
TIPLINE_RECEIPT_FAILURES_ALLOWED = int(os.environ.get("TIPLINE_RECEIPT_FAILURES_ALLOWED", 10))
TIPLINE_RECEIPT_FAILURE_WINDOW_SECONDS = 15 * 60
TIPLINE_FOLLOWUP_IDLE_SECONDS = 20 * 60
TIPLINE_IDEMPOTENCY_WINDOW_SECONDS = 24 * 3600

# Staff sessions only (reporters have none: see tipline/reporters/followup_session.py). The cookie is scoped to
# /staff/, expires after 30 idle minutes, and the session store is the database (or Redis with the cache).
SESSION_COOKIE_NAME = "tipline_staff_session"
SESSION_COOKIE_PATH = "/staff/"
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = int(os.environ.get("TIPLINE_STAFF_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)
LOGIN_URL = "/staff/sign-in/"
TIPLINE_STAFF_SIGNIN_FAILURES_ALLOWED = 5
TIPLINE_STAFF_LOCKOUT_SECONDS = 15 * 60
SESSION_COOKIE_SECURE = env_flag("TIPLINE_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_FAILURE_VIEW = "tipline.publications.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # "no-referrer" makes Chromium send Origin: null, which CSRF refuses
X_FRAME_OPTIONS = "DENY"

TIPLINE_SITE_NAME = _("National Security Reporting")
TIPLINE_PUBLIC_BASE_URL = os.environ.get("TIPLINE_PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Background work through Django's Tasks API: the database queue by default (`manage.py db_worker`, started by
# `make run`), RQ on Redis at scale.
TASKS = {"default": {"BACKEND": os.environ.get("TIPLINE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
EMAIL_BACKEND = os.environ.get("TIPLINE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("TIPLINE_FROM_EMAIL", "tipline@localhost")

# Logs carry no personal data: no addresses, no user agents, no report text. Request lines are logged by the
# server without the client address (see gunicorn.conf.py); django.request is kept to the message only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_request": {"()": "tipline.client_privacy.DropRequestDetailsFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_request"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("TIPLINE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "pikepdf": {"level": "WARNING"},
    },
}
