"""Logs (JSON lines with the request id), Sentry and the Prometheus /metrics endpoint."""

from pathlib import Path

from ._env import env, env_str

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
        # Django's DEFAULT_LOGGING gives `django` a plain console handler (DEBUG only) and
        # mail_admins (DEBUG off; ADMINS is unset, so it sent nothing) while letting records
        # propagate: each 4xx/5xx was a plain line and a JSON line. Only the JSON one stays
        # (server errors reach staff through monitoring's server.error alert).
        "django": {"handlers": [], "propagate": True},
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
# A Celery worker's main process serves its host's (pod's) metrics on this port (no token;
# apps.monitoring.signals); unset = not served (one host: the web's /metrics sums the workers).
WORKER_METRICS_PORT = int(env_str("WORKER_METRICS_PORT", "") or 0)
WORKER_METRICS_ADDR = "0.0.0.0"  # noqa: S104 — Prometheus scrapes the pod's IP
