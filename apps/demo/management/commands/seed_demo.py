"""Demo data for `make run`: created on first start, credentials printed every start."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.ai_planning.demo import seed_demo_plan
from apps.core.services import notification_create
from apps.feedbacks.demo import seed_demo_review
from apps.monitoring.analytics.demo import demo_site_ensure
from apps.projects import services as projects
from apps.projects.models import Project, Role
from apps.users.models import User

ADMIN = {"email": "admin@videoplanet.local", "password": "vp-admin-2026!", "display_name": "관리자"}
DEMO_PASSWORD = "vp-demo-2026!"
# (email, display name, locale, role in the demo project)
DEMO_USERS = [
    ("director@videoplanet.local", "김감독", "ko", Role.OWNER),
    ("pm@videoplanet.local", "박매니저", "ko", Role.MANAGER),
    ("editor@videoplanet.local", "이편집", "ko", Role.EDITOR),
    ("client@videoplanet.local", "Alex Client", "en", Role.REVIEWER),
    ("viewer@videoplanet.local", "최뷰어", "ko", Role.VIEWER),
]
DEMO_PHASES = [
    ("기획", date(2026, 11, 2), date(2026, 11, 20)),
    ("프리프로덕션", date(2026, 11, 23), date(2026, 12, 4)),
    ("촬영", date(2026, 12, 7), date(2026, 12, 11)),
    ("편집 · 색보정", date(2026, 12, 14), date(2027, 1, 8)),
    ("납품", date(2027, 1, 11), date(2027, 1, 15)),
]


class Command(BaseCommand):
    help = "Create the demo admin and users on first start; print their credentials."

    def handle(self, *args, **options):
        if not User.objects.filter(email=ADMIN["email"]).exists():
            self._create()
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        self.stdout.write("\n  Demo accounts (email / password):")
        self.stdout.write(f"    {ADMIN['email']:32} {ADMIN['password']}  (staff)")
        for email, _name, _locale, role in DEMO_USERS:
            self.stdout.write(f"    {email:32} {DEMO_PASSWORD}  ({role} of the demo project)")

    @transaction.atomic
    def _create(self):
        User.objects.create_superuser(
            email=ADMIN["email"], password=ADMIN["password"], display_name=ADMIN["display_name"]
        )
        users = {}
        for email, name, locale, role in DEMO_USERS:
            users[role] = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, display_name=name, locale=locale
            )
            notification_create(recipient=users[role], key="system.welcome")  # read in the reader's language
        owner = users[Role.OWNER]
        project = projects.project_create(
            owner=owner,
            name="2027 브랜드 필름",
            description="신제품 런칭 브랜드 필름 (본편 90초 + 티저 15초)",
            deadline=date(2027, 1, 15),
        )
        for role, user in users.items():
            if role != Role.OWNER:
                projects.member_add(project=project, actor=owner, user=user, role=role)
        for name, start, end in DEMO_PHASES:
            projects.phase_create(project=project, actor=users[Role.MANAGER], name=name, start=start, end=end)
        projects.project_update(project=project, actor=owner, data={"status": Project.Status.PRE_PRODUCTION})
        projects.invitation_create(
            project=project, actor=users[Role.MANAGER], email="colorist@example.com", role=Role.EDITOR
        )
        seed_demo_plan(project=project, actor=users[Role.EDITOR])  # a finished plan, no AI call
        seed_demo_review(project=project, users=users)  # a clip with comments, made by ffmpeg
        # Dogfooding: the frontend reports to the analytics of its own install.
        demo_site_ensure(owner=User.objects.get(email=ADMIN["email"]))
