"""Demo data for `make run`: created on first start, credentials printed every start."""

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core.services import notification_create
from apps.users.models import User

ADMIN = {"email": "admin@videoplanet.local", "password": "vp-admin-2026!", "display_name": "관리자"}
DEMO_USERS = [
    {"email": "director@videoplanet.local", "password": "vp-demo-2026!", "display_name": "김감독", "locale": "ko"},
    {"email": "editor@videoplanet.local", "password": "vp-demo-2026!", "display_name": "이편집", "locale": "ko"},
    {"email": "client@videoplanet.local", "password": "vp-demo-2026!", "display_name": "Alex Client", "locale": "en"},
]


class Command(BaseCommand):
    help = "Create the demo admin and users on first start; print their credentials."

    def handle(self, *args, **options):
        if not User.objects.filter(email=ADMIN["email"]).exists():
            self._create()
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        self.stdout.write("\n  Demo accounts (email / password):")
        for account in [ADMIN, *DEMO_USERS]:
            self.stdout.write(f"    {account['email']:32} {account['password']}")

    @transaction.atomic
    def _create(self):
        User.objects.create_superuser(
            email=ADMIN["email"], password=ADMIN["password"], display_name=ADMIN["display_name"]
        )
        for account in DEMO_USERS:
            user = User.objects.create_user(**account)
            notification_create(
                recipient=user,
                verb="system.welcome",
                title="VideoPlanet에 오신 것을 환영합니다" if user.locale == "ko" else "Welcome to VideoPlanet",
                body="",
            )
