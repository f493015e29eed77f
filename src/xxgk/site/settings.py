"""Settings of the web system, from the environment.

- ``XXGK_DATABASE_URL``: ``sqlite:///path`` or ``postgresql://user@host:port/name``; default SQLite in
  ``$XXGK_DATA_DIR/xxgk.sqlite3``.
- ``XXGK_DATA_DIR``: where the SQLite database, uploads, generated files and local secrets live; default
  ``./data`` of the working directory.
- ``XXGK_SECRET_KEY``: Django's secret key; default generated once into ``$XXGK_DATA_DIR/secret_key``.
- ``XXGK_FIELD_KEY``: the key (base64 of 32 bytes) encrypting applicants' personal data at rest; default
  generated once into ``$XXGK_DATA_DIR/field_key``.
- ``XXGK_DEBUG``: ``1`` shows Django's debug pages; default off.
- ``XXGK_ALLOWED_HOSTS``: comma-separated host names; default ``127.0.0.1,localhost``.
- ``XXGK_HOLIDAYS_DIR``: the administrator's holiday tables (``YYYY.toml``, see :mod:`xxgk.workdays`), which
  the administration pages write; default ``$XXGK_DATA_DIR/holidays``.
- ``XXGK_TLS``: ``1`` when served over HTTPS: secure cookies, HSTS, redirect to HTTPS; default off.

``xxgk.site.settings_production`` adds what a deployment must have and refuses generated secrets.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("XXGK_DATA_DIR", "data")).resolve()


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _local_secret(name: str, make: Callable[[], str]) -> str:
    """A secret kept in the data folder, made on first use, so a development server keeps its sessions."""
    path = DATA_DIR / name
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    value = make()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(value)
    return value


def _field_key() -> str:
    import base64

    return base64.b64encode(secrets.token_bytes(32)).decode("ascii")


HOLIDAYS_DIR = Path(os.environ.get("XXGK_HOLIDAYS_DIR") or DATA_DIR / "holidays").resolve()
HOLIDAYS_DIR.mkdir(parents=True, exist_ok=True)
os.environ["XXGK_HOLIDAYS_DIR"] = str(HOLIDAYS_DIR)  # the core's calendar reads the same tables

DEBUG = _env_flag("XXGK_DEBUG")
SECRET_KEY = os.environ.get("XXGK_SECRET_KEY") or _local_secret(
    "secret_key", lambda: secrets.token_urlsafe(50)
)
FIELD_ENCRYPTION_KEY = os.environ.get("XXGK_FIELD_KEY") or _local_secret("field_key", _field_key)
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("XXGK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("XXGK_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'xxgk.sqlite3'}",
        conn_max_age=int(os.environ.get("XXGK_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers write the same file: wait for the lock rather than fail at once, and let readers
    # read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "xxgk.site",
    "xxgk.agencies",
    "xxgk.audit",
    "xxgk.ledger",
    "xxgk.registers",
    "xxgk.annual",
    "xxgk.desk",
    "xxgk.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "xxgk.site.middleware.ContentSecurityPolicyMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "xxgk.site.urls"
WSGI_APPLICATION = "xxgk.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xxgk.desk.context.navigation",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from it once collectstatic ran
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads and generated documents are never served as static files: views check who asks.
MEDIA_ROOT = DATA_DIR / "files"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
if _env_flag("XXGK_TLS"):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("XXGK_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
