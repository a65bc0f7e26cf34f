"""Settings of the portal, driven by environment variables.

Development needs none of them: with no ``DATABASE_URL`` / ``REDIS_URL`` the embedded PostgreSQL and
Redis under ``var/`` are started (see ``workstation/embedded.py``). Production sets at least
``DEBUG=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``SITE_URL``, ``DATABASE_URL``, ``REDIS_URL``,
``HTTPS=1`` and the mail settings (README.md lists them all).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The development key is flagged by `check --deploy`; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "modeltranslation",  # before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "phonenumber_field",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "workstation.apps.WorkstationConfig",
    "talentpool.apps.TalentpoolConfig",
    "projects.apps.ProjectsConfig",
    "reports.apps.ReportsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "workstation.accounts.middleware.MandatoryTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "workstation.urls"
WSGI_APPLICATION = "workstation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workstation.context_processors.portal",
            ],
        },
    },
]

# --- Database

if os.environ.get("DATABASE_URL"):
    DATABASE_URL = os.environ["DATABASE_URL"]
else:
    from workstation.embedded import postgres_url

    DATABASE_URL = postgres_url(VAR_DIR)

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
# The staff pages' digest statements are prepared once per connection (workstation/digests.py): off
# behind a pooler in transaction mode, which does not keep a session's prepared statements.
PREPARED_DIGESTS = env_bool("PREPARED_DIGESTS", True)
# JIT compilation costs 20-30 ms on the directory's consent check and saves nothing on our queries.
DATABASES["default"]["OPTIONS"]["options"] = "-c jit=off"
if os.environ.get("TEST_DATABASE_NAME"):  # lets two test runs share one server
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker

if os.environ.get("REDIS_URL"):
    REDIS_URL = os.environ["REDIS_URL"]
else:
    from workstation.embedded import redis_url

    REDIS_URL = redis_url(VAR_DIR)


def celery_broker_url(url: str) -> str:
    """Kombu spells a unix socket ``redis+socket:///path?virtual_host=N``."""
    parsed = urlparse(url)
    if parsed.scheme != "unix":
        return url
    query = parse_qs(parsed.query)
    db = query.pop("db", ["0"])[0]
    return f"redis+socket://{parsed.path}?{urlencode({'virtual_host': db})}"


CACHES = {
    # allauth keeps its rate limits and the TOTP replay guard in the default cache: it lives in
    # PostgreSQL so that sign-in keeps working while Redis is down.
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    },
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        # Fail fast when Redis is down: pages must not wait for it.
        "OPTIONS": {
            "socket_connect_timeout": 1,
            "socket_timeout": 1,
            "retry": Retry(NoBackoff(), 0),
        },
    },
}

# Rendered fragments of the lists staff open all day, kept in each process under a digest of what
# they show (workstation/templatetags/fragments.py): never stale, so nothing is shared or cleared.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 24 * 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

CELERY_BROKER_URL = celery_broker_url(REDIS_URL)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker waits out a Redis outage of any length (Celery's default gives up after 100 tries,
# about 46 minutes, and the worker exits).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5}
# With the broker down, publishing fails fast; the database row stays pending for the sweep.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "portal")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# WeasyPrint leaves a worker child at ~180 MB: recycle children.
CELERY_WORKER_MAX_TASKS_PER_CHILD = 50
CELERY_TIMEZONE = "America/Los_Angeles"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Users and sign-in

AUTH_USER_MODEL = "workstation.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Refuses a permission the rules refused and no database row can grant, without a query.
    "workstation.accounts.backends.PermissionRowsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workstation:home"
# A new sign-up (always a talent) goes on to the talent pool's profile wizard once verified.
ACCOUNT_SIGNUP_REDIRECT_URL = "talentpool:profile_start"

ACCOUNT_ADAPTER = "workstation.accounts.adapter.PortalAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Confirming who you are before a sensitive change takes the password or the second factor, never
# only a code mailed to the account (allauth 65.22 turned that on by default).
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
# A double click on "Sign up" must not fail the second request.
ACCOUNT_FORMS = {"signup": "workstation.accounts.forms.PortalSignupForm"}
# Rate limits (kept in the database cache above, so they hold while Redis is down). At the Lanzhou
# Sci-Tech Expo or the conference, a hall of people signs up and signs in over one shared Wi-Fi,
# i.e. from one IP address: allauth's 20 sign-ups a minute per IP would turn a queue at the desk
# away. So the limits per IP are generous (300 sign-ups an hour) and only stop a script; what
# protects an account or a mailbox is the limit per email address ("key"): failed sign-ins (5 in
# 5 minutes), password reset mails (5 an hour) and confirmation mails. Unlisted actions keep
# allauth's defaults. A refusal shows the portal's 429 page (workstation.urls.handler429).
ACCOUNT_RATE_LIMITS = {
    "signup": "300/h/ip",
    "login": "60/m/ip",
    "login_failed": "30/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/h/key",
    # One confirmation mail per address every 3 minutes (allauth's cooldown), 10 a day.
    "confirm_email": "1/3m/key,10/d/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lanzhou SV Workstation"
SESSION_COOKIE_AGE = 60 * 60 * 12

# --- Languages and time

LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The workstation's own clock: briefing calendars, reminders and beat run on Pacific time.
TIME_ZONE = "America/Los_Angeles"
CHINA_TIME_ZONE = "Asia/Shanghai"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
# No silent fallback: pages show which language is missing.
MODELTRANSLATION_FALLBACK_LANGUAGES = ()

# --- Static and uploaded files

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Private uploads (CVs, documents): never under MEDIA_URL, served only by views that check access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
}
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "")
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"
PHONENUMBER_DEFAULT_REGION = None

# --- Mail

DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Lanzhou Silicon Valley Workstation <noreply@localhost>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
# Campaign mails per minute, sent in batches on workers: as many as the mail provider allows
# (many limit a sender to a few hundred an hour or a minute). 60 is safe for most.
CAMPAIGN_SEND_RATE = max(1, int(os.environ.get("CAMPAIGN_SEND_RATE", "60")))

# --- Security

HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies in front of the portal that append to X-Forwarded-For (for visitors' addresses,
# e.g. the intake form's rate limit); 0 when the portal is reached directly.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1" if env_bool("BEHIND_PROXY", False) else "0"))
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS: list[str] = []

# --- The read API (/api/v1/, workstation.api): personal tokens or a signed-in session.

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "workstation.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["workstation.api.permissions.ReadsTheApi"],
    "DEFAULT_THROTTLE_CLASSES": ["workstation.api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_RATE", "600/minute")},
    "DEFAULT_PAGINATION_CLASS": "workstation.api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "workstation.api.filters.Ordering",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "workstation.api.errors.handle",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    # Lazy: the schema view answers ?lang= in that language (drf-spectacular resolves them).
    "TITLE": _("Lanzhou Silicon Valley Workstation API"),
    "DESCRIPTION": _(
        "Read-only data of the workstation for the Lanzhou bureau. Send a personal token "
        "(Authorization: Bearer lzw_...); pull changes with ?updated_since=; ?lang=zh-hans or en."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI is vendored in static/vendor/swagger-ui/ (no CDN); the docs page's template
    # (workstation/api_docs.html) names its files through {% static %}.
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/vendor/swagger-ui/favicon-32x32.png",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ProjectStage": "projects.pipeline.models.Stage",
        "EventKind": "workstation.events.models.EventKind",
        "VipKind": "workstation.invitations.models.VipKind",
        "InvitationStatus": "workstation.invitations.models.InvitationStatus",
        "InvitationStepKind": "workstation.invitations.models.StepKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "workstation.api.schema.document_errors",
    ],
    "GET_LIB_DOC_EXCLUDES": "workstation.api.schema.undocumented_bases",
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Debian's chromium for the browser tests (found on PATH when empty).
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "")

# --- Logging

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
    },
}

# Names shown in the interface and in mails.
WORKSTATION_NAME = _("Lanzhou Science and Technology Innovation (Silicon Valley) Workstation")
