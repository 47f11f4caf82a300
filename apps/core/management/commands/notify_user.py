from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.core.services import notification_create


class Command(BaseCommand):
    help = "Send an in-app notification to a user (pushed live over /ws/notifications/)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("title")
        parser.add_argument("--body", default="")
        parser.add_argument("--url", default="")

    def handle(self, *args, email, title, body, url, **options):
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with email {email}")
        notification = notification_create(
            recipient=user, key="system.message", params={"text": title}, body=body, url=url
        )
        self.stdout.write(f"notification {notification.pk} sent to {user.email}")
