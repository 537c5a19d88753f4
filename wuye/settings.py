"""Settings for Wuye, read from the environment through the strict helpers in ``wuye.env``.

WUYE_ENV is ``production`` unless ``make run`` (development) or the test settings say otherwise;
only development and test have built-in secrets, so production refuses to start without them.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from wuye.env import (
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    env_url,
    sqlite_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent

WUYE_ENV = env_choice("WUYE_ENV", ["production", "development", "test"], default="production")
PRODUCTION = WUYE_ENV == "production"
DEBUG = env_bool("DEBUG", default=WUYE_ENV == "development")

SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else "wuye-development-only-secret-key-0123456789")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (WUYE_ENV=production).")
# Earlier keys, still accepted for signatures made with them (sessions, printed patrol stickers).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
# Key for personal data at rest (citizen ID numbers, PIPL): encryption and the keyed lookup hash.
PII_KEY = env_str("PII_KEY", None if PRODUCTION else "wuye-development-only-pii-key")
if not PII_KEY:
    raise ImproperlyConfigured("PII_KEY must be set in production: it encrypts citizen ID numbers.")

HOST = env_str("HOST", "127.0.0.1")
PORT = env_int("PORT", 8000, minimum=1, maximum=65535)
SITE_URL = env_url("SITE_URL", f"http://{HOST}:{PORT}", schemes=("http", "https"))
# The address residents reach the public disclosure pages by, encoded in the QR posters (empty: the
# address of the request that prints the poster). Set it when the site sits behind a proxy or an
# internal host name, e.g. https://wuye.example.gov.cn.
WUYE_PUBLIC_BASE_URL = env_str("WUYE_PUBLIC_BASE_URL", "")
if WUYE_PUBLIC_BASE_URL:
    WUYE_PUBLIC_BASE_URL = env_url("WUYE_PUBLIC_BASE_URL", WUYE_PUBLIC_BASE_URL, schemes=("http", "https"))
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "huey.contrib.djhuey",
    "wuye.core",
    "wuye.regions",
    "wuye.accounts",
    "wuye.enterprises",
    "wuye.estates",
    "wuye.compliance",
    "wuye.safety",
    "wuye.servicedesk",
    "wuye.finance",
    "wuye.comanagement",
    "wuye.lifecycle",
    "wuye.disclosure",
    "wuye.oversight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wuye.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wuye.compliance.middleware.ParametersPerRequest",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wuye.urls"
WSGI_APPLICATION = "wuye.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wuye" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
DATABASES = {
    "default": database_from_url(DATABASE_URL) if DATABASE_URL else sqlite_database(BASE_DIR / "db.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    env_url("REDIS_URL", REDIS_URL, schemes=("redis", "rediss", "unix"))
CACHE_PREFIX = env_str("CACHE_PREFIX", "wuye")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_PREFIX,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": CACHE_PREFIX}
    )
}

# Jobs: huey on Redis where there is one, otherwise on a SQLite file of its own beside the database,
# so the embedded setup needs nothing installed.
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", default=WUYE_ENV == "test")
HUEY = {
    "name": "wuye",
    "immediate": HUEY_IMMEDIATE,
    # flush_locks: a consumer killed during an evaluation leaves its lock behind, and no evaluation
    # would run again; clearing task locks on start costs at most one overlapping run, which the
    # engine's single transaction and unique finding keys turn into a failed, rolled-back run.
    "consumer": {"workers": 2, "worker_type": "thread", "flush_locks": True},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(BASE_DIR / "huey.sqlite3")})

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Mail (password reset links): printed on the console in development, sent by SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "物业监督 <noreply@wuye.local>")

# Lock the account (not the address: staff share one office network) after 5 failures, for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False
# We lock by account on purpose (see above); axes warns that IP rotation is not covered.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "zh-hans"
# Each language is named in itself, so a reader finds his own in the switch.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "wuye" / "locale"]
USE_I18N = True
# Stored in UTC, shown in Asia/Shanghai (the whole region keeps Beijing time).
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
# Outside production whitenoise serves from the app folders (finders), so there is nothing to collect.
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production whitenoise serves straight from the app folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
MAX_SCAN_SIZE = 20 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SITE_URL.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "wuye.core.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wuye 物业监督 API",
    "DESCRIPTION": "Registry, scoping and supervision of property service in Inner Mongolia.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets of clause 4.3/4.4 share the field name "result": each gets its own enum name.
    "ENUM_NAME_OVERRIDES": {
        "FireCheckResultEnum": "wuye.safety.choices_fire.CheckResult",
        "FireTestResultEnum": "wuye.safety.choices_fire.TestResult",
        # Issue 6: a ticket's status and channel (the evidence channel and other statuses share the names).
        "TicketStatusEnum": "wuye.servicedesk.choices_tickets.TicketStatus",
        "TicketChannelEnum": "wuye.servicedesk.choices_tickets.TicketChannel",
        "EvidenceChannelEnum": "wuye.core.evidence.Channel",
        # Issue 8: a takeover's status (statements, tickets and others have a "status" too).
        "TakeoverStatusEnum": "wuye.lifecycle.choices_takeover.TakeoverStatus",
        # Issue 8 exits: an exit's status (statements and tickets have statuses too) and the Art. 29
        # categories, shared by the archive documents and the exit's handover items.
        "ExitStatusEnum": "wuye.lifecycle.choices_exit.ExitStatus",
        "ArchiveCategoryEnum": "wuye.safety.choices_plans.ArchiveCategory",
        # Issue 8: an illegal-construction case's outcome (a complaint's outcome is another "outcome").
        "ConstructionOutcomeEnum": "wuye.comanagement.choices_construction.Outcome",
        # Issue 8: the regulator's review of a termination (lawful or not).
        "TerminationReviewOutcomeEnum": "wuye.enterprises.models_people.ReviewOutcome",
        # Issue 9: a rectification order's status (its moves' from and to, and the ``expected`` of a move).
        "RectificationOrderStatusEnum": "wuye.oversight.choices_orders.OrderStatus",
        "GradePublicationStatusEnum": "wuye.compliance.publication.PublicationStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["stderr"],
        "level": env_choice("LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR"], "INFO"),
    },
    "loggers": {"axes": {"level": "WARNING"}},
}
