"""Notifications for alerts: one Delivery per channel, rendered from the templates, sent by
a Celery task with retries and a DeliveryAttempt row per try."""

import json
import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import slack, templating, webhooks
from ..models import Alert, Delivery, DeliveryAttempt, NotificationChannel
from ..netguard import UnsafeURL

logger = logging.getLogger(__name__)


def alert_context(alert: Alert, event_type: str) -> dict:
    rule, host = alert.rule, alert.host
    return {
        "event": event_type,
        "alert": {
            "id": str(alert.pk),
            "status": alert.status,
            "severity": alert.severity,
            "value": alert.value,
            "labels": alert.labels,
            "started_at": alert.started_at.isoformat() if alert.started_at else None,
            "resolved_at": alert.resolved_at.isoformat() if alert.resolved_at else None,
            "acknowledged": alert.acknowledged_at is not None,
            "notes": alert.notes,
            "url": f"{settings.FRONTEND_URL}/monitoring/alerts?alert={alert.pk}",
        },
        "rule": {
            "id": str(rule.pk),
            "name": rule.name,
            "metric": rule.metric,
            "operator": rule.operator,
            "threshold": rule.threshold,
            "for_seconds": rule.for_seconds,
            "severity": rule.severity,
            "description": rule.description,
        },
        "host": {"id": str(host.pk), "name": host.name} if host else {},
        "target": {"id": alert.target, "name": host.name if host else alert.target_label or alert.target},
        "silenced": alert.silenced,
        "frontend_url": settings.FRONTEND_URL,
    }


def _enqueue(delivery: Delivery) -> None:
    from ..tasks import deliver_notification

    def send():
        try:
            deliver_notification.delay(str(delivery.pk))
        except Exception:  # noqa: BLE001 — broker down: the sweeper picks it up later
            logger.warning("Broker unavailable; delivery %s left to the sweeper", delivery.pk)

    transaction.on_commit(send)


def delivery_create(
    *, channel: NotificationChannel, event_type: str, context: dict, template_name: str = "", alert: Alert | None = None
) -> Delivery:
    subject_src, body_src = templating.template_pick(name=template_name, event_type=event_type, locale=channel.locale)
    try:
        subject = " ".join(templating.render(subject_src, context).split())[:300]
        body = templating.render(body_src, context)
    except templating.TemplateRenderError as exc:  # e.g. one saved before a check existed: the alert still goes out
        logger.warning("Template render failed (%s); using the built-in one", exc)
        subject_src, body_src = templating.DEFAULTS.get(
            (event_type, channel.locale), templating.DEFAULTS[(event_type, "en")]
        )
        subject = " ".join(templating.render(subject_src, context).split())[:300]
        body = templating.render(body_src, context)
    if channel.kind == NotificationChannel.Kind.SLACK:
        payload = slack.message(context=context, event_type=event_type, locale=channel.locale, subject=subject)
    else:
        payload = {
            "type": event_type,
            "timestamp": timezone.now().isoformat(),
            "data": {**context, "subject": subject, "text": body},
        }
    delivery = Delivery.objects.create(
        channel=channel,
        alert=alert,
        event_type=event_type,
        payload=payload,
        subject=subject,
        body=body,
        next_attempt_at=timezone.now(),
    )
    _enqueue(delivery)
    return delivery


def alert_notify(*, alert: Alert, event_type: str) -> list[Delivery]:
    context = alert_context(alert, event_type)
    return [
        delivery_create(
            channel=channel, event_type=event_type, context=context, template_name=alert.rule.template, alert=alert
        )
        for channel in alert.rule.channels.filter(enabled=True)
    ]


def channel_send_test(*, channel: NotificationChannel) -> Delivery:
    context = templating.sample_context("channel.test")
    return delivery_create(channel=channel, event_type="channel.test", context=context)


def retry_delay(attempt: int) -> int:
    """Seconds before try `attempt + 1`: base · 2^(attempt-1), capped at one hour."""
    return int(min(settings.MONITORING_WEBHOOK_RETRY_BASE * 2 ** (attempt - 1), 3600))


def _send(delivery: Delivery) -> webhooks.Outcome:
    channel = delivery.channel
    if channel.kind == NotificationChannel.Kind.WEBHOOK:
        body = json.dumps(delivery.payload, ensure_ascii=False, default=str).encode()
        try:
            return webhooks.webhook_send(
                url=channel.url, secret=channel.secret, message_id=delivery.message_id, body=body
            )
        except UnsafeURL as exc:
            return webhooks.Outcome(ok=False, error=f"refused: {exc.message}"[:500])
    if channel.kind == NotificationChannel.Kind.SLACK:
        body = json.dumps(delivery.payload, ensure_ascii=False, default=str).encode()
        try:
            return webhooks.json_post(url=channel.url, body=body)
        except UnsafeURL as exc:
            return webhooks.Outcome(ok=False, error=f"refused: {exc.message}"[:500])
    started = time.monotonic()
    try:
        message = EmailMultiAlternatives(subject=delivery.subject, body=delivery.body, to=list(channel.recipients))
        message.send()
    except Exception as exc:  # noqa: BLE001 — any mail failure is a failed try, retried
        return webhooks.Outcome(
            ok=False, latency_ms=int((time.monotonic() - started) * 1000), error=f"{type(exc).__name__}: {exc}"[:500]
        )
    return webhooks.Outcome(ok=True, latency_ms=int((time.monotonic() - started) * 1000))


def delivery_attempt(*, delivery: Delivery, now: datetime | None = None) -> Delivery:
    """One try when it is due; records it; sets when the next is due (status `retrying`) or
    gives up (`failed`) after MONITORING_WEBHOOK_MAX_ATTEMPTS. A delivery that is finished, or
    not due (a try in flight, a backoff running), is left alone: a duplicate message (the sweep
    and a late redelivery) never sends twice."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().select_related("channel").get(pk=delivery.pk)
        if delivery.status in (Delivery.Status.DELIVERED, Delivery.Status.FAILED):
            return delivery
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > (now or timezone.now()):
            return delivery
        number = delivery.attempts + 1
        delivery.attempts = number
        delivery.next_attempt_at = (now or timezone.now()) + timedelta(seconds=settings.MONITORING_WEBHOOK_TIMEOUT * 4)
        delivery.save(update_fields=["attempts", "next_attempt_at", "updated_at"])  # claims this try
    outcome = _send(delivery)
    now = now or timezone.now()
    DeliveryAttempt.objects.create(
        delivery=delivery,
        number=number,
        at=now,
        ok=outcome.ok,
        status_code=outcome.status_code,
        latency_ms=outcome.latency_ms,
        error=outcome.error,
    )
    if outcome.ok:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at, delivery.last_error = (
            Delivery.Status.DELIVERED,
            now,
            None,
            "",
        )
    elif number >= settings.MONITORING_WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at, delivery.last_error = Delivery.Status.FAILED, None, outcome.error
        logger.warning("Delivery %s failed after %s tries: %s", delivery.pk, number, outcome.error)
    else:
        delivery.status, delivery.last_error = Delivery.Status.RETRYING, outcome.error
        delivery.next_attempt_at = now + timedelta(seconds=retry_delay(number))
    delivery.save(update_fields=["status", "delivered_at", "next_attempt_at", "last_error", "updated_at"])
    return delivery


def deliveries_due(*, now: datetime | None = None) -> list[Delivery]:
    """Retries whose time has come (only the sweep sends them), and first tries overdue by
    30 s (sent at creation; the message was lost, the broker was down, a worker died)."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(
            Q(status=Delivery.Status.RETRYING, next_attempt_at__lte=now)
            | Q(status=Delivery.Status.PENDING, next_attempt_at__lte=now - timedelta(seconds=30))
        ).order_by("next_attempt_at")[:200]
    )


def staff_notify_in_app(*, alert: Alert, event_type: str) -> None:
    """In-app notifications (bell + /ws/notifications/) for active staff, unless disabled."""
    from django.contrib.auth import get_user_model

    from apps.core.notify import notify

    if not settings.MONITORING_NOTIFY_STAFF_IN_APP:
        return
    host = alert.host.name if alert.host else alert.target
    state = "firing" if event_type == "alert.firing" else "resolved"
    for user in get_user_model().objects.filter(is_staff=True, is_active=True).only("pk", "locale"):
        # Rendered in each reader's language; e-mailed per their "alert" preference.
        notify(
            user,
            key=f"alert.{state}",
            params={"severity": alert.severity, "rule": alert.rule.name, "host": host},
            body=f"{alert.rule.metric} = {alert.value}",
            url=f"/monitoring/alerts?alert={alert.pk}",
            data={"alert_id": str(alert.pk), "rule_id": str(alert.rule_id), "status": state},
        )
