import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils.dateparse import parse_datetime

from . import events, notification_mail


@shared_task(acks_late=True)
def prune_stream_events() -> int:
    return events.prune_streams()


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def deliver_email(self, *, to: str, subject: str, text: str, html: str, headers: dict | None = None) -> None:
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers or None)
    message.attach_alternative(html, "text/html")
    message.send()


@shared_task(acks_late=True)
def notification_emails_due(now: str | None = None) -> int:
    """Beat, every 15 s: sends each instant notification e-mail whose wait is over (a due time
    in the database, not a countdown message: docs/architecture.md, "Delayed work")."""
    ids = notification_mail.notification_emails_due(now=parse_datetime(now) if now else None)
    for notification_id in ids:
        notification_email_send.delay(notification_id)
    return len(ids)


@shared_task(acks_late=True)
def notification_email_send(notification_id: str) -> bool:
    """Idempotent: re-checks the row (read, sent, preference) and claims it before sending."""
    return notification_mail.notification_email_send(notification_id=notification_id)


@shared_task(acks_late=True)
def notification_digests_send(now: str | None = None) -> int:
    """Beat, daily: one digest per person per day (idempotent)."""
    return notification_mail.notification_digests_send(now=parse_datetime(now) if now else None)
