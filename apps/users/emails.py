from apps.core.emails import email_send_templated

from .models import User


def send_password_reset_email(*, user_id: str, link: str) -> None:
    user = User.objects.get(pk=user_id)
    email_send_templated(
        to=user.email,
        template="password_reset",
        locale=user.locale,
        context={"name": user.display_name, "link": link},
    )
