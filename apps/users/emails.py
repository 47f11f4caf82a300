from urllib.parse import urlencode

from django.conf import settings

from apps.core.emails import email_send_templated

from .models import User
from .tokens import email_verification_token


def send_password_reset_email(*, user_id: str, link: str) -> None:
    user = User.objects.get(pk=user_id)
    email_send_templated(
        to=user.email,
        template="password_reset",
        locale=user.locale,
        context={"name": user.display_name, "link": link},
    )


def send_verification_email(*, user: User) -> None:
    """The signed link that proves the address (made from the user as they are now, so a
    later registration of the same address voids it)."""
    link = f"{settings.FRONTEND_URL}/verify-email?{urlencode({'token': email_verification_token(user)})}"
    email_send_templated(
        to=user.email,
        template="verify_email",
        locale=user.locale,
        context={"name": user.display_name, "link": link, "hours": settings.EMAIL_VERIFICATION_MAX_AGE // 3600},
    )


def send_registration_attempt_email(*, user: User) -> None:
    """Someone signed up with an address that already has an account: its owner hears of
    it (in their language) instead of the registrant hearing that the account exists."""
    email_send_templated(
        to=user.email,
        template="registration_attempt",
        locale=user.locale,
        context={
            "name": user.display_name,
            "login_link": f"{settings.FRONTEND_URL}/login",
            "reset_link": f"{settings.FRONTEND_URL}/reset-password",
        },
    )
