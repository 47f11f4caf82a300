from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from django.forms.models import model_to_dict
from rest_framework.test import APIClient

from apps.core.models import Notification, StreamEvent
from apps.projects.models import Activity, Invitation, Membership, Phase, Project, Role
from apps.projects.services import project_stream
from apps.users.models import User
from apps.users.services import token_pair_for
from tests.factories import UserFactory
from tests.quality.authz import ROLES

from .factories import InvitationFactory, MembershipFactory, PhaseFactory, ProjectFactory


def client_for(user: User | None) -> APIClient:
    """An API client authenticated the way the frontend is: a real JWT access token."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user)['access']}")
    return client


def stream_types(project: Project) -> list[str]:
    """Types of the events stored on the project's stream, in seq order."""
    return list(
        StreamEvent.objects.filter(stream=project_stream(project)).order_by("seq").values_list("type", flat=True)
    )


def _row_counts() -> dict[str, int]:
    models = (StreamEvent, Activity, Notification, Project, Membership, Invitation, Phase)
    return {model.__name__: model.objects.count() for model in models}


@contextmanager
def nothing_changes(*instances) -> Iterator[None]:
    """No row is added or removed anywhere the projects app writes (events included), and
    the given instances keep their editable fields."""
    counts = _row_counts()
    for instance in instances:
        instance.refresh_from_db()
    before = [model_to_dict(instance) for instance in instances]
    yield
    assert _row_counts() == counts
    for instance, fields in zip(instances, before, strict=True):
        instance.refresh_from_db()
        assert model_to_dict(instance) == fields


@dataclass
class ProjectWithRoles:
    project: Project
    users: dict[str, User]  # one per role, plus "non_member"
    target: Membership  # a further viewer: the "other member" routes act on
    candidate: User  # has an account, is in no project yet
    phases: list[Phase]
    invitation: Invitation  # pending, role viewer
    other: Project  # a second project none of the above belongs to
    other_member: Membership
    other_phase: Phase
    other_invitation: Invitation
    _clients: dict[str, APIClient] = field(default_factory=dict)

    def client(self, actor: str) -> APIClient:
        """A client for a role, "non_member" or "anonymous"."""
        if actor not in self._clients:
            self._clients[actor] = client_for(None if actor == "anonymous" else self.users[actor])
        return self._clients[actor]


@pytest.fixture
def project_with_roles(db) -> ProjectWithRoles:
    project = ProjectFactory(name="Brand film", owner=UserFactory(display_name="Owner"))
    users = {Role.OWNER.value: project.owner}
    for role in ROLES:
        if role != Role.OWNER:
            users[role] = MembershipFactory(project=project, role=role, user=UserFactory(display_name=role)).user
    users["non_member"] = UserFactory(display_name="Outsider")
    other = ProjectFactory(name="Someone else's project")
    return ProjectWithRoles(
        project=project,
        users=users,
        target=MembershipFactory(project=project, role=Role.VIEWER),
        candidate=UserFactory(),
        phases=[PhaseFactory(project=project, name=name) for name in ("Pre-production", "Shoot", "Edit")],
        invitation=InvitationFactory(project=project),
        other=other,
        other_member=MembershipFactory(project=other, role=Role.VIEWER),
        other_phase=PhaseFactory(project=other),
        other_invitation=InvitationFactory(project=other),
    )


@pytest.fixture
def client_of() -> Callable[[User | None], APIClient]:
    return client_for
