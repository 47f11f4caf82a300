"""Settings shared by every run mode (dev, prod, test import this). Everything configurable
comes from the environment (see `.env.example`); the embedded defaults let `make run` work
with nothing configured. Django's own settings are here; each concern has a module of its
own, star-imported at the end: datastores, celery, api, security, storage, mail,
observability, ai, monitoring, feedbacks."""

from datetime import timedelta

from ._env import BASE_DIR, VAR_DIR, env, env_list, env_str  # noqa: F401 (dev/prod/test read them from here)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-insecure-only-for-local-runs-0123456789abcdef")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

FRONTEND_URL = env("FRONTEND_URL", default="http://localhost:3000")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "corsheaders",
    "csp",
    "channels",
    "django_celery_beat",
    "anymail",
    "storages",
    "apps.core",
    "apps.users",
    "apps.projects",
    "apps.feedbacks",
    "apps.ai_planning",
    "apps.monitoring",
    "apps.monitoring.analytics",  # web analytics: models (app_label monitoring), routes, tasks
    "apps.demo",  # the top layer: demo data through every app (nothing imports it)
]

MIDDLEWARE = [
    "apps.core.middleware.RequestIdMiddleware",
    "apps.monitoring.middleware.PrometheusMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "apps.core.middleware.CommonMiddleware",
    "apps.core.middleware.UnstorableTextMiddleware",  # after LocaleMiddleware: its message is localised
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.core.middleware.ApiErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# --- auth ---
AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
WS_TICKET_TTL = 30

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=10)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=28)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    # A hash of the password in every token, compared on each request with the user row
    # already loaded: a password change ends older tokens even when Redis is down.
    "CHECK_REVOKE_TOKEN": True,
    "SIGNING_KEY": env_str("JWT_SIGNING_KEY", SECRET_KEY),
    "USER_ID_FIELD": "id",
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# --- request size: a 2 MB JSON body is refused with 413 ---
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)

# --- i18n ---
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- realtime streams ---
STREAM_RETENTION_DAYS = 7
STREAM_RETENTION_MIN_EVENTS = 10_000
# A comment line on an idle Server-Sent Events stream, so proxies and clients keep it open.
SSE_KEEPALIVE_SECONDS = env.float("SSE_KEEPALIVE_SECONDS", default=15.0)

# --- projects ---
INVITATION_TTL_DAYS = env.int("INVITATION_TTL_DAYS", default=7)

from .ai import *  # noqa: E402, F403
from .api import *  # noqa: E402, F403
from .celery import *  # noqa: E402, F403
from .datastores import *  # noqa: E402, F403
from .feedbacks import *  # noqa: E402, F403
from .mail import *  # noqa: E402, F403
from .monitoring import *  # noqa: E402, F403
from .observability import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403
from .storage import *  # noqa: E402, F403
