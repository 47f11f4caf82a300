import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from . import events


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
def deliver_email(self, *, to: str, subject: str, text: str, html: str) -> None:
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
