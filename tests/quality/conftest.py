"""A world with two projects that each hold every kind of object, and one account per kind
of caller. The cross-app quality tests (authorization matrix, fuzzing, faults) run on it."""

import io
from dataclasses import dataclass, field

import pytest
from channels.db import database_sync_to_async
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from apps.ai_planning.models import AIJob
from apps.ai_planning.tests.factories import AIJobFactory, BriefFactory, PlanFactory
from apps.core.models import Notification
from apps.feedbacks import storage
from apps.feedbacks.models import Upload, Version
from apps.feedbacks.tests.conftest import clip_bytes, clip_path  # noqa: F401 — session fixtures reused
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, ShareLinkFactory, VersionFactory
from apps.monitoring.tests.factories import (
    AlertFactory,
    AlertRuleFactory,
    HostFactory,
    NotificationChannelFactory,
    NotificationTemplateFactory,
    SilenceFactory,
)
from apps.projects.models import Role
from apps.projects.tests.factories import InvitationFactory, MembershipFactory, PhaseFactory, ProjectFactory
from apps.users.services import token_pair_for
from tests.factories import UserFactory

from .authz import ROLES


@dataclass
class Side:
    """One project and one of each object in it."""

    project: object
    member: object  # a further viewer: the target of member routes
    phase: object
    invitation: object
    asset: object
    version: object
    feedback: object
    link: object
    brief: object
    plan: object
    waiting_job: object  # awaiting approval
    stuck_job: object  # needs attention


@dataclass
class World:
    a: Side  # the project every role belongs to
    b: Side  # someone else's project (BOLA)
    users: dict  # actor -> User (no entry for anonymous / guest)
    candidate: object  # has an account, belongs to no project
    host: object
    rule: object
    alert: object  # firing
    silence: object
    channel: object  # email
    template: object
    clip: bytes
    scratch: dict = field(default_factory=dict)  # what a route's ids hand to its body
    _clients: dict = field(default_factory=dict)

    def user_of(self, actor: str):
        """The actor's account; callers without one act on the owner's objects."""
        return self.users.get(actor) or self.users[Role.OWNER]

    def client(self, actor: str) -> APIClient:
        if actor not in self._clients:
            client = APIClient()
            if actor == "guest":
                # Someone holding only a share link: its token is all the credential they have.
                client.credentials(HTTP_AUTHORIZATION=f"Bearer {self.a.link.token}", HTTP_X_SHARE_PASSWORD="x")
            elif actor != "anonymous":
                client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(self.users[actor])['access']}")
            self._clients[actor] = client
        return self._clients[actor]


def _side(owner_name: str) -> Side:
    project = ProjectFactory(name=f"{owner_name}'s film", owner=UserFactory(display_name=owner_name))
    owner = project.owner
    asset = AssetFactory(project=project, title="메인 편집본")
    version = VersionFactory(asset=asset, number=1)
    brief = BriefFactory(project=project, created_by=owner)
    busy = BriefFactory(project=project, created_by=owner)
    return Side(
        project=project,
        member=MembershipFactory(project=project, role=Role.VIEWER),
        phase=PhaseFactory(project=project, name="Shoot"),
        invitation=InvitationFactory(project=project),
        asset=asset,
        version=version,
        feedback=FeedbackFactory(version=version, author=owner, body="컷 전환이 빨라요"),
        link=ShareLinkFactory(version=version),
        brief=brief,
        plan=PlanFactory(brief=brief),
        waiting_job=AIJobFactory(
            project=project,
            plan=PlanFactory(brief=busy, queued=True),
            created_by=owner,
            status=AIJob.Status.AWAITING_APPROVAL,
            risk=AIJob.Risk.HIGH,
        ),
        stuck_job=AIJobFactory(
            project=project,
            plan=PlanFactory(brief=busy, failed=True),
            created_by=owner,
            status=AIJob.Status.NEEDS_ATTENTION,
            attempts=2,
        ),
    )


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.BACKUP_DIR = str(tmp_path / "backups")
    return root


AI_ON = {
    # AI configured; the endpoint is never reached: jobs run after commit, which the
    # non-transactional tests never do.
    "OPENAI_API_KEY": "sk-test",
    "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
    "GOOGLE_CSE_KEY": "",
    "PEXELS_API_KEY": "",
    "UNSPLASH_ACCESS_KEY": "",
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, clip_bytes):  # noqa: F811 — the imported fixture
    """Built once per module inside a transaction that is rolled back at its end; each test
    runs in a savepoint of it (pytest-django's `db`), so tests never see each other's writes."""
    with django_db_blocker.unblock(), override_settings(**AI_ON), transaction.atomic():
        yield _world(clip=clip_bytes)
        transaction.set_rollback(True)


def _world(*, clip: bytes) -> World:
    a = _side("Owner")
    b = _side("Stranger")
    users = {Role.OWNER.value: a.project.owner}
    for role in ROLES:
        if role != Role.OWNER:
            users[role] = MembershipFactory(project=a.project, role=role, user=UserFactory(display_name=role)).user
    users["non_member"] = UserFactory(display_name="Outsider")
    users["staff"] = UserFactory(display_name="Operator", is_staff=True)
    host = HostFactory(name="web-1", last_seen_at=timezone.now())
    channel = NotificationChannelFactory(name="ops mail")
    rule = AlertRuleFactory(channels=[channel])
    alert = AlertFactory(rule=rule, host=host, target_label=host.name, value=97.0, started_at=timezone.now())
    for user in users.values():
        Notification.objects.create(recipient=user, verb="mention", title="You were mentioned")
    return World(
        a=a,
        b=b,
        users=users,
        candidate=UserFactory(display_name="Candidate"),
        host=host,
        rule=rule,
        alert=alert,
        silence=SilenceFactory(reason="deploy"),
        channel=channel,
        template=NotificationTemplateFactory(name="matrix", subject="{{ rule }}", body="{{ value }}"),
        clip=clip,
    )


@pytest.fixture
async def thread_db_closed():
    """Async tests reach the database from channels' worker thread; its connection would
    keep the test database open past the run (teardown could not drop it)."""
    yield
    await database_sync_to_async(close_old_connections_in_thread)()


def close_old_connections_in_thread():
    connection.close()


def upload_for(world: World, user, side: Side | None = None, *, with_part: bool = False) -> Upload:
    """A pending local multipart upload of the clip, started by `user`."""
    side = side or world.a
    backend = storage.LocalUploads()
    version = Version.objects.create(
        asset=side.asset,
        number=Version.objects.filter(asset=side.asset).count() + 10,
        original_name="u.mp4",
        size=len(world.clip),
        content_type="video/mp4",
        uploaded_by=user,
        status=Version.Status.UPLOADING,
    )
    upload = Upload.objects.create(
        asset=side.asset,
        version=version,
        created_by=user,
        backend="local",
        key=storage.version_key(asset_id=side.asset.pk, version_id=version.pk, original_name="u.mp4"),
        upload_id=backend.start(key="", content_type="video/mp4"),
        original_name="u.mp4",
        content_type="video/mp4",
        size=len(world.clip),
        part_size=8 * 1024 * 1024,
        part_count=1,
    )
    if with_part:
        upload.part = backend.write_part(upload, 1, io.BytesIO(world.clip), limit=len(world.clip))
    return upload
