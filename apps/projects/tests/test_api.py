"""The projects REST API through real HTTP: role rules, invitations, bad input, the
projects list, the activity feed and the events each change publishes."""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.models import Notification, StreamEvent
from apps.core.tests.assertions import assert_error
from apps.projects.models import Activity, Invitation, Membership, Phase, Project, Role
from apps.projects.services import project_stream
from tests.factories import UserFactory

from .conftest import nothing_changes, stream_types
from .factories import InvitationFactory, MembershipFactory, ProjectFactory


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


def role_in(project, user) -> str | None:
    return Membership.objects.filter(project=project, user=user).values_list("role", flat=True).first()


def _project_path(name: str) -> Callable:
    return lambda ctx: url(name, project_id=ctx.project.pk)


def _member_path(whose: str) -> Callable:
    """The member route of `ctx.target` ("target") or of the user holding role `whose`."""
    return lambda ctx: url(
        "project-member",
        project_id=ctx.project.pk,
        user_id=ctx.target.user_id if whose == "target" else ctx.users[whose].pk,
    )


def _phase_path(index: int) -> Callable:
    return lambda ctx: url("phase-detail", phase_id=ctx.phases[index].pk)


def _membership(whose: str) -> Callable:
    return lambda ctx: [Membership.objects.get(project=ctx.project, user=ctx.users[whose])]


@dataclass(frozen=True)
class Refusal:
    """A request the API answers with the error envelope, changing nothing: no row added
    or removed, no event, and the `kept` instances keep their fields."""

    actor: str
    method: str
    path: Callable  # ctx -> url
    body: Callable | dict | list | None  # the request body, or ctx -> it
    status: int
    code: str
    details: set[str] | None = None  # the exact keys of error.details, when checked
    kept: Callable = lambda ctx: ()  # ctx -> instances whose fields must not change


def _assert_refused(ctx, refusal: Refusal) -> None:
    body = refusal.body(ctx) if callable(refusal.body) else refusal.body
    with nothing_changes(*refusal.kept(ctx)):
        response = getattr(ctx.client(refusal.actor), refusal.method)(refusal.path(ctx), body, format="json")
    assert_error(response, refusal.status, refusal.code, details=refusal.details)


# --- role rules ---------------------------------------------------------------------------


def test_project_create_makes_the_creator_its_owner(user, client_of):
    response = client_of(user).post(
        url("project-list"), {"name": "Teaser", "deadline": "2026-12-31", "status": "pre_production"}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Teaser"
    assert body["deadline"] == "2026-12-31"
    assert body["status"] == "pre_production"
    assert body["my_role"] == Role.OWNER
    assert body["member_count"] == 1
    assert body["owner"]["id"] == str(user.pk)
    project = Project.objects.get(pk=body["id"])
    assert role_in(project, user) == Role.OWNER
    assert Activity.objects.filter(project=project, verb="project.created").count() == 1


MEMBERSHIP_REFUSALS = {
    "manager grants owner by changing a role": Refusal(
        Role.MANAGER,
        "patch",
        _member_path("target"),
        {"role": Role.OWNER},
        403,
        "role_not_allowed",
        kept=lambda ctx: [ctx.target],
    ),
    "manager promotes themselves to owner": Refusal(
        Role.MANAGER,
        "patch",
        _member_path(Role.MANAGER),
        {"role": Role.OWNER},
        403,
        "role_not_allowed",
        kept=_membership(Role.MANAGER),
    ),
    "manager adds a member as owner": Refusal(
        Role.MANAGER,
        "post",
        _project_path("project-members"),
        lambda ctx: {"email": ctx.candidate.email, "role": Role.OWNER},
        403,
        "role_not_allowed",
    ),
    "manager invites an owner": Refusal(
        Role.MANAGER,
        "post",
        _project_path("project-invitations"),
        {"email": "boss@example.com", "role": Role.OWNER},
        403,
        "role_not_allowed",
    ),
    "manager changes an owner's role": Refusal(
        Role.MANAGER,
        "patch",
        _member_path(Role.OWNER),
        {"role": Role.VIEWER},
        403,
        "role_not_allowed",
        kept=_membership(Role.OWNER),
    ),
    "manager removes an owner": Refusal(
        Role.MANAGER, "delete", _member_path(Role.OWNER), None, 403, "role_not_allowed"
    ),
    "last owner leaves": Refusal(
        Role.OWNER, "delete", _member_path(Role.OWNER), None, 409, "last_owner", kept=_membership(Role.OWNER)
    ),
    "last owner is demoted": Refusal(
        Role.OWNER, "patch", _member_path(Role.OWNER), {"role": Role.MANAGER}, 409, "last_owner"
    ),
    "adding an existing member again": Refusal(
        Role.OWNER,
        "post",
        _project_path("project-members"),
        lambda ctx: {"email": ctx.users[Role.EDITOR].email.upper(), "role": Role.VIEWER},
        409,
        "already_member",
    ),
    "inviting an existing member": Refusal(
        Role.MANAGER,
        "post",
        _project_path("project-invitations"),
        lambda ctx: {"email": ctx.users[Role.VIEWER].email.upper(), "role": Role.EDITOR},
        409,
        "already_member",
    ),
    "adding an email without an account points to invitations": Refusal(
        Role.OWNER,
        "post",
        _project_path("project-members"),
        {"email": "nobody@example.com", "role": Role.VIEWER},
        400,
        "validation_error",
        details={"email"},
    ),
}


@pytest.mark.parametrize("refusal", MEMBERSHIP_REFUSALS.values(), ids=MEMBERSHIP_REFUSALS.keys())
def test_a_refused_membership_change_changes_nothing(project_with_roles, refusal):
    _assert_refused(project_with_roles, refusal)


def test_manager_may_grant_up_to_manager(project_with_roles):
    ctx = project_with_roles
    response = ctx.client(Role.MANAGER).patch(
        url("project-member", project_id=ctx.project.pk, user_id=ctx.target.user_id),
        {"role": Role.MANAGER},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["role"] == Role.MANAGER
    assert role_in(ctx.project, ctx.target.user) == Role.MANAGER


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER, Role.VIEWER])
def test_members_below_manager_cannot_edit_the_project(project_with_roles, role):
    ctx = project_with_roles
    with nothing_changes(ctx.project):
        response = ctx.client(role).patch(
            url("project-detail", project_id=ctx.project.pk), {"name": "Hijacked", "status": "archived"}, format="json"
        )
    assert_error(response, 403, "permission_denied")


def test_an_owner_may_leave_when_another_owner_remains(project_with_roles):
    ctx = project_with_roles
    first = ctx.users[Role.OWNER]
    ctx.client(Role.OWNER).patch(
        url("project-member", project_id=ctx.project.pk, user_id=ctx.target.user_id),
        {"role": Role.OWNER},
        format="json",
    )

    response = ctx.client(Role.OWNER).delete(url("project-member", project_id=ctx.project.pk, user_id=first.pk))

    assert response.status_code == 204, response.content
    assert role_in(ctx.project, first) is None
    ctx.project.refresh_from_db()
    assert ctx.project.owner_id == ctx.target.user_id, "project.owner must stay a member who owns it"


def test_demoting_the_project_owner_hands_project_owner_to_the_remaining_owner(project_with_roles):
    ctx = project_with_roles
    first = ctx.users[Role.OWNER]
    ctx.client(Role.OWNER).patch(
        url("project-member", project_id=ctx.project.pk, user_id=ctx.target.user_id),
        {"role": Role.OWNER},
        format="json",
    )

    response = ctx.client(Role.OWNER).patch(
        url("project-member", project_id=ctx.project.pk, user_id=first.pk), {"role": Role.MANAGER}, format="json"
    )

    assert response.status_code == 200, response.content
    detail = ctx.client(Role.OWNER).get(url("project-detail", project_id=ctx.project.pk)).json()
    assert detail["my_role"] == Role.MANAGER
    assert detail["owner"]["id"] == str(ctx.target.user_id)


def test_transfer_makes_the_target_owner_and_the_previous_owner_manager(project_with_roles):
    ctx = project_with_roles
    previous, editor = ctx.users[Role.OWNER], ctx.users[Role.EDITOR]

    response = ctx.client(Role.OWNER).post(
        url("project-transfer", project_id=ctx.project.pk), {"user_id": str(editor.pk)}, format="json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["owner"]["id"] == str(editor.pk)
    assert body["my_role"] == Role.MANAGER
    assert role_in(ctx.project, editor) == Role.OWNER
    assert role_in(ctx.project, previous) == Role.MANAGER
    changes = {
        a.target_id: a.data["role"] for a in Activity.objects.filter(project=ctx.project, verb="member.role_changed")
    }
    assert changes == {
        str(editor.pk): {"before": Role.EDITOR, "after": Role.OWNER},
        str(previous.pk): {"before": Role.OWNER, "after": Role.MANAGER},
    }
    assert Notification.objects.filter(recipient=editor, verb="project.transferred").count() == 1
    # The new owner may now delete; the previous one may not.
    assert ctx.client(Role.OWNER).delete(url("project-detail", project_id=ctx.project.pk)).status_code == 403


@pytest.mark.parametrize("role", [Role.MANAGER, Role.EDITOR, Role.VIEWER])
def test_transfer_is_owner_only(project_with_roles, role):
    ctx = project_with_roles
    with nothing_changes(ctx.project):
        response = ctx.client(role).post(
            url("project-transfer", project_id=ctx.project.pk), {"user_id": str(ctx.users[role].pk)}, format="json"
        )
    assert_error(response, 403, "permission_denied")


def test_transfer_to_a_non_member_is_not_found(project_with_roles):
    ctx = project_with_roles
    with nothing_changes(ctx.project):
        response = ctx.client(Role.OWNER).post(
            url("project-transfer", project_id=ctx.project.pk), {"user_id": str(ctx.candidate.pk)}, format="json"
        )
    assert_error(response, 404, "not_found")


def test_transfer_to_yourself_is_a_conflict(project_with_roles):
    ctx = project_with_roles
    with nothing_changes(ctx.project):
        response = ctx.client(Role.OWNER).post(
            url("project-transfer", project_id=ctx.project.pk),
            {"user_id": str(ctx.users[Role.OWNER].pk)},
            format="json",
        )
    assert assert_error(response, 409, "conflict")["message"] == "이미 이 프로젝트의 소유자입니다."
    english = ctx.client(Role.OWNER).post(
        url("project-transfer", project_id=ctx.project.pk),
        {"user_id": str(ctx.users[Role.OWNER].pk)},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert assert_error(english, 409, "conflict")["message"] == "You already own this project."


def test_a_viewer_can_leave(project_with_roles):
    ctx = project_with_roles
    viewer = ctx.users[Role.VIEWER]

    response = ctx.client(Role.VIEWER).delete(url("project-member", project_id=ctx.project.pk, user_id=viewer.pk))

    assert response.status_code == 204, response.content
    assert role_in(ctx.project, viewer) is None
    assert stream_types(ctx.project) == ["member.left"]
    assert Activity.objects.get(verb="member.left").data == {"role": Role.VIEWER, "self": True}
    assert_error(ctx.client(Role.VIEWER).get(url("project-detail", project_id=ctx.project.pk)), 404, "not_found")


def test_adding_a_member_notifies_them_even_for_a_long_project_name(project_with_roles):
    ctx = project_with_roles
    Project.objects.filter(pk=ctx.project.pk).update(name="긴 이름" * 50)  # 200 characters, the maximum

    response = ctx.client(Role.OWNER).post(
        url("project-members", project_id=ctx.project.pk),
        {"email": ctx.candidate.email, "role": Role.EDITOR},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["role"] == Role.EDITOR
    notification = Notification.objects.get(recipient=ctx.candidate, verb="project.member_added")
    assert len(notification.title) <= 200


# --- invitations --------------------------------------------------------------------------


def _invite(ctx, email: str, role: str = Role.EDITOR, actor: str = Role.MANAGER):
    return ctx.client(actor).post(
        url("project-invitations", project_id=ctx.project.pk), {"email": email, "role": role}, format="json"
    )


def test_invitation_create_emails_a_link(project_with_roles, mailoutbox, django_capture_on_commit_callbacks):
    ctx = project_with_roles
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(ctx, "Newcomer@Example.com")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "newcomer@example.com"
    assert body["role"] == Role.EDITOR
    assert body["state"] == "pending"
    assert "token" not in body
    invitation = Invitation.objects.get(pk=body["id"])
    assert invitation.inviter == ctx.users[Role.MANAGER]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["newcomer@example.com"]
    link = f"{settings.FRONTEND_URL}/invitations/{invitation.token}"
    assert link in message.body
    assert link in message.alternatives[0][0]
    assert ctx.project.name in message.subject
    # No account yet: nobody to notify in the app.
    assert not Notification.objects.filter(verb="invitation.received").exists()


def test_invitation_notifies_an_existing_account_in_the_app(
    project_with_roles, mailoutbox, django_capture_on_commit_callbacks
):
    ctx = project_with_roles
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(ctx, ctx.candidate.email)

    assert response.status_code == 201, response.content
    invitation = Invitation.objects.get(pk=response.json()["id"])
    notification = Notification.objects.get(recipient=ctx.candidate, verb="invitation.received")
    assert notification.url == f"/invitations/{invitation.token}"
    assert ctx.project.name in notification.title
    assert len(mailoutbox) == 1


def test_invitation_list_shows_pending_and_past_invitations_to_managers(project_with_roles):
    ctx = project_with_roles
    revoked = InvitationFactory(project=ctx.project, revoked=True)

    response = ctx.client(Role.MANAGER).get(url("project-invitations", project_id=ctx.project.pk))

    assert response.status_code == 200, response.content
    states = {item["id"]: item["state"] for item in response.json()}
    assert states == {str(ctx.invitation.pk): "pending", str(revoked.pk): "revoked"}
    assert str(ctx.other_invitation.pk) not in states
    assert_error(
        ctx.client(Role.EDITOR).get(url("project-invitations", project_id=ctx.project.pk)), 403, "permission_denied"
    )


def test_invitation_revoke(project_with_roles):
    ctx = project_with_roles

    response = ctx.client(Role.MANAGER).delete(
        url("project-invitation", project_id=ctx.project.pk, invitation_id=ctx.invitation.pk)
    )

    assert response.status_code == 204, response.content
    ctx.invitation.refresh_from_db()
    assert ctx.invitation.state == "revoked"
    assert stream_types(ctx.project) == ["invitation.revoked"]


def test_revoking_an_accepted_invitation_is_gone(project_with_roles):
    ctx = project_with_roles
    accepted = InvitationFactory(project=ctx.project, accepted_at=datetime.datetime.now(datetime.UTC))
    with nothing_changes(accepted):
        response = ctx.client(Role.MANAGER).delete(
            url("project-invitation", project_id=ctx.project.pk, invitation_id=accepted.pk)
        )
    assert_error(response, 410, "invitation_accepted")


def test_invitation_preview_is_open_to_anyone_holding_the_link(project_with_roles):
    ctx = project_with_roles

    response = ctx.client("anonymous").get(url("invitation-preview", token=ctx.invitation.token))

    assert response.status_code == 200, response.content
    assert response.json() == {
        "email": ctx.invitation.email,
        "role": Role.VIEWER,
        "state": "pending",
        "expires_at": response.json()["expires_at"],
        "inviter": ctx.users[Role.OWNER].display_name,
        "project": {"id": str(ctx.project.pk), "name": ctx.project.name},
    }


def test_invitation_preview_of_an_unknown_token_is_not_found(db, api_client):
    assert_error(api_client.get(url("invitation-preview", token="not-a-real-token")), 404, "not_found")


def test_invitation_accept_by_the_invited_user_makes_them_a_member(project_with_roles, client_of):
    ctx = project_with_roles
    invitee = UserFactory(email="Invitee@Example.com")
    invitation = InvitationFactory(project=ctx.project, email="invitee@example.com", role=Role.REVIEWER)

    response = client_of(invitee).post(url("invitation-accept", token=invitation.token))

    assert response.status_code == 200, response.content
    assert response.json()["id"] == str(ctx.project.pk)
    assert response.json()["my_role"] == Role.REVIEWER
    assert role_in(ctx.project, invitee) == Role.REVIEWER
    invitation.refresh_from_db()
    assert invitation.state == "accepted"
    assert invitation.accepted_by == invitee
    assert Notification.objects.filter(recipient=ctx.users[Role.OWNER], verb="invitation.accepted").exists()


def test_invitation_accept_by_someone_else_is_refused(project_with_roles):
    ctx = project_with_roles
    with nothing_changes(ctx.invitation):
        response = ctx.client("non_member").post(url("invitation-accept", token=ctx.invitation.token))
    assert_error(response, 403, "invitation_email_mismatch")
    assert role_in(ctx.project, ctx.users["non_member"]) is None


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_invitation_accept_of_an_unusable_link_is_gone(project_with_roles, client_of, state):
    ctx = project_with_roles
    invitee = UserFactory()
    invitation = InvitationFactory(project=ctx.project, email=invitee.email, **{state: True})
    with nothing_changes(invitation):
        response = client_of(invitee).post(url("invitation-accept", token=invitation.token))
    assert_error(response, 410, f"invitation_{state}")
    assert role_in(ctx.project, invitee) is None


def test_invitation_accept_twice_is_gone(project_with_roles, client_of):
    ctx = project_with_roles
    invitee = UserFactory()
    invitation = InvitationFactory(project=ctx.project, email=invitee.email)
    client = client_of(invitee)
    assert client.post(url("invitation-accept", token=invitation.token)).status_code == 200

    with nothing_changes(invitation):
        response = client.post(url("invitation-accept", token=invitation.token))
    assert_error(response, 410, "invitation_accepted")


def test_invitation_accept_of_an_unknown_token_is_not_found(user, client_of):
    with nothing_changes():
        response = client_of(user).post(url("invitation-accept", token="never-issued"))
    assert_error(response, 404, "not_found")


def test_reinviting_a_pending_email_is_refused_with_its_role_until_changed_explicitly(project_with_roles, client_of):
    ctx = project_with_roles
    invitee = UserFactory()
    first = _invite(ctx, invitee.email, role=Role.VIEWER)
    assert first.status_code == 201
    old = Invitation.objects.get(pk=first.json()["id"])

    # Inviting again neither cancels the pending invitation nor changes its role.
    with nothing_changes():
        second = _invite(ctx, invitee.email.upper(), role=Role.EDITOR)
    assert_error(second, 409, "already_invited")
    assert second.json()["error"]["details"] == {"role": Role.VIEWER, "invitation_id": str(old.pk)}
    old.refresh_from_db()
    assert old.state == "pending"

    # Changing it is explicit: revoke, then invite with the new role; the old link stops working.
    owner = client_of(ctx.users[Role.OWNER])
    assert owner.delete(url("project-invitation", project_id=ctx.project.pk, invitation_id=old.pk)).status_code == 204
    third = _invite(ctx, invitee.email, role=Role.EDITOR)
    assert third.status_code == 201
    new = Invitation.objects.get(pk=third.json()["id"])
    assert old.token != new.token
    client = client_of(invitee)
    assert_error(client.post(url("invitation-accept", token=old.token)), 410, "invitation_revoked")
    assert client.post(url("invitation-accept", token=new.token)).status_code == 200
    assert role_in(ctx.project, invitee) == Role.EDITOR


def test_an_expired_invitation_is_replaced(project_with_roles, client_of):
    ctx = project_with_roles
    old = InvitationFactory(project=ctx.project, email="late@example.com", expired=True)
    response = _invite(ctx, "late@example.com", role=Role.VIEWER)
    assert response.status_code == 201, response.content
    old.refresh_from_db()
    assert old.state == "revoked"


def test_accepting_a_display_name_with_braces_does_not_break_the_notification(project_with_roles, client_of):
    ctx = project_with_roles
    invitee = UserFactory(display_name="Kim {PD} }{")
    invitation = InvitationFactory(project=ctx.project, email=invitee.email)

    response = client_of(invitee).post(url("invitation-accept", token=invitation.token))

    assert response.status_code == 200, response.content
    notification = Notification.objects.get(recipient=ctx.users[Role.OWNER], verb="invitation.accepted")
    assert "Kim {PD} }{" in notification.title
    assert ctx.project.name in notification.title


# --- bad input: a clear 4xx envelope, nothing changed, nothing published ---------------------


@pytest.mark.parametrize(
    "body, field",
    [
        pytest.param({"name": "X", "deadline": "31/12/2026"}, "deadline", id="a deadline in a bad format"),
        pytest.param({"name": "가" * 10_000}, "name", id="a name of 10000 characters"),
    ],
)
def test_project_create_rejects_bad_input(user, client_of, body, field):
    with nothing_changes():
        response = client_of(user).post(url("project-list"), body, format="json")
    assert_error(response, 400, "validation_error", details={field})


def _project_update(actor: str, body, field: str | None) -> Refusal:
    return Refusal(
        actor,
        "patch",
        _project_path("project-detail"),
        body,
        400,
        "validation_error",
        details=None if field is None else {field},
        kept=lambda ctx: [ctx.project],
    )


BAD_INPUT = {
    **{
        f"project update: deadline {deadline!r}": _project_update(Role.MANAGER, {"deadline": deadline}, "deadline")
        for deadline in ["31/12/2026", "2026-02-30", "tomorrow", 20261231]
    },
    "project update: a name of 10000 characters": _project_update(Role.OWNER, {"name": "a" * 10_000}, "name"),
    **{
        f"project update: name {name!r}": _project_update(Role.OWNER, {"name": name}, "name")
        for name in ["", "   ", None]
    },
    "project update: an unknown status": _project_update(Role.OWNER, {"status": "finished"}, "status"),
    "project update: a body that is not an object": _project_update(Role.OWNER, ["name", "x"], None),
    "phase create: end before start": Refusal(
        Role.MANAGER,
        "post",
        _project_path("project-phases"),
        {"name": "Shoot", "start": "2026-05-10", "end": "2026-05-01"},
        400,
        "validation_error",
        details={"end"},
    ),
    "phase create: a duplicate order": Refusal(
        Role.MANAGER,
        "post",
        _project_path("project-phases"),
        lambda ctx: {"name": "Grade", "start": "2026-04-01", "end": "2026-04-02", "order": ctx.phases[1].order},
        409,
        "conflict",
        details={"order"},
    ),
    "phase update: end before the existing start": Refusal(
        Role.MANAGER,
        "patch",
        _phase_path(0),
        lambda ctx: {"end": (ctx.phases[0].start - datetime.timedelta(days=1)).isoformat()},
        400,
        "validation_error",
        details={"end"},
        kept=lambda ctx: [ctx.phases[0]],
    ),
    "phase update: a duplicate order": Refusal(
        Role.MANAGER,
        "patch",
        _phase_path(0),
        lambda ctx: {"order": ctx.phases[2].order},
        409,
        "conflict",
        details={"order"},
        kept=lambda ctx: ctx.phases,
    ),
    "phase update: a project field": Refusal(
        Role.MANAGER,
        "patch",
        _phase_path(0),
        lambda ctx: {"project": str(ctx.other.pk)},
        400,
        "validation_error",
        details={"project"},
        kept=lambda ctx: [ctx.phases[0]],
    ),
    "phases reorder: ids that are not uuids": Refusal(
        Role.MANAGER,
        "post",
        _project_path("project-phases-reorder"),
        {"ids": ["1", "2", "3"]},
        400,
        "validation_error",
        details={"ids"},
        kept=lambda ctx: ctx.phases,
    ),
    "member role change: an unknown role": Refusal(
        Role.OWNER,
        "patch",
        _member_path("target"),
        {"role": "admin"},
        400,
        "validation_error",
        details={"role"},
        kept=lambda ctx: [ctx.target],
    ),
    "invitation create: a bad email": Refusal(
        Role.MANAGER,
        "post",
        _project_path("project-invitations"),
        {"email": "not an email", "role": Role.EDITOR},
        400,
        "validation_error",
        details={"email"},
    ),
}


@pytest.mark.parametrize("refusal", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_refused_and_changes_nothing(project_with_roles, refusal):
    _assert_refused(project_with_roles, refusal)


@pytest.mark.parametrize("field", ["owner", "id", "created_at", "my_role"])
def test_project_update_rejects_fields_that_must_not_change(project_with_roles, field):
    ctx = project_with_roles
    value = str(ctx.users[Role.MANAGER].pk) if field in {"owner", "id"} else "owner"
    with nothing_changes(ctx.project):
        response = ctx.client(Role.OWNER).patch(
            url("project-detail", project_id=ctx.project.pk), {"name": "Renamed", field: value}, format="json"
        )
    assert_error(response, 400, "validation_error", details={field})
    assert ctx.project.owner == ctx.users[Role.OWNER]
    assert ctx.project.name == "Brand film"


def test_project_update_rejects_malformed_json(project_with_roles):
    ctx = project_with_roles
    with nothing_changes(ctx.project):
        response = ctx.client(Role.OWNER).generic(
            "PATCH", url("project-detail", project_id=ctx.project.pk), '{"name": ', content_type="application/json"
        )
    assert_error(response, 400, "parse_error")


def _reorder(ctx, ids):
    return ctx.client(Role.MANAGER).post(
        url("project-phases-reorder", project_id=ctx.project.pk), {"ids": [str(i) for i in ids]}, format="json"
    )


@pytest.mark.parametrize(
    "ids",
    [
        pytest.param(lambda ctx: [p.pk for p in ctx.phases[:2]], id="missing"),
        pytest.param(lambda ctx: [p.pk for p in ctx.phases] + [ctx.other_phase.pk], id="foreign"),
        pytest.param(lambda ctx: [p.pk for p in ctx.phases[:2]] + [uuid.uuid4()], id="unknown"),
        pytest.param(lambda ctx: [p.pk for p in ctx.phases] + [ctx.phases[0].pk], id="duplicate"),
    ],
)
def test_phases_reorder_rejects_ids_that_are_not_exactly_the_projects_phases(project_with_roles, ids):
    ctx = project_with_roles
    with nothing_changes(*ctx.phases, ctx.other_phase):
        response = _reorder(ctx, ids(ctx))
    assert_error(response, 400, response.json()["error"]["code"], details={"ids"})


# --- the projects list ------------------------------------------------------------------------


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["results"]]


@pytest.fixture
def my_projects(user):
    """Three projects of `user` in different states, and one they are not in."""
    specs = [
        ("Alpha teaser", "planning", datetime.date(2026, 9, 1)),
        ("Beta documentary", "production", datetime.date(2026, 3, 1)),
        ("Gamma ad", "production", None),
    ]
    projects = []
    for name, status, deadline in specs:
        project = ProjectFactory(name=name, status=status, deadline=deadline)
        MembershipFactory(project=project, user=user, role=Role.EDITOR)
        projects.append(project)
    ProjectFactory(name="Alpha secret")
    return projects


def test_project_list_shows_only_the_callers_projects(user, client_of, my_projects):
    response = client_of(user).get(url("project-list"))

    assert set(_names(response)) == {"Alpha teaser", "Beta documentary", "Gamma ad"}
    assert response.json()["count"] == 3
    first = response.json()["results"][0]
    assert first["my_role"] == Role.EDITOR
    assert first["member_count"] == 2


def test_project_list_filters_by_status(user, client_of, my_projects):
    assert set(_names(client_of(user).get(url("project-list"), {"status": "production"}))) == {
        "Beta documentary",
        "Gamma ad",
    }


def test_project_list_searches_by_name(user, client_of, my_projects):
    assert _names(client_of(user).get(url("project-list"), {"search": "ALPHA"})) == ["Alpha teaser"]


def test_project_list_orders_by_deadline(user, client_of, my_projects):
    names = _names(client_of(user).get(url("project-list"), {"ordering": "deadline"}))
    assert names == ["Beta documentary", "Alpha teaser", "Gamma ad"]  # no deadline last


def test_project_list_orders_by_deadline_descending_with_no_deadline_still_last(user, client_of, my_projects):
    """PostgreSQL would put NULLs first descending, SQLite last ascending: both are pinned."""
    names = _names(client_of(user).get(url("project-list"), {"ordering": "-deadline"}))
    assert names == ["Alpha teaser", "Beta documentary", "Gamma ad"]


def test_project_list_orders_by_last_update(user, client_of, my_projects):
    beta = my_projects[1]
    beta.description = "touched"
    beta.save()
    names = _names(client_of(user).get(url("project-list"), {"ordering": "-updated_at"}))
    assert names == ["Beta documentary", "Gamma ad", "Alpha teaser"]


@pytest.mark.parametrize("params", [{"ordering": "owner__password"}, {"ordering": "drop table"}, {"status": "done"}])
def test_project_list_rejects_bad_filters(user, client_of, my_projects, params):
    assert_error(client_of(user).get(url("project-list"), params), 400, "validation_error", details=set(params))


def _queries_for(client, path, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == params["page_size"]
    return len(queries)


def test_project_list_query_count_does_not_grow_with_page_size(user, client_of):
    for _ in range(25):
        project = ProjectFactory()
        MembershipFactory(project=project, user=user)
        MembershipFactory(project=project)
    client = client_of(user)

    small = _queries_for(client, url("project-list"), {"page_size": 2})
    large = _queries_for(client, url("project-list"), {"page_size": 20})

    assert small == large
    assert large <= 4  # the caller, count, page


def test_activity_and_members_query_counts_do_not_grow_with_size(project_with_roles):
    ctx = project_with_roles
    client = ctx.client(Role.OWNER)
    for index in range(25):
        client.patch(url("project-detail", project_id=ctx.project.pk), {"description": f"v{index}"}, format="json")

    small = _queries_for(client, url("project-activity", project_id=ctx.project.pk), {"page_size": 2})
    large = _queries_for(client, url("project-activity", project_id=ctx.project.pk), {"page_size": 20})
    assert small == large

    with CaptureQueriesContext(connection) as few:
        client.get(url("project-members", project_id=ctx.project.pk))
    for _ in range(10):
        MembershipFactory(project=ctx.project)
    with CaptureQueriesContext(connection) as many:
        client.get(url("project-members", project_id=ctx.project.pk))
    assert len(few) == len(many)


# --- activity and events --------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    actor: str
    method: str
    path: Callable
    body: Callable | None
    types: list[str]  # the events it publishes, in order (its Activity rows share the verbs)
    data: Callable  # (ctx, [activity.data, ...]) -> the expected list


def _invitee_accepts(ctx):
    invitee = ctx.users["non_member"]
    InvitationFactory(project=ctx.project, email=invitee.email, role=Role.EDITOR, token="accept-me")
    return url("invitation-accept", token="accept-me")


CHANGES = {
    "project renamed": Change(
        Role.MANAGER,
        "patch",
        lambda ctx: url("project-detail", project_id=ctx.project.pk),
        lambda ctx: {"name": "New name", "deadline": "2026-12-24"},
        ["project.updated"],
        lambda ctx: [
            {
                "changes": {
                    "name": {"before": "Brand film", "after": "New name"},
                    "deadline": {"before": None, "after": "2026-12-24"},
                }
            }
        ],
    ),
    "member added": Change(
        Role.MANAGER,
        "post",
        lambda ctx: url("project-members", project_id=ctx.project.pk),
        lambda ctx: {"email": ctx.candidate.email, "role": Role.EDITOR},
        ["member.joined"],
        lambda ctx: [{"role": Role.EDITOR}],
    ),
    "role changed": Change(
        Role.MANAGER,
        "patch",
        lambda ctx: url("project-member", project_id=ctx.project.pk, user_id=ctx.target.user_id),
        lambda ctx: {"role": Role.REVIEWER},
        ["member.role_changed"],
        lambda ctx: [{"role": {"before": Role.VIEWER, "after": Role.REVIEWER}}],
    ),
    "member removed": Change(
        Role.MANAGER,
        "delete",
        lambda ctx: url("project-member", project_id=ctx.project.pk, user_id=ctx.target.user_id),
        None,
        ["member.left"],
        lambda ctx: [{"role": Role.VIEWER, "self": False}],
    ),
    "phase created": Change(
        Role.MANAGER,
        "post",
        lambda ctx: url("project-phases", project_id=ctx.project.pk),
        lambda ctx: {"name": "Grade", "start": "2026-04-01", "end": "2026-04-03"},
        ["phase.created"],
        lambda ctx: [{"name": "Grade"}],
    ),
    "phase updated": Change(
        Role.MANAGER,
        "patch",
        lambda ctx: url("phase-detail", phase_id=ctx.phases[1].pk),
        lambda ctx: {"end": "2026-03-20"},
        ["phase.updated"],
        lambda ctx: [{"name": "Shoot", "changes": {"end": {"before": "2026-03-08", "after": "2026-03-20"}}}],
    ),
    "phase deleted": Change(
        Role.MANAGER,
        "delete",
        lambda ctx: url("phase-detail", phase_id=ctx.phases[0].pk),
        None,
        ["phase.deleted"],
        lambda ctx: [{"name": "Pre-production"}],
    ),
    "phases reordered": Change(
        Role.MANAGER,
        "post",
        lambda ctx: url("project-phases-reorder", project_id=ctx.project.pk),
        lambda ctx: {"ids": [str(p.pk) for p in reversed(ctx.phases)]},
        ["phase.reordered"],
        lambda ctx: [{"order": [str(p.pk) for p in reversed(ctx.phases)]}],
    ),
    "invitation created": Change(
        Role.MANAGER,
        "post",
        lambda ctx: url("project-invitations", project_id=ctx.project.pk),
        lambda ctx: {"email": "new@example.com", "role": Role.REVIEWER},
        ["invitation.created"],
        lambda ctx: [{"email": "new@example.com", "role": Role.REVIEWER}],
    ),
    "invitation revoked": Change(
        Role.MANAGER,
        "delete",
        lambda ctx: url("project-invitation", project_id=ctx.project.pk, invitation_id=ctx.invitation.pk),
        None,
        ["invitation.revoked"],
        lambda ctx: [{"email": ctx.invitation.email}],
    ),
    "invitation accepted": Change(
        "non_member",
        "post",
        _invitee_accepts,
        None,
        ["member.joined", "invitation.accepted"],
        lambda ctx: [{"role": Role.EDITOR, "via": "invitation"}, {"email": ctx.users["non_member"].email}],
    ),
    "ownership transferred": Change(
        Role.OWNER,
        "post",
        lambda ctx: url("project-transfer", project_id=ctx.project.pk),
        lambda ctx: {"user_id": str(ctx.target.user_id)},
        ["member.role_changed", "member.role_changed", "project.updated"],
        lambda ctx: [
            {"role": {"before": Role.VIEWER, "after": Role.OWNER}},
            {"role": {"before": Role.OWNER, "after": Role.MANAGER}},
            {"changes": {"owner": {"before": str(ctx.users[Role.OWNER].pk), "after": str(ctx.target.user_id)}}},
        ],
    ),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_each_change_writes_its_activity_and_events(project_with_roles, change, django_capture_on_commit_callbacks):
    ctx = project_with_roles
    known = set(Activity.objects.values_list("pk", flat=True))
    path = change.path(ctx)

    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(ctx.client(change.actor), change.method)(
            path, change.body(ctx) if change.body else None, format="json"
        )

    assert 200 <= response.status_code < 300, response.content
    events = list(StreamEvent.objects.filter(stream=project_stream(ctx.project)).order_by("seq"))
    assert [e.type for e in events] == change.types
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    activities = list(Activity.objects.exclude(pk__in=known).order_by("created_at"))
    assert [a.verb for a in activities] == change.types
    assert [a.data for a in activities] == change.data(ctx)
    actor = ctx.users[change.actor]
    for event, activity in zip(events, activities, strict=True):
        assert activity.project_id == ctx.project.pk
        assert activity.actor_id == actor.pk
        assert event.data["activity"]["id"] == str(activity.pk)
        assert event.data["activity"]["actor"]["id"] == str(actor.pk)


def test_a_change_that_changes_nothing_writes_nothing(project_with_roles):
    ctx = project_with_roles
    with nothing_changes(ctx.project):
        response = ctx.client(Role.OWNER).patch(
            url("project-detail", project_id=ctx.project.pk), {"name": ctx.project.name}, format="json"
        )
    assert response.status_code == 200


def test_events_of_successive_changes_have_rising_seq(project_with_roles):
    ctx = project_with_roles
    client = ctx.client(Role.OWNER)
    client.patch(url("project-detail", project_id=ctx.project.pk), {"status": "production"}, format="json")
    phase = client.post(
        url("project-phases", project_id=ctx.project.pk),
        {"name": "Mix", "start": "2026-06-01", "end": "2026-06-02"},
        format="json",
    ).json()
    client.patch(url("phase-detail", phase_id=phase["id"]), {"name": "Final mix"}, format="json")
    client.delete(url("phase-detail", phase_id=phase["id"]))
    # A refused change in between takes no number.
    client.delete(url("project-member", project_id=ctx.project.pk, user_id=ctx.users[Role.OWNER].pk))
    client.patch(
        url("project-member", project_id=ctx.project.pk, user_id=ctx.target.user_id), {"role": "editor"}, format="json"
    )

    events = StreamEvent.objects.filter(stream=project_stream(ctx.project)).order_by("seq")
    assert [(e.seq, e.type) for e in events] == [
        (1, "project.updated"),
        (2, "phase.created"),
        (3, "phase.updated"),
        (4, "phase.deleted"),
        (5, "member.role_changed"),
    ]
    assert not StreamEvent.objects.filter(stream=project_stream(ctx.other)).exists()


@pytest.mark.parametrize(
    "attempt",
    [
        pytest.param(
            lambda ctx: ctx.client(Role.OWNER).delete(
                url("project-member", project_id=ctx.project.pk, user_id=ctx.users[Role.OWNER].pk)
            ),
            id="last-owner",
        ),
        pytest.param(
            lambda ctx: ctx.client(Role.MANAGER).patch(
                url("project-member", project_id=ctx.project.pk, user_id=ctx.users[Role.OWNER].pk),
                {"role": "viewer"},
                format="json",
            ),
            id="manager-demotes-owner",
        ),
        pytest.param(
            lambda ctx: ctx.client(Role.MANAGER).post(
                url("project-phases", project_id=ctx.project.pk),
                {"name": "X", "start": "2026-01-01", "end": "2026-01-02", "order": 1},
                format="json",
            ),
            id="order-taken",
        ),
        pytest.param(
            lambda ctx: ctx.client(Role.EDITOR).delete(url("phase-detail", phase_id=ctx.phases[0].pk)),
            id="editor-deletes-phase",
        ),
    ],
)
def test_a_failing_change_writes_no_event_and_no_activity(project_with_roles, attempt):
    ctx = project_with_roles
    with nothing_changes(*ctx.phases, ctx.project):
        response = attempt(ctx)
    assert 400 <= response.status_code < 500


def test_activity_feed_is_newest_first_and_cursor_paginated(project_with_roles):
    ctx = project_with_roles
    client = ctx.client(Role.OWNER)
    for index in range(5):
        client.patch(url("project-detail", project_id=ctx.project.pk), {"description": f"take {index}"}, format="json")
    client.post(
        url("project-phases", project_id=ctx.project.pk),
        {"name": "Mix", "start": "2026-06-01", "end": "2026-06-02"},
        format="json",
    )
    expected = list(Activity.objects.filter(project=ctx.project).order_by("-created_at").values_list("pk", flat=True))
    assert len(expected) == 6

    seen, next_url, pages = [], url("project-activity", project_id=ctx.project.pk) + "?page_size=2", 0
    while next_url:
        page = client.get(next_url)
        assert page.status_code == 200, page.content
        body = page.json()
        assert set(body) == {"next", "previous", "results"}
        seen += [item["id"] for item in body["results"]]
        next_url, pages = body["next"], pages + 1

    assert seen == [str(pk) for pk in expected]
    assert pages == 3
    newest = client.get(url("project-activity", project_id=ctx.project.pk)).json()["results"][0]
    assert newest["verb"] == "phase.created"
    assert newest["actor"]["id"] == str(ctx.users[Role.OWNER].pk)
    assert newest["target_type"] == "phase"
    second = client.get(url("project-activity", project_id=ctx.project.pk)).json()["results"][1]
    assert second["data"] == {"changes": {"description": {"before": "take 3", "after": "take 4"}}}
    assert str(ctx.other.pk) not in str(seen)


def test_activity_feed_rejects_a_forged_cursor(project_with_roles):
    ctx = project_with_roles
    response = ctx.client(Role.VIEWER).get(url("project-activity", project_id=ctx.project.pk), {"cursor": "bogus"})
    assert_error(response, 404, "not_found")


def test_project_delete_publishes_and_removes_everything(project_with_roles):
    ctx = project_with_roles

    response = ctx.client(Role.OWNER).delete(url("project-detail", project_id=ctx.project.pk))

    assert response.status_code == 204
    assert not Project.objects.filter(pk=ctx.project.pk).exists()
    assert not Phase.objects.filter(project_id=ctx.project.pk).exists()
    assert not Membership.objects.filter(project_id=ctx.project.pk).exists()
    assert stream_types(ctx.project) == ["project.deleted"]
    assert Project.objects.filter(pk=ctx.other.pk).exists()
