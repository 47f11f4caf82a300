from celery import shared_task
from django.core.management import call_command

from . import emails
from .models import User


@shared_task(acks_late=True)
def flush_expired_tokens() -> None:
    """simplejwt keeps every issued refresh token; drop the expired ones daily."""
    call_command("flushexpiredtokens")


# Sign-up answers the same whether the address is new or taken; the e-mail that differs
# is rendered and sent here, off the request, so its cost does not show in the timing.


@shared_task(acks_late=True)
def send_signup_email(user_id: str, kind: str) -> None:
    """`verify` — the verification link (skipped once verified); `attempt` — "someone tried
    to register with your address" to the owner of an existing account."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    if kind == "verify" and not user.email_verified:
        emails.send_verification_email(user=user)
    elif kind == "attempt":
        emails.send_registration_attempt_email(user=user)
