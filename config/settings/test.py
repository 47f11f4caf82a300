"""Test run: same components as production (PostgreSQL/Redis when the env gives them),
fast password hashing, in-memory email."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Generous defaults so the suite isn't throttled; throttle tests override rates.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
        "user": "10000/min",
        "ip": "10000/min",
        "auth": "10000/min",
    },
}

# Serve static files straight from the apps (no collectstatic needed outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests create and drop their database: idle pooled connections would keep it busy.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)  # noqa: F405

# A file-backed SQLite test database (when no DATABASE_URL) so that a real Celery worker
# started by a test can see the same rows (tests/workers.py hands workers this file's path).
# SQLITE_TEST_PATH moves it, so two runs on one machine do not share (and drop) one file.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_PATH", str(VAR_DIR / "test.sqlite3"))}  # noqa: F405

# Monitoring: fast webhook timeouts/backoff in tests; the metrics endpoint has a known token.
MONITORING_WEBHOOK_TIMEOUT = 1.0
MONITORING_WEBHOOK_RETRY_BASE = 1.0
METRICS_TOKEN = "test-metrics-token"
MONITORING_HOST_NAME = "test-host"
