"""Celery tasks: thin, idempotent, calling services. Schedules are in
settings.CELERY_BEAT_SCHEDULE."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from .models import Delivery, OpsReport
from .services import alerts, analysis, backups, notify, reports, rollups, samples


@shared_task(acks_late=True, ignore_result=True)
def collect_metrics() -> int:
    _host, count = samples.host_collect()
    return count


@shared_task(acks_late=True, ignore_result=True)
def evaluate_alert_rules() -> dict:
    return alerts.rules_evaluate()


@shared_task(acks_late=True, ignore_result=True)
def rollup_metrics() -> dict:
    return {"hour": rollups.rollups_run(resolution="hour"), "day": rollups.rollups_run(resolution="day")}


@shared_task(acks_late=True, ignore_result=True)
def fold_http_metrics() -> int:
    return rollups.http_fold()


@shared_task(acks_late=True, ignore_result=True)
def prune_monitoring() -> dict:
    return rollups.retention_run()


@shared_task(acks_late=True, ignore_result=True)
def detect_anomalies() -> int:
    return len(analysis.anomalies_detect())


@shared_task(acks_late=True, ignore_result=True)
def deliver_notification(delivery_id: str) -> str:
    """One try if it is due. A failed try records when the next is due (backoff) and
    `sweep_deliveries` sends it then: no countdown message that a killed worker could hold
    for the broker's visibility timeout."""
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (Delivery.Status.DELIVERED, Delivery.Status.FAILED):
        return "done"
    return notify.delivery_attempt(delivery=delivery).status


@shared_task(acks_late=True, ignore_result=True)
def sweep_deliveries(now: str | None = None) -> int:
    """Beat (every 10 s): retries whose time has come, and first tries the broker lost.
    `now` (ISO 8601) lets a caller say what time it is."""
    due = notify.deliveries_due(now=parse_datetime(now) if now else None)
    for delivery in due:
        deliver_notification.delay(str(delivery.pk))
    return len(due)


@shared_task(acks_late=True, ignore_result=True)
def backup_database() -> str:
    backup = backups.backup_create()
    backups.backups_prune()
    return str(backup.pk)


@shared_task(acks_late=True, ignore_result=True)
def build_report(report_id: str) -> str:
    """Builds a requested operations report (a report someone else is building is left to
    them); a failure marks the report failed with the error."""
    report = OpsReport.objects.filter(pk=report_id).first()
    if report is None:
        return "gone"
    try:
        return reports.report_build(report=report).status
    except Exception as exc:
        reports.report_build_failed(report=report, error=f"{type(exc).__name__}: {exc}")
        raise


@shared_task(acks_late=True, ignore_result=True)
def scheduled_report(kind: str) -> str:
    """Beat: the previous week's (Monday) or month's (the 1st) report, built and e-mailed to
    staff once."""
    return str(reports.report_scheduled(kind=kind).pk)
