"""Monitoring (metrics, alerts, webhooks, backups) and web analytics."""

from ._env import env, env_list
from .celery import CELERY_TASK_QUEUES

# --- monitoring ---
MONITORING_HOST_NAME = env("MONITORING_HOST_NAME", default="")  # default: the machine's hostname
MONITORING_COLLECT_INTERVAL = env.float("MONITORING_COLLECT_INTERVAL", default=15.0)  # seconds
MONITORING_STALE_INTERVALS = env.int("MONITORING_STALE_INTERVALS", default=3)  # a value older is stale
MONITORING_RETENTION_DAYS = {
    "raw": env.int("MONITORING_RETENTION_RAW_DAYS", default=7),
    "hour": env.int("MONITORING_RETENTION_HOURLY_DAYS", default=90),
    "day": env.int("MONITORING_RETENTION_DAILY_DAYS", default=730),
    "tasks": env.int("MONITORING_RETENTION_TASK_DAYS", default=7),
    "http": env.int("MONITORING_RETENTION_HTTP_DAYS", default=400),  # HTTP metrics per minute
}
MONITORING_WEBHOOK_ALLOW_PRIVATE = env.bool("WEBHOOK_ALLOW_PRIVATE", default=False)
MONITORING_WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=5.0)
MONITORING_WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
MONITORING_WEBHOOK_RETRY_BASE = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=10.0)
# staff get an in-app notification when an alert fires or resolves (outside silences)
MONITORING_NOTIFY_STAFF_IN_APP = env.bool("MONITORING_NOTIFY_STAFF_IN_APP", default=True)
# Application metrics for alert rules (source `app`, apps/monitoring/appmetrics/): HTTP
# outcomes go into Redis buckets of this many seconds; rules read the last window.
MONITORING_APP_BUCKET_SECONDS = 10
MONITORING_APP_WINDOW_SECONDS = env.int("MONITORING_APP_WINDOW_SECONDS", default=300)
MONITORING_APP_BACKOFF_SECONDS = 10  # no metric writes for this long after Redis failed
# Without SENTRY_DSN, an unhandled server error notifies staff in-app, once per error kind
# (exception class + route) per this many minutes.
MONITORING_SERVER_ERROR_NOTIFY_MINUTES = env.int("MONITORING_SERVER_ERROR_NOTIFY_MINUTES", default=15)
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
