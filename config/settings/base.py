"""Settings shared by every run mode. Everything configurable comes from the environment
(see `.env.example`); the embedded defaults let `make run` work with nothing configured."""

import json
from datetime import timedelta
from pathlib import Path

import environ
import imageio_ffmpeg
from celery.schedules import crontab
from corsheaders.defaults import default_headers as cors_default_headers
from kombu import Queue

from config.channel_hosts import channel_layer_hosts

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated variable; unset or empty means the default."""
    return [value for value in env.list(name, default=[]) if value] or default


def env_str(name: str, default: str | None) -> str | None:
    """A string variable; unset or empty means the default (`.env` files keep empty keys)."""
    return env(name, default="") or default


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

# --- database: PostgreSQL via DATABASE_URL, SQLite under var/ otherwise ---
DATABASES = {
    "default": env.db_url_config(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env.bool("DB_POOL", default=True):
    # Daphne runs each request (and database_sync_to_async call) in a thread of its own,
    # and Django keeps a connection per thread: without a pool every request opened a new
    # PostgreSQL connection (a new server process, cold caches), whatever CONN_MAX_AGE said.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # pooled connections go back at request end
    DATABASES["default"]["OPTIONS"] = {
        "pool": {"min_size": 2, "max_size": env.int("DB_POOL_MAX_SIZE", default=20), "timeout": 10}
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL + a busy timeout: web, worker and beat write the same file concurrently.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, channel layer, Celery broker, ws tickets ---
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=1.0)

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "vp",
        "OPTIONS": {
            # The cache (throttles included) fails open: a Redis outage must not take
            # REST down with it. Things that need Redis (tickets) use it directly.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            # REDIS_URL, or several shards / Sentinel masters (config/channel_hosts.py);
            # no read timeout on any of them (DESIGN §8).
            "hosts": channel_layer_hosts(
                redis_url=REDIS_URL,
                urls=env_list("CHANNEL_REDIS_URLS", []),
                sentinels=env_list("CHANNEL_REDIS_SENTINELS", []),
                masters=env_list("CHANNEL_REDIS_SENTINEL_MASTERS", []),
                password=env("CHANNEL_REDIS_PASSWORD", default=""),
            ),
            "capacity": 1500,
            "expiry": 60,
            "group_expiry": 86400,
        },
    }
}

# --- Celery ---
CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "queue_order_strategy": "priority"}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Queues by kind of work, so a slow ffmpeg job or a bulk AI plan never holds up an alert or an
# urgent triage. A worker serving several takes them in the order given to `-Q` (kombu's
# "priority" order, not round robin; prefetch 1), so list the urgent ones first.
CELERY_QUEUE_NAMES = ("monitoring", "ai-urgent", "default", "media", "ai")
# Worker groups: one worker process (Deployment) per group. make run (Procfile.dev), the
# Procfile and deploy/ start these; "fast" always has a free slot for alerts and urgent triage.
CELERY_WORKER_QUEUES = {
    "fast": ("monitoring", "ai-urgent", "default"),
    "bulk": ("ai-urgent", "media", "ai"),
}
# Prefixes every queue name: tests give each real worker a namespace of its own.
CELERY_QUEUE_PREFIX = env_str("CELERY_QUEUE_PREFIX", "")
CELERY_TASK_QUEUES = [Queue(CELERY_QUEUE_PREFIX + name) for name in CELERY_QUEUE_NAMES]  # a bare worker takes all
CELERY_TASK_DEFAULT_QUEUE = CELERY_QUEUE_PREFIX + "default"
CELERY_TASK_ROUTES = ("apps.core.queues.route_task",)
# Every task's queue (apps.core.queues.route_task reads this; a test fails on a task missing here).
# AI jobs are routed by their priority when dispatched (apps.ai_planning.services).
CELERY_TASK_QUEUE_OF = {
    "apps.core.tasks.deliver_email": "default",
    "apps.core.tasks.prune_stream_events": "default",
    "apps.users.tasks.flush_expired_tokens": "default",
    "apps.feedbacks.tasks.process_version": "media",  # ffmpeg: seconds to minutes
    "apps.feedbacks.tasks.sweep_uploads": "media",
    "apps.ai_planning.tasks.ai_job_run": "ai",  # urgent/high-priority jobs: ai-urgent
    "apps.ai_planning.tasks.ai_jobs_sweep": "default",
    # Quick database work that gates an urgent triage: never behind bulk AI calls.
    "apps.ai_planning.tasks.feedback_triage_flush": "ai-urgent",
    "apps.ai_planning.tasks.feedback_triage_flush_due": "ai-urgent",
    # The alert path and the live dashboards.
    "apps.monitoring.tasks.collect_metrics": "monitoring",
    "apps.monitoring.tasks.evaluate_alert_rules": "monitoring",
    "apps.monitoring.tasks.deliver_notification": "monitoring",
    "apps.monitoring.tasks.sweep_deliveries": "monitoring",
    "apps.monitoring.tasks.detect_anomalies": "monitoring",
    "apps.monitoring.analytics.tasks.analytics_tick": "monitoring",
    # Maintenance: rollups and retention are database batches, backups stream whole dumps.
    "apps.monitoring.tasks.rollup_metrics": "default",
    "apps.monitoring.tasks.prune_monitoring": "default",
    "apps.monitoring.analytics.tasks.analytics_rollup": "default",
    "apps.monitoring.analytics.tasks.analytics_prune": "default",
    "apps.monitoring.tasks.backup_database": "media",
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "flush-expired-tokens": {
        "task": "apps.users.tasks.flush_expired_tokens",
        "schedule": timedelta(days=1),
    },
    "prune-stream-events": {
        "task": "apps.core.tasks.prune_stream_events",
        "schedule": timedelta(hours=6),
    },
    "feedbacks-sweep-uploads": {
        "task": "apps.feedbacks.tasks.sweep_uploads",
        "schedule": timedelta(hours=1),
    },
    # Delayed work is a due time in the database that a beat sweep sends (AI job retries,
    # webhook retries, the triage wait), never a countdown message: see docs/architecture.md.
    "ai-jobs-sweep": {
        "task": "apps.ai_planning.tasks.ai_jobs_sweep",
        "schedule": timedelta(seconds=15),
    },
    "feedback-triage-flush-due": {
        "task": "apps.ai_planning.tasks.feedback_triage_flush_due",
        "schedule": timedelta(seconds=15),
    },
    # Monitoring (apps/monitoring): the collector samples whichever host's worker takes it
    # (hosts without a worker run `manage.py collect_metrics --loop`).
    "monitoring-collect": {
        "task": "apps.monitoring.tasks.collect_metrics",
        "schedule": timedelta(seconds=env.float("MONITORING_COLLECT_INTERVAL", default=15.0)),
    },
    "monitoring-evaluate-alerts": {
        "task": "apps.monitoring.tasks.evaluate_alert_rules",
        "schedule": timedelta(seconds=env.float("MONITORING_EVALUATE_SECONDS", default=15.0)),
    },
    "monitoring-rollups": {
        "task": "apps.monitoring.tasks.rollup_metrics",
        "schedule": timedelta(minutes=10),
    },
    "monitoring-prune": {
        "task": "apps.monitoring.tasks.prune_monitoring",
        "schedule": timedelta(hours=6),
    },
    "monitoring-anomalies": {
        "task": "apps.monitoring.tasks.detect_anomalies",
        "schedule": timedelta(minutes=5),
    },
    "monitoring-sweep-deliveries": {
        "task": "apps.monitoring.tasks.sweep_deliveries",
        "schedule": timedelta(seconds=10),
    },
    "monitoring-backup": {
        "task": "apps.monitoring.tasks.backup_database",
        "schedule": crontab(hour=env.int("BACKUP_HOUR_UTC", default=3), minute=0),
    },
    "analytics-tick": {
        "task": "apps.monitoring.analytics.tasks.analytics_tick",
        "schedule": timedelta(seconds=env.float("ANALYTICS_TICK_SECONDS", default=5.0)),
    },
    "analytics-rollup": {
        "task": "apps.monitoring.analytics.tasks.analytics_rollup",
        "schedule": timedelta(hours=1),
    },
    "analytics-prune": {
        "task": "apps.monitoring.analytics.tasks.analytics_prune",
        "schedule": timedelta(hours=6),
    },
}

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
    "SIGNING_KEY": env_str("JWT_SIGNING_KEY", SECRET_KEY),
    "USER_ID_FIELD": "id",
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# --- DRF ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only; upload views opt in to multipart themselves.
    "DEFAULT_PARSER_CLASSES": ["apps.core.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.pagination.PagePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.core.throttling.UserRateThrottle",
        "apps.core.throttling.IPRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("THROTTLE_USER", default="600/min"),
        "ip": env("THROTTLE_IP", default="300/min"),
        "auth": env("THROTTLE_AUTH", default="20/min"),
        "login_failure": env("THROTTLE_LOGIN_FAILURES", default="5/15min"),
        "share": env("THROTTLE_SHARE", default="60/min"),
        "share_password": env("THROTTLE_SHARE_PASSWORD", default="5/15min"),
    },
    # Throttles key on REMOTE_ADDR only. DRF's default (NUM_PROXIES unset) keys on the raw
    # X-Forwarded-For header, which any client can vary to dodge the per-IP and auth limits;
    # behind a proxy, Daphne's --proxy-headers puts the real client address in REMOTE_ADDR.
    "NUM_PROXIES": 0,
    "EXCEPTION_HANDLER": "apps.core.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "apps.core.api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "VideoPlanet API",
    "DESCRIPTION": "Realtime collaboration for video production teams.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.monitoring.analytics.schema.add_ingestion_path",  # a plain view DRF cannot describe
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "apps.projects.models.Project.Status",
        "PlanStatusEnum": "apps.ai_planning.models.Plan.Status",
        "AIJobStatusEnum": "apps.ai_planning.models.AIJob.Status",
        "LocaleEnum": "apps.ai_planning.models.Brief.Language",
        "MonitoringChannelKindEnum": "apps.monitoring.models.NotificationChannel.Kind",
        "SilenceKindEnum": "apps.monitoring.models.Silence.Kind",
        "VersionStatusEnum": "apps.feedbacks.models.Version.Status",
        "VersionReviewStatusEnum": "apps.feedbacks.models.Version.ReviewStatus",
        "UploadStateEnum": "apps.feedbacks.models.Upload.State",
        "ShareLinkPermissionEnum": "apps.feedbacks.models.ShareLink.Permission",
        "ReviewDecisionEnum": "apps.feedbacks.models.ReviewDecision.Decision",
    },
    "APPEND_COMPONENTS": {
        "schemas": {
            "ErrorEnvelope": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["code", "message", "details", "request_id"],
                        "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "details": {"type": "object", "additionalProperties": True},
                            "request_id": {"type": "string"},
                        },
                    }
                },
            }
        }
    },
}

# --- request size: a 2 MB JSON body is refused with 413 ---
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)

# --- CORS / CSRF / WebSocket origins ---
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", ["http://localhost:3000", "http://127.0.0.1:3000"])
# ETag: the browser reads each uploaded part's ETag (embedded-mode part uploads come here).
CORS_EXPOSE_HEADERS = ["X-Request-ID", "ETag", "Content-Disposition"]  # file names of exports
CORS_ALLOW_HEADERS = (*cors_default_headers, "x-share-password")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", CORS_ALLOWED_ORIGINS)
WS_ALLOWED_ORIGINS = env_list("WS_ALLOWED_ORIGINS", CORS_ALLOWED_ORIGINS)

# --- security headers ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# --- i18n ---
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- static and media: S3 when a bucket is set, local var/media otherwise ---
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", None)
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", None)
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID", None)
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY", None)
# SigV4 presigned URLs (browser part uploads, playback); SigV2 is refused by newer regions.
AWS_S3_SIGNATURE_VERSION = env_str("AWS_S3_SIGNATURE_VERSION", "s3v4")
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = True
AWS_S3_FILE_OVERWRITE = False
# Uploaded files are private: every URL the API hands out is signed and expires after this
# many seconds — presigned GETs on S3, `apps.core.media` signatures on local storage.
MEDIA_URL_EXPIRY_SECONDS = env.int("MEDIA_URL_EXPIRY_SECONDS", default=3600)
AWS_QUERYSTRING_EXPIRE = MEDIA_URL_EXPIRY_SECONDS
STORAGES = {
    "default": {
        "BACKEND": "apps.core.storage.S3Storage"
        if AWS_STORAGE_BUCKET_NAME
        else "apps.core.media.SignedFileSystemStorage",
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Database backups: a private "backups/" prefix of the bucket, or a local folder that
    # is never served (not under MEDIA_ROOT).
    "backups": {
        "BACKEND": "apps.core.storage.S3Storage",
        "OPTIONS": {"location": "backups", "default_acl": "private", "querystring_auth": True},
    }
    if AWS_STORAGE_BUCKET_NAME
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("BACKUP_DIR", str(VAR_DIR / "backups"))},
    },
}

# --- email: console unless SMTP or an anymail provider is configured ---
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "outbox"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "VideoPlanet <no-reply@videoplanet.local>")
ANYMAIL = {"SENDGRID_API_KEY": env("SENDGRID_API_KEY", default="")}

# --- realtime streams ---
STREAM_RETENTION_DAYS = 7
STREAM_RETENTION_MIN_EVENTS = 10_000

# --- logging: JSON lines with the request id ---
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "apps.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "ts", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
    },
}

# --- Sentry ---
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

# --- projects ---
INVITATION_TTL_DAYS = env.int("INVITATION_TTL_DAYS", default=7)

# --- AI planning (an OpenAI-compatible endpoint; off without a key) ---
OPENAI_API_KEY = env("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env_str("OPENAI_BASE_URL", None)
OPENAI_MODEL = env_str("OPENAI_MODEL", "gpt-4o-mini")
AI_TIMEOUT_SECONDS = env.float("AI_TIMEOUT_SECONDS", default=60.0)
AI_MAX_RETRIES = env.int("AI_MAX_RETRIES", default=3)  # per call, on 429/5xx/timeouts/connection errors
AI_RETRY_BASE_SECONDS = env.float("AI_RETRY_BASE_SECONDS", default=1.0)
AI_RETRY_MAX_SECONDS = env.float("AI_RETRY_MAX_SECONDS", default=30.0)
AI_JOB_MAX_ATTEMPTS = env.int("AI_JOB_MAX_ATTEMPTS", default=3)  # whole-job attempts before needs_attention
AI_JOB_RETRY_BASE_SECONDS = env.float("AI_JOB_RETRY_BASE_SECONDS", default=30.0)
AI_JOB_LEASE_SECONDS = env.int("AI_JOB_LEASE_SECONDS", default=900)  # < CELERY visibility_timeout
AI_CACHE_TTL_SECONDS = env.int("AI_CACHE_TTL_SECONDS", default=7 * 24 * 3600)
# USD per million tokens: {"model": [input, output]}; AI_PRICES (JSON) adds or overrides.
AI_PRICES = {
    "gpt-4o-mini": [0.15, 0.60],
    "gpt-4o": [2.50, 10.00],
    "gpt-4.1-mini": [0.40, 1.60],
    "gpt-4.1": [2.00, 8.00],
    **json.loads(env_str("AI_PRICES", "{}")),
}
AI_DEFAULT_PRICE = [float(v) for v in env_list("AI_DEFAULT_PRICE", ["1.0", "4.0"])]
AI_DEFAULT_MONTHLY_BUDGET_USD = env.float("AI_DEFAULT_MONTHLY_BUDGET_USD", default=20.0)
AI_DEFAULT_APPROVAL_THRESHOLD_USD = env.float("AI_DEFAULT_APPROVAL_THRESHOLD_USD", default=0.50)

# --- storyboard reference images: the first provider whose key is set ---
GOOGLE_CSE_KEY = env("GOOGLE_CSE_KEY", default="")
GOOGLE_CSE_CX = env("GOOGLE_CSE_CX", default="")
PEXELS_API_KEY = env("PEXELS_API_KEY", default="")
UNSPLASH_ACCESS_KEY = env("UNSPLASH_ACCESS_KEY", default="")
GOOGLE_CSE_URL = env_str("GOOGLE_CSE_URL", "https://www.googleapis.com/customsearch/v1")
PEXELS_URL = env_str("PEXELS_URL", "https://api.pexels.com/v1/search")
UNSPLASH_URL = env_str("UNSPLASH_URL", "https://api.unsplash.com/search/photos")
IMAGE_SEARCH_TIMEOUT_SECONDS = env.float("IMAGE_SEARCH_TIMEOUT_SECONDS", default=10.0)
IMAGE_SEARCH_MAX_RETRIES = env.int("IMAGE_SEARCH_MAX_RETRIES", default=2)

# --- monitoring ---
MONITORING_HOST_NAME = env("MONITORING_HOST_NAME", default="")  # default: the machine's hostname
MONITORING_COLLECT_INTERVAL = env.float("MONITORING_COLLECT_INTERVAL", default=15.0)  # seconds
MONITORING_STALE_INTERVALS = env.int("MONITORING_STALE_INTERVALS", default=3)  # a value older is stale
MONITORING_RETENTION_DAYS = {
    "raw": env.int("MONITORING_RETENTION_RAW_DAYS", default=7),
    "hour": env.int("MONITORING_RETENTION_HOURLY_DAYS", default=90),
    "day": env.int("MONITORING_RETENTION_DAILY_DAYS", default=730),
    "tasks": env.int("MONITORING_RETENTION_TASK_DAYS", default=7),
}
MONITORING_WEBHOOK_ALLOW_PRIVATE = env.bool("WEBHOOK_ALLOW_PRIVATE", default=False)
MONITORING_WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=5.0)
MONITORING_WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
MONITORING_WEBHOOK_RETRY_BASE = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=10.0)
# staff get an in-app notification when an alert fires or resolves (outside silences)
MONITORING_NOTIFY_STAFF_IN_APP = env.bool("MONITORING_NOTIFY_STAFF_IN_APP", default=True)
MONITORING_CELERY_QUEUES = env_list("MONITORING_CELERY_QUEUES", [queue.name for queue in CELERY_TASK_QUEUES])
# Tasks beat runs every few seconds: the tasks view records them only when they fail.
MONITORING_TASKS_QUIET = env_list(
    "MONITORING_TASKS_QUIET",
    [
        "apps.monitoring.analytics.tasks.analytics_tick",
        "apps.monitoring.tasks.evaluate_alert_rules",
        "apps.ai_planning.tasks.feedback_triage_flush_due",
        "apps.ai_planning.tasks.ai_jobs_sweep",
        "apps.monitoring.tasks.sweep_deliveries",
    ],
)
MONITORING_ANOMALY_METRICS = env_list(
    "MONITORING_ANOMALY_METRICS",
    ["cpu.percent", "mem.percent", "load.1", "net.rx_bytes_per_s", "net.tx_bytes_per_s", "disk.write_bytes_per_s"],
)
MONITORING_ANOMALY_Z = env.float("MONITORING_ANOMALY_Z", default=3.0)
MONITORING_ANOMALY_BASELINE_HOURS = env.int("MONITORING_ANOMALY_BASELINE_HOURS", default=6)
MONITORING_ANOMALY_RECENT_MINUTES = env.int("MONITORING_ANOMALY_RECENT_MINUTES", default=10)
MONITORING_BACKUP_STORAGE = "backups"
MONITORING_BACKUP_PREFIX = ""
MONITORING_BACKUP_TIMEOUT = env.int("BACKUP_TIMEOUT_SECONDS", default=3600)
MONITORING_BACKUP_KEEP = {
    "daily": env.int("BACKUP_KEEP_DAILY", default=7),
    "weekly": env.int("BACKUP_KEEP_WEEKLY", default=4),
    "monthly": env.int("BACKUP_KEEP_MONTHLY", default=12),
}

# --- web analytics (apps/monitoring/analytics; contract in apps/monitoring/ANALYTICS_API.md) ---
ANALYTICS_MAX_BODY_BYTES = env.int("ANALYTICS_MAX_BODY_BYTES", default=64 * 1024)
ANALYTICS_MAX_EVENTS = env.int("ANALYTICS_MAX_EVENTS", default=50)
ANALYTICS_CLOCK_SKEW_SECONDS = env.int("ANALYTICS_CLOCK_SKEW_SECONDS", default=300)
ANALYTICS_MAX_EVENT_AGE_HOURS = env.int("ANALYTICS_MAX_EVENT_AGE_HOURS", default=24)
ANALYTICS_SESSION_IDLE_MINUTES = env.int("ANALYTICS_SESSION_IDLE_MINUTES", default=30)
ANALYTICS_ACTIVE_WINDOW_SECONDS = env.int("ANALYTICS_ACTIVE_WINDOW_SECONDS", default=60)
ANALYTICS_RATE_IP = env("ANALYTICS_RATE_IP", default="120/min")  # requests per client IP
ANALYTICS_RATE_SITE = env("ANALYTICS_RATE_SITE", default="3000/min")  # requests per site
ANALYTICS_TICK_SECONDS = env.float("ANALYTICS_TICK_SECONDS", default=5.0)
ANALYTICS_DEFAULT_RETENTION_DAYS = env.int("ANALYTICS_DEFAULT_RETENTION_DAYS", default=90)

# /metrics: Prometheus text behind `Authorization: Bearer <METRICS_TOKEN>`; unset = disabled.
METRICS_TOKEN = env("METRICS_TOKEN", default="")
# Multiprocess mode for prometheus-client (several Daphne/Celery processes). It must be in
# the environment before prometheus_client is imported, and wiped before the processes
# start (scripts/run.py and the Procfile do that).
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR", None)
if PROMETHEUS_MULTIPROC_DIR:
    import os

    os.environ["PROMETHEUS_MULTIPROC_DIR"] = PROMETHEUS_MULTIPROC_DIR
    Path(PROMETHEUS_MULTIPROC_DIR).mkdir(parents=True, exist_ok=True)

# --- feedbacks: uploads, processing, share links ---
# Largest file accepted at all (multipart uploads), and largest sent as one request to
# POST assets/{id}/versions/ (bigger files go through uploads/).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024**3)
UPLOAD_SMALL_MAX_BYTES = env.int("UPLOAD_SMALL_MAX_BYTES", default=100 * 1024**2)
UPLOAD_ALLOWED_CONTENT_TYPES = env_list(
    "UPLOAD_ALLOWED_CONTENT_TYPES",
    [
        "video/mp4",
        "video/quicktime",
        "video/webm",
        "video/x-matroska",
        "video/x-m4v",
        "video/x-msvideo",
        "video/mpeg",
        "video/mp2t",
        "video/ogg",
        "video/x-flv",
        "video/mxf",
        "video/x-ms-wmv",
        "video/3gpp",
    ],
)
# Multipart part size; never below 8 MiB (S3 wants >= 5 MiB) and grown to stay <= 10 000 parts.
UPLOAD_PART_SIZE = max(env.int("UPLOAD_PART_SIZE", default=16 * 1024**2), 8 * 1024**2)
# Presigned part URLs stay valid this long (at most an hour).
UPLOAD_URL_EXPIRY_SECONDS = min(env.int("UPLOAD_URL_EXPIRY_SECONDS", default=3600), 3600)
UPLOAD_STALE_HOURS = env.int("UPLOAD_STALE_HOURS", default=24)
FFMPEG_BINARY = env_str("FFMPEG_BINARY", None) or imageio_ffmpeg.get_ffmpeg_exe()
PROCESSING_TIMEOUT_SECONDS = env.int("PROCESSING_TIMEOUT_SECONDS", default=900)
PROCESSING_MAX_ATTEMPTS = env.int("PROCESSING_MAX_ATTEMPTS", default=3)
SHARE_LINK_DEFAULT_DAYS = env.int("SHARE_LINK_DEFAULT_DAYS", default=7)
SHARE_LINK_MAX_DAYS = env.int("SHARE_LINK_MAX_DAYS", default=90)
SHARE_FEEDBACK_LIMIT = 1000
FEEDBACK_REACTIONS = ["👍", "👎", "❤️", "🎉", "😂", "😮", "🤔", "👀", "✅", "🔥"]
