"""Celery: the broker, the queues by kind of work, each task's queue and the beat schedule."""

from datetime import timedelta

from celery.schedules import crontab
from kombu import Queue

from ._env import env, env_str
from .datastores import REDIS_URL

# --- Celery ---
CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "queue_order_strategy": "priority"}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# What a task prints (the console e-mail backend in development prints every e-mail) is
# ordinary output, not a WARNING (Celery's default level for captured stdout).
CELERY_WORKER_REDIRECT_STDOUTS_LEVEL = "INFO"
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
    "apps.core.tasks.notification_emails_due": "default",
    "apps.core.tasks.notification_email_send": "default",
    "apps.core.tasks.notification_digests_send": "default",
    "apps.users.tasks.flush_expired_tokens": "default",
    "apps.users.tasks.send_signup_email": "default",
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
    "apps.monitoring.tasks.fold_http_metrics": "default",
    "apps.monitoring.analytics.tasks.analytics_rollup": "default",
    "apps.monitoring.analytics.tasks.analytics_prune": "default",
    "apps.monitoring.tasks.backup_database": "media",
    # Operations reports: a few aggregate queries over a week or a month, not urgent.
    "apps.monitoring.tasks.build_report": "default",
    "apps.monitoring.tasks.scheduled_report": "default",
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Database backups: the first of each day at BACKUP_HOUR_UTC, then every BACKUP_INTERVAL_HOURS
# (a divisor of 24) — a crontab, so the times do not drift when beat restarts.
BACKUP_HOUR_UTC = env.int("BACKUP_HOUR_UTC", default=3)
BACKUP_INTERVAL_HOURS = env.int("BACKUP_INTERVAL_HOURS", default=24)
if BACKUP_INTERVAL_HOURS not in (1, 2, 3, 4, 6, 8, 12, 24) or not 0 <= BACKUP_HOUR_UTC < 24:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("BACKUP_INTERVAL_HOURS must divide 24 and BACKUP_HOUR_UTC be 0-23.")
BACKUP_HOURS = sorted((BACKUP_HOUR_UTC + k * BACKUP_INTERVAL_HOURS) % 24 for k in range(24 // BACKUP_INTERVAL_HOURS))
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
    # Notification e-mail: instant ones once due (unless read first), the digest once a day.
    "notification-emails-due": {
        "task": "apps.core.tasks.notification_emails_due",
        "schedule": timedelta(seconds=15),
    },
    "notification-digests": {
        "task": "apps.core.tasks.notification_digests_send",
        "schedule": crontab(hour=env.int("NOTIFICATION_DIGEST_HOUR_UTC", default=0), minute=0),
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
    "monitoring-http-history": {
        "task": "apps.monitoring.tasks.fold_http_metrics",
        "schedule": timedelta(minutes=1),
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
        "schedule": crontab(hour=",".join(map(str, BACKUP_HOURS)), minute=0),
    },
    # Operations reports for the previous ISO week (Monday) and month (the 1st), e-mailed to staff.
    "monitoring-report-weekly": {
        "task": "apps.monitoring.tasks.scheduled_report",
        "schedule": crontab(day_of_week=1, hour=0, minute=30),
        "args": ("weekly",),
    },
    "monitoring-report-monthly": {
        "task": "apps.monitoring.tasks.scheduled_report",
        "schedule": crontab(day_of_month=1, hour=0, minute=45),
        "args": ("monthly",),
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
