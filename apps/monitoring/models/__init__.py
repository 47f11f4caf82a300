"""Monitoring: hosts and their metric history, alert rules and alerts, silences, notification
channels/templates with a per-try delivery log, Celery task runs, anomalies, backups and
operations reports — grouped in hosts.py, alerts.py and operations.py; every model is
importable from here (`from apps.monitoring.models import Host`). The analytics models
(app_label "monitoring") live in apps/monitoring/analytics."""

from .alerts import (
    Alert,
    AlertRule,
    Delivery,
    DeliveryAttempt,
    NotificationChannel,
    NotificationTemplate,
    Operator,
    Severity,
    Silence,
)
from .hosts import Anomaly, Host, HttpMetricMinute, MetricPoint, MetricRollup, Resolution, RollupCursor
from .operations import Backup, OpsReport, TaskRun

__all__ = [
    "Alert",
    "AlertRule",
    "Anomaly",
    "Backup",
    "Delivery",
    "DeliveryAttempt",
    "Host",
    "HttpMetricMinute",
    "MetricPoint",
    "MetricRollup",
    "NotificationChannel",
    "NotificationTemplate",
    "OpsReport",
    "Operator",
    "Resolution",
    "RollupCursor",
    "Severity",
    "Silence",
    "TaskRun",
]
