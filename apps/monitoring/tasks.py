"""Celery tasks: thin, idempotent, calling services. Schedules are in
settings.CELERY_BEAT_SCHEDULE."""

from celery import shared_task
from django.utils import timezone

from .models import Delivery
from .services import alerts, analysis, backups, notify, rollups, samples


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
def prune_monitoring() -> dict:
    return rollups.retention_run()


@shared_task(acks_late=True, ignore_result=True)
def detect_anomalies() -> int:
    return len(analysis.anomalies_detect())


@shared_task(bind=True, acks_late=True, ignore_result=True)
def deliver_notification(self, delivery_id: str) -> str:
    """One try now; on failure the next try is scheduled with backoff (countdown). The
    sweeper re-enqueues anything whose countdown was lost."""
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (Delivery.Status.DELIVERED, Delivery.Status.FAILED):
        return "done"
    delivery = notify.delivery_attempt(delivery=delivery)
    if delivery.status == Delivery.Status.RETRYING:
        countdown = max(0, int((delivery.next_attempt_at - timezone.now()).total_seconds()))
        # Same queue as this try (a worker may serve a queue other than the default).
        queue = (self.request.delivery_info or {}).get("routing_key") or None
        deliver_notification.apply_async((delivery_id,), countdown=countdown, queue=queue)
    return delivery.status


@shared_task(acks_late=True, ignore_result=True)
def sweep_deliveries() -> int:
    due = notify.deliveries_due()
    for delivery in due:
        deliver_notification.delay(str(delivery.pk))
    return len(due)


@shared_task(acks_late=True, ignore_result=True)
def backup_database() -> str:
    backup = backups.backup_create()
    backups.backups_prune()
    return str(backup.pk)


# --- web analytics (apps/monitoring/analytics) ---


@shared_task(acks_late=True, ignore_result=True)
def analytics_tick() -> int:
    from .analytics.services import tick_send

    return tick_send()


@shared_task(acks_late=True, ignore_result=True)
def analytics_rollup() -> int:
    from .analytics.services import rollups_run

    return rollups_run()


@shared_task(acks_late=True, ignore_result=True)
def analytics_prune() -> dict:
    from .analytics.services import retention_run

    return retention_run()
