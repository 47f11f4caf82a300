"""Every project route × every kind of caller. The expected status is computed from
`permissions.ROLE_ACTIONS` (the design's role table), not written out per route:
anonymous 401, non-member 404, a member whose role lacks the action 403, otherwise 2xx."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from apps.core.models import StreamEvent
from apps.core.tests.assertions import assert_error
from apps.projects.api import urls as project_urls
from apps.projects.models import Activity, Invitation, Membership, Phase, Project, Role
from apps.projects.permissions import COMMENT, DELETE, MANAGE, READ, RESOLVE, ROLE_ACTIONS, UPLOAD, VIEW_INTERNAL, can

from .conftest import ACTORS, ROLES, ProjectWithRoles
from .factories import InvitationFactory

ERROR_CODES = {401: "not_authenticated", 403: "permission_denied", 404: "not_found"}


@dataclass(frozen=True)
class Route:
    name: str  # URL name in apps/projects/api/urls.py
    method: str
    action: str | None  # what the role table must allow; None: not a project-scoped route
    kwargs: Callable[[ProjectWithRoles], dict]
    body: Callable[[ProjectWithRoles], dict] | None = None
    ok: int = 200
    expect: Callable[[str], int] | None = None  # for routes outside the role table

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}"

    def call(self, ctx: ProjectWithRoles, actor: str):
        client = ctx.client(actor)
        url = reverse(self.name, kwargs=self.kwargs(ctx))
        body = self.body(ctx) if self.body else None
        return getattr(client, self.method.lower())(url, body, format="json")

    def expected(self, actor: str) -> int:
        if self.expect is not None:
            return self.expect(actor)
        if actor == "anonymous":
            return 401
        if actor == "non_member":
            return 404
        return self.ok if self.action in ROLE_ACTIONS[actor] else 403


def _project(ctx):
    return {"project_id": ctx.project.pk}


def _member(ctx):
    return {"project_id": ctx.project.pk, "user_id": ctx.target.user_id}


def _invitation(ctx):
    return {"project_id": ctx.project.pk, "invitation_id": ctx.invitation.pk}


def _phase(ctx):
    return {"phase_id": ctx.phases[0].pk}


PROJECT_ROUTES = [
    Route("project-detail", "GET", READ, _project),
    Route("project-detail", "PATCH", MANAGE, _project, lambda ctx: {"name": "Renamed"}),
    Route("project-detail", "DELETE", DELETE, _project, ok=204),
    Route("project-transfer", "POST", DELETE, _project, lambda ctx: {"user_id": str(ctx.target.user_id)}),
    Route("project-members", "GET", READ, _project),
    Route(
        "project-members",
        "POST",
        MANAGE,
        _project,
        lambda ctx: {"email": ctx.candidate.email, "role": Role.VIEWER},
        ok=201,
    ),
    Route("project-member", "PATCH", MANAGE, _member, lambda ctx: {"role": Role.EDITOR}),
    Route("project-member", "DELETE", MANAGE, _member, ok=204),
    Route("project-invitations", "GET", MANAGE, _project),
    Route(
        "project-invitations",
        "POST",
        MANAGE,
        _project,
        lambda ctx: {"email": "new.person@example.com", "role": Role.VIEWER},
        ok=201,
    ),
    Route("project-invitation", "DELETE", MANAGE, _invitation, ok=204),
    Route("project-phases", "GET", READ, _project),
    Route(
        "project-phases",
        "POST",
        MANAGE,
        _project,
        lambda ctx: {"name": "Grade", "start": "2026-04-01", "end": "2026-04-03"},
        ok=201,
    ),
    Route(
        "project-phases-reorder",
        "POST",
        MANAGE,
        _project,
        lambda ctx: {"ids": [str(phase.pk) for phase in reversed(ctx.phases)]},
    ),
    Route("phase-detail", "PATCH", MANAGE, _phase, lambda ctx: {"name": "Principal photography"}),
    Route("phase-detail", "DELETE", MANAGE, _phase, ok=204),
    Route("project-activity", "GET", READ, _project),
]


def _outsiders_invitation(ctx):
    """An invitation addressed to the non-member: only they may accept it."""
    return {"token": InvitationFactory(project=ctx.project, email=ctx.users["non_member"].email).token}


# Routes that are not about one project the caller belongs to; their rules are stated here.
OTHER_ROUTES = [
    Route("project-list", "GET", None, lambda ctx: {}, expect=lambda actor: 401 if actor == "anonymous" else 200),
    Route(
        "project-list",
        "POST",
        None,
        lambda ctx: {},
        lambda ctx: {"name": "Mine"},
        expect=lambda actor: 401 if actor == "anonymous" else 201,
    ),
    # The token is the secret: anyone holding the link may see what it invites to.
    Route("invitation-preview", "GET", None, lambda ctx: {"token": ctx.invitation.token}, expect=lambda actor: 200),
    Route(
        "invitation-accept",
        "POST",
        None,
        _outsiders_invitation,
        expect=lambda actor: {"anonymous": 401, "non_member": 200}.get(actor, 403),
    ),
]


def _state():
    return (
        StreamEvent.objects.count(),
        Activity.objects.count(),
        Membership.objects.count(),
        Invitation.objects.filter(revoked_at__isnull=True).count(),
        Phase.objects.count(),
        Project.objects.count(),
    )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", PROJECT_ROUTES, ids=lambda route: route.id)
def test_role_table_holds_for_every_project_route(project_with_roles, route, actor):
    expected = route.expected(actor)
    before = _state()

    response = route.call(project_with_roles, actor)

    if expected in ERROR_CODES:
        assert_error(response, expected, ERROR_CODES[expected])
        assert _state() == before, "a refused request changed something"
    else:
        assert response.status_code == expected, response.content[:500]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", OTHER_ROUTES, ids=lambda route: route.id)
def test_routes_outside_the_role_table(project_with_roles, route, actor):
    expected = route.expected(actor)

    response = route.call(project_with_roles, actor)

    assert response.status_code == expected, response.content[:500]
    if expected == 401:
        assert_error(response, 401, "not_authenticated")
    elif expected == 403:
        assert_error(response, 403, "invitation_email_mismatch")


def test_route_table_covers_every_url_pattern():
    """A route added to api/urls.py without a row in the tables above fails here."""
    declared = set()
    for pattern in project_urls.urlpatterns:
        view = pattern.callback.view_class
        for method in view.http_method_names:
            if method not in {"options", "head", "trace"} and hasattr(view, method):
                declared.add((pattern.name, method.upper()))
    tabled = {(route.name, route.method) for route in PROJECT_ROUTES + OTHER_ROUTES}
    assert declared - tabled == set(), "routes missing from the authorization matrix"
    assert tabled - declared == set(), "the matrix lists routes that do not exist"


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", sorted(set().union(*ROLE_ACTIONS.values())))
def test_can_follows_the_role_table(project_with_roles, action, actor):
    user = project_with_roles.users.get(actor)  # None for anonymous
    expected = actor in ROLES and action in ROLE_ACTIONS[actor]
    assert can(user, action, project_with_roles.project) is expected


def test_role_table_is_the_designs():
    """DESIGN §3 as written, row by row; the matrix above trusts ROLE_ACTIONS, this pins it."""
    design = {
        READ: {"owner", "manager", "editor", "reviewer", "viewer"},
        COMMENT: {"owner", "manager", "editor", "reviewer"},
        UPLOAD: {"owner", "manager", "editor"},
        RESOLVE: {"owner", "manager", "editor", "reviewer"},
        MANAGE: {"owner", "manager"},
        DELETE: {"owner"},
        VIEW_INTERNAL: {"owner", "manager", "editor", "viewer"},  # not the reviewer: the client
    }
    assert set(ROLES) == {"owner", "manager", "editor", "reviewer", "viewer"}
    assert {action: {r for r in ROLES if action in ROLE_ACTIONS[r]} for action in design} == design
    assert set().union(*ROLE_ACTIONS.values()) == set(design)


# --- BOLA: ids of the second project, directly or through the first project's URLs ---------


def _as_other_project(ctx: ProjectWithRoles) -> ProjectWithRoles:
    """The same fixture seen through the second project's ids."""
    return dataclasses.replace(
        ctx,
        project=ctx.other,
        target=ctx.other_member,
        phases=[ctx.other_phase],
        invitation=ctx.other_invitation,
        _clients=ctx._clients,
    )


@pytest.mark.parametrize("actor", [Role.OWNER.value, Role.MANAGER.value])
@pytest.mark.parametrize("route", PROJECT_ROUTES, ids=lambda route: route.id)
def test_second_projects_objects_are_not_found(project_with_roles, route, actor):
    before = _state()

    response = route.call(_as_other_project(project_with_roles), actor)

    assert_error(response, 404, "not_found")
    assert _state() == before


MIXED_ID_CALLS = {
    "PATCH member of B via A": lambda ctx: (
        "patch",
        reverse("project-member", kwargs={"project_id": ctx.project.pk, "user_id": ctx.other_member.user_id}),
        {"role": Role.EDITOR},
    ),
    "DELETE member of B via A": lambda ctx: (
        "delete",
        reverse("project-member", kwargs={"project_id": ctx.project.pk, "user_id": ctx.other_member.user_id}),
        None,
    ),
    "DELETE invitation of B via A": lambda ctx: (
        "delete",
        reverse("project-invitation", kwargs={"project_id": ctx.project.pk, "invitation_id": ctx.other_invitation.pk}),
        None,
    ),
    "transfer A to a member of B": lambda ctx: (
        "post",
        reverse("project-transfer", kwargs={"project_id": ctx.project.pk}),
        {"user_id": str(ctx.other_member.user_id)},
    ),
    "PATCH phase of B": lambda ctx: (
        "patch",
        reverse("phase-detail", kwargs={"phase_id": ctx.other_phase.pk}),
        {"name": "Mine now"},
    ),
    "DELETE phase of B": lambda ctx: ("delete", reverse("phase-detail", kwargs={"phase_id": ctx.other_phase.pk}), None),
}


@pytest.mark.parametrize("call", MIXED_ID_CALLS.values(), ids=MIXED_ID_CALLS.keys())
def test_second_projects_ids_through_first_projects_urls_are_not_found(project_with_roles, call):
    ctx = project_with_roles
    method, url, body = call(ctx)
    before = _state()

    response = getattr(ctx.client(Role.OWNER), method)(url, body, format="json")

    assert_error(response, 404, "not_found")
    assert _state() == before
    ctx.other_member.refresh_from_db()
    ctx.other_phase.refresh_from_db()
    assert ctx.other_member.role == Role.VIEWER
    assert ctx.other_phase.name != "Mine now"


def test_reorder_with_the_second_projects_phase_ids_is_refused(project_with_roles):
    ctx = project_with_roles
    ids = [str(phase.pk) for phase in ctx.phases[1:]] + [str(ctx.other_phase.pk)]
    before = _state()

    response = ctx.client(Role.OWNER).post(
        reverse("project-phases-reorder", kwargs={"project_id": ctx.project.pk}), {"ids": ids}, format="json"
    )

    assert 400 <= response.status_code < 500
    assert_error(response, response.status_code, response.json()["error"]["code"], details={"ids"})
    assert _state() == before
    assert Phase.objects.get(pk=ctx.other_phase.pk).project_id == ctx.other.pk
