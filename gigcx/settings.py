"""gigcx settings: one module, driven by the environment.

With nothing set the project runs embedded (SQLite under var/, Celery tasks in-process, e-mail
to the console). DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS and EMAIL_URL switch
it to the production stack.
"""

import warnings
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-3f9c1e7a0b"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    warnings.warn("SECRET_KEY is not set: using the development key", stacklevel=1)
    SECRET_KEY = DEV_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "django_filters",
    "accounts",
    "agents",
    "clients",
    "training",
    "scheduling",
    "performance",
    "community",
    "notifications",
    "jobs",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.TimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "gigcx.urls"
WSGI_APPLICATION = "gigcx.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gigcx.context_processors.site",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'gigcx.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writes take the database lock at BEGIN, so concurrent writers queue instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
else:
    import psycopg2.extensions

    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Booking locks rely on READ COMMITTED: each statement sees rows committed before it.
    DATABASES["default"].setdefault("OPTIONS", {})["isolation_level"] = (
        psycopg2.extensions.ISOLATION_LEVEL_READ_COMMITTED
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache, sessions, Celery ----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="gigcx"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = REDIS_URL or None
# The database row is the record of every task's outcome; results are stored only on request,
# so publishing never waits on the result store.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = "UTC"
# A broker that is down must not hold a web request: one attempt, half-second socket timeouts
# (a refused connection fails at once, a hung broker after about 0.5 s). The database row is the
# record of the work and a beat sweep re-enqueues whatever was not published.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 0.5,
    "retry_on_timeout": False,
    "max_retries": 0,
    "visibility_timeout": 3600,
    # Several deployments (or parallel test runs) may share one Redis; keys stay apart.
    "global_keyprefix": env.str("CELERY_BROKER_KEY_PREFIX", default=""),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_ROUTES = {
    "notifications.*": {"queue": "notifications"},
    "clients.tasks.invitation_*": {"queue": "notifications"},
    "agents.tasks.*": {"queue": "imports"},  # long imports never delay e-mail or staffing
    "performance.tasks.metrics_import_task": {"queue": "imports"},
}
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {
        "task": "notifications.tasks.notification_sweep",
        "schedule": 60.0,
    },
    "invitations-sweep": {
        "task": "clients.tasks.invitation_sweep",
        "schedule": 60.0,
    },
    "jobs-sweep": {
        "task": "jobs.tasks.job_sweep",
        "schedule": 60.0,
    },
    "waitlist-offers-sweep": {
        "task": "scheduling.tasks.offers_sweep_task",
        "schedule": 60.0,
    },
    "training-renewal-reminders": {
        "task": "training.tasks.award_reminders_sweep",
        "schedule": 3600.0,
    },
    "shift-reminders-sweep": {
        "task": "scheduling.tasks.reminders_sweep_task",
        "schedule": 300.0,
    },
    "attendance-sweep": {
        "task": "scheduling.tasks.attendance_sweep_task",
        "schedule": 60.0,
    },
    "idempotency-keys-sweep": {
        "task": "scheduling.tasks.idempotency_sweep_task",
        "schedule": 3600.0,
    },
    # Yesterday's attendance metrics, once yesterday has ended in every zone (UTC-10 included)
    # and the attendance sweep has settled its blocks.
    "attendance-metrics-nightly": {
        "task": "performance.tasks.attendance_metrics_refresh_task",
        "schedule": crontab(hour=10, minute=30),
    },
}

# --- e-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="gigcx <no-reply@gigcx.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10

# --- accounts and allauth -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
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
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[gigcx] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "gigcx"

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "gigcx.authentication.TokenAuthentication",  # one plain query (issue 7)
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gigcx.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "gigcx API",
    "DESCRIPTION": "Agents, clients, programs, demand, staffing and bookings of gigcx.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Choice sets shared by several models get one name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "LanguageLevelEnum": "agents.choices.LanguageLevel",
        "ChannelEnum": "agents.choices.Channel",
    },
}

# --- booking rules (scheduling/services.py) ----------------------------------------------------
# Each can be set from the environment; the defaults are the marketplace's published rules.
SCHEDULING_LOCK_TIMEOUT_MS = env.int("SCHEDULING_LOCK_TIMEOUT_MS", default=3000)
SCHEDULING_FREE_UNDO_MINUTES = env.int("SCHEDULING_FREE_UNDO_MINUTES", default=5)
SCHEDULING_BOOKING_CLOSES_MINUTES = env.int("SCHEDULING_BOOKING_CLOSES_MINUTES", default=30)
SCHEDULING_MAX_CONSECUTIVE_HOURS = env.int("SCHEDULING_MAX_CONSECUTIVE_HOURS", default=6)
# Staged release: the top tier books at once, each tier below waits this much longer.
SCHEDULING_TOP_TIER = env.int("SCHEDULING_TOP_TIER", default=3)
SCHEDULING_RELEASE_DELAY_HOURS = env.int("SCHEDULING_RELEASE_DELAY_HOURS", default=12)
SCHEDULING_OFFER_HOLD_MINUTES = env.int("SCHEDULING_OFFER_HOLD_MINUTES", default=15)
SCHEDULING_CHECK_IN_OPENS_MINUTES = env.int("SCHEDULING_CHECK_IN_OPENS_MINUTES", default=15)
SCHEDULING_NO_SHOW_GRACE_MINUTES = env.int("SCHEDULING_NO_SHOW_GRACE_MINUTES", default=10)

# --- time, language, static -----------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
DEFAULT_USER_TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- security -------------------------------------------------------------------------------
BEHIND_HTTPS = env.bool("BEHIND_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = BEHIND_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = BEHIND_HTTPS
CSRF_COOKIE_SECURE = BEHIND_HTTPS
SECURE_HSTS_SECONDS = 31536000 if BEHIND_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = BEHIND_HTTPS
SECURE_HSTS_PRELOAD = BEHIND_HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- notifications --------------------------------------------------------------------------
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=5)
NOTIFICATION_CLAIM_SECONDS = 300

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
