from celery import shared_task
from django.core.management import call_command


@shared_task(acks_late=True)
def flush_expired_tokens() -> None:
    """simplejwt keeps every issued refresh token; drop the expired ones daily."""
    call_command("flushexpiredtokens")
