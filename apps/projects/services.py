"""Every write to projects, memberships, invitations and phases. Each records an Activity
row and publishes the matching event on the project's stream after commit."""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from apps.core import events
from apps.core.emails import email_send_templated
from apps.core.errors import Conflict, DomainError
from apps.core.notify import notify
from apps.core.services import model_update

from . import permissions
from .activity import activity_record, project_stream
from .models import Activity, Invitation, Membership, Phase, Project, Role
from .serializers import InvitationOut, MemberOut, PhaseOut, ProjectOut


class RoleNotAllowed(DomainError):
    code = "role_not_allowed"
    status_code = 403
    message = "Your role does not allow this change."


class LastOwner(Conflict):
    code = "last_owner"
    message = "A project needs at least one owner. Transfer ownership first."


class AlreadyMember(Conflict):
    code = "already_member"
    message = "This person is already a member of the project."


class InvitationNotUsable(DomainError):
    status_code = 410

    def __init__(self, state: str):
        messages = {
            "expired": "This invitation has expired. Ask for a new one.",
            "revoked": "This invitation was revoked.",
            "accepted": "This invitation has already been used.",
        }
        self.code = f"invitation_{state}"
        super().__init__(messages[state])


class InvitationNotFound(DomainError):
    code = "not_found"
    status_code = 404
    message = "Not found."


class InvitationForSomeoneElse(DomainError):
    code = "invitation_email_mismatch"
    status_code = 403
    message = "This invitation was sent to a different email address."


def _diff(instance, data: dict) -> dict:
    """{field: {"before": old, "after": new}} for the fields that really change."""
    changes = {}
    for field, new in data.items():
        old = getattr(instance, field)
        if old != new:
            changes[field] = {"before": _plain(old), "after": _plain(new)}
    return changes


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def _apply_changes(instance, data: dict) -> dict:
    """Saves `data` onto `instance` (`model_update`); returns the changes (`_diff`), empty
    when there were none and nothing was saved."""
    changes = _diff(instance, data)
    model_update(instance=instance, fields=list(data), data=data)
    return changes


def _require_assignable(*, actor, project: Project, current: str | None, new: str | None) -> None:
    if not permissions.can_assign(permissions.role_of(actor, project), current, new):
        raise RoleNotAllowed()


# --- projects ---------------------------------------------------------------------------


@transaction.atomic
def project_create(
    *, owner, name: str, description: str = "", status: str = Project.Status.PLANNING, deadline: date | None = None
) -> Project:
    project = Project(owner=owner, name=name, description=description, status=status, deadline=deadline)
    project.full_clean()
    project.save()
    Membership.objects.create(project=project, user=owner, role=Role.OWNER)
    Activity.objects.create(
        project=project,
        actor=owner,
        verb="project.created",
        target_type="project",
        target_id=str(project.pk),
        data={"name": name},
    )
    return project


@transaction.atomic
def project_update(*, project: Project, actor, data: dict) -> Project:
    changes = _apply_changes(project, data)
    if not changes:
        return project
    activity_record(
        project=project,
        actor=actor,
        verb="project.updated",
        target=project,
        data={"changes": changes},
        payload={"project": ProjectOut(project).data, "changes": changes},
    )
    return project


@transaction.atomic
def project_delete(*, project: Project, actor) -> None:
    stream = project_stream(project)
    project_id = str(project.pk)
    project.delete()
    events.publish(stream=stream, type="project.deleted", data={"project": {"id": project_id}})


@transaction.atomic
def project_transfer(*, project: Project, actor, new_owner_membership: Membership) -> Project:
    """The owner hands the project to another member, who becomes owner; the previous
    owner stays on as manager."""
    if new_owner_membership.user_id == actor.pk:
        raise Conflict("You already own this project.")
    _lock_memberships(project)
    previous = Membership.objects.select_for_update().get(project=project, user=actor)
    new_owner_before = new_owner_membership.role
    new_owner_membership.role = Role.OWNER
    new_owner_membership.save(update_fields=["role", "updated_at"])
    previous.role = Role.MANAGER
    previous.save(update_fields=["role", "updated_at"])
    project.owner = new_owner_membership.user
    project.save(update_fields=["owner", "updated_at"])
    for membership, before in ((new_owner_membership, new_owner_before), (previous, Role.OWNER)):
        activity_record(
            project=project,
            actor=actor,
            verb="member.role_changed",
            target=membership.user,
            data={"role": {"before": before, "after": membership.role}},
            payload={"member": MemberOut(membership).data},
        )
    activity_record(
        project=project,
        actor=actor,
        verb="project.updated",
        target=project,
        data={"changes": {"owner": {"before": str(actor.pk), "after": str(project.owner_id)}}},
        payload={"project": ProjectOut(project).data},
    )
    _notify(
        new_owner_membership.user,
        project,
        "project.transferred",
    )
    return project


# --- members ----------------------------------------------------------------------------


@transaction.atomic
def member_add(*, project: Project, actor, user, role: str) -> Membership:
    _require_assignable(actor=actor, project=project, current=None, new=role)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(project=project, user=user, role=role)
    except IntegrityError as exc:
        raise AlreadyMember() from exc
    activity_record(
        project=project,
        actor=actor,
        verb="member.joined",
        target=user,
        data={"role": role},
        payload={"member": MemberOut(membership).data},
    )
    _notify(user, project, "project.member_added")
    return membership


@transaction.atomic
def member_change_role(*, project: Project, actor, membership: Membership, role: str) -> Membership:
    _lock_memberships(project)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return membership
    _require_assignable(actor=actor, project=project, current=membership.role, new=role)
    if membership.role == Role.OWNER:
        _hand_over_if_recorded_owner(project, _require_another_owner(project, membership), leaving=membership)
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    activity_record(
        project=project,
        actor=actor,
        verb="member.role_changed",
        target=membership.user,
        data={"role": {"before": before, "after": role}},
        payload={"member": MemberOut(membership).data},
    )
    _notify(
        membership.user,
        project,
        "project.role_changed",
        role=role,
    )
    return membership


@transaction.atomic
def member_remove(*, project: Project, actor, membership: Membership) -> None:
    _lock_memberships(project)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    leaving_self = membership.user_id == actor.pk
    if not leaving_self:
        _require_assignable(actor=actor, project=project, current=membership.role, new=None)
    if membership.role == Role.OWNER:
        _hand_over_if_recorded_owner(project, _require_another_owner(project, membership), leaving=membership)
    payload = {"member": MemberOut(membership).data}
    user = membership.user
    membership.delete()
    activity_record(
        project=project,
        actor=actor,
        verb="member.left",
        target=user,
        data={"role": payload["member"]["role"], "self": leaving_self},
        payload=payload,
    )


def _lock_memberships(project: Project) -> None:
    """Role changes and removals of one project run one at a time (the project row is the
    lock). Otherwise two owners demoting themselves at once each lock their own row, then
    wait for the other's in the owner check: a deadlock (500) instead of `last_owner`."""
    list(Project.objects.select_for_update().filter(pk=project.pk).values_list("pk", flat=True))


def _require_another_owner(project: Project, membership: Membership) -> Membership:
    owners = Membership.objects.select_for_update().filter(project=project, role=Role.OWNER)
    other = owners.exclude(pk=membership.pk).order_by("created_at").first()
    if other is None:
        raise LastOwner()
    return other


def _hand_over_if_recorded_owner(project: Project, other_owner: Membership, *, leaving: Membership) -> None:
    """`Project.owner` must stay an owning member: when that person stops owning the
    project, the longest-standing remaining owner takes the field."""
    if project.owner_id == leaving.user_id:
        project.owner_id = other_owner.user_id
        project.save(update_fields=["owner", "updated_at"])


# --- invitations ------------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, project: Project, actor, email: str, role: str) -> Invitation:
    email = email.strip().lower()
    _require_assignable(actor=actor, project=project, current=None, new=role)
    if Membership.objects.filter(project=project, user__email__iexact=email).exists():
        raise AlreadyMember()
    # Re-inviting replaces the pending invitation: the old link stops working.
    for pending in Invitation.objects.select_for_update().filter(
        project=project, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ):
        pending.revoked_at = timezone.now()
        pending.save(update_fields=["revoked_at", "updated_at"])
    invitation = Invitation.objects.create(project=project, email=email, role=role, inviter=actor)
    activity_record(
        project=project,
        actor=actor,
        verb="invitation.created",
        target=invitation,
        data={"email": email, "role": role},
        payload={"invitation": InvitationOut(invitation).data},
    )
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def _send_invitation(invitation: Invitation) -> None:
    from apps.users.models import User

    invitee = User.objects.filter(email__iexact=invitation.email).first()
    inviter = invitation.inviter
    link = f"{settings.FRONTEND_URL}/invitations/{invitation.token}"
    email_send_templated(
        to=invitation.email,
        template="invitation",
        locale=(invitee or inviter).locale if (invitee or inviter) else settings.LANGUAGE_CODE,
        context={
            "project": invitation.project.name,
            "inviter": inviter.display_name if inviter else "",
            "role": invitation.role,
            "link": link,
            "expires_at": invitation.expires_at,
        },
    )
    if invitee:
        _notify(
            invitee,
            invitation.project,
            "invitation.received",
            url=f"/invitations/{invitation.token}",
        )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != "pending":
        raise InvitationNotUsable(invitation.state)
    _require_assignable(actor=actor, project=invitation.project, current=None, new=invitation.role)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    activity_record(
        project=invitation.project,
        actor=actor,
        verb="invitation.revoked",
        target=invitation,
        data={"email": invitation.email},
        payload={"invitation": InvitationOut(invitation).data},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    invitation = Invitation.objects.select_for_update().select_related("project").filter(token=token).first()
    if invitation is None:
        raise InvitationNotFound()
    if invitation.state != "pending":
        raise InvitationNotUsable(invitation.state)
    if invitation.email.lower() != user.email.lower():
        raise InvitationForSomeoneElse()
    project = invitation.project
    if Membership.objects.filter(project=project, user=user).exists():
        raise AlreadyMember()
    membership = Membership.objects.create(project=project, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    activity_record(
        project=project,
        actor=user,
        verb="member.joined",
        target=user,
        data={"role": invitation.role, "via": "invitation"},
        payload={"member": MemberOut(membership).data},
    )
    activity_record(
        project=project,
        actor=user,
        verb="invitation.accepted",
        target=invitation,
        data={"email": invitation.email},
        payload={"invitation": InvitationOut(invitation).data},
    )
    if invitation.inviter:
        _notify(
            invitation.inviter,
            project,
            "invitation.accepted",
            person=user.display_name,
        )
    return membership


# --- phases -----------------------------------------------------------------------------


@transaction.atomic
def phase_create(*, project: Project, actor, name: str, start: date, end: date, order: int | None = None) -> Phase:
    if order is None:
        order = (project.phases.aggregate(top=Max("order"))["top"] or 0) + 1
    elif project.phases.filter(order=order).exists():
        raise Conflict("Another phase already has this position.", details={"order": ["taken"]})
    phase = Phase(project=project, name=name, start=start, end=end, order=order)
    phase.full_clean()
    phase.save()
    activity_record(
        project=project,
        actor=actor,
        verb="phase.created",
        target=phase,
        data={"name": name},
        payload={"phase": PhaseOut(phase).data},
    )
    return phase


@transaction.atomic
def phase_update(*, phase: Phase, actor, data: dict) -> Phase:
    if (
        "order" in data
        and data["order"] != phase.order
        and (Phase.objects.filter(project=phase.project_id, order=data["order"]).exclude(pk=phase.pk).exists())
    ):
        raise Conflict("Another phase already has this position.", details={"order": ["taken"]})
    changes = _apply_changes(phase, data)
    if not changes:
        return phase
    activity_record(
        project=phase.project,
        actor=actor,
        verb="phase.updated",
        target=phase,
        data={"name": phase.name, "changes": changes},
        payload={"phase": PhaseOut(phase).data, "changes": changes},
    )
    return phase


@transaction.atomic
def phase_delete(*, phase: Phase, actor) -> None:
    payload = {"phase": PhaseOut(phase).data}
    project = phase.project
    target = Phase(pk=phase.pk)
    phase.delete()
    activity_record(
        project=project,
        actor=actor,
        verb="phase.deleted",
        target=target,
        data={"name": payload["phase"]["name"]},
        payload=payload,
    )


@transaction.atomic
def phases_reorder(*, project: Project, actor, phase_ids: list) -> list[Phase]:
    phases = {p.pk: p for p in Phase.objects.select_for_update().filter(project=project)}
    if set(phase_ids) != set(phases) or len(phase_ids) != len(phases):
        raise DomainError("Send every phase of the project exactly once.", details={"ids": ["mismatch"]})
    # Two passes: the unique (project, order) constraint forbids swapping in place.
    offset = len(phases) + max((p.order for p in phases.values()), default=0)
    for index, phase_id in enumerate(phase_ids, start=1):
        Phase.objects.filter(pk=phase_id).update(order=offset + index)
    for index, phase_id in enumerate(phase_ids, start=1):
        Phase.objects.filter(pk=phase_id).update(order=index, updated_at=timezone.now())
    ordered = list(Phase.objects.filter(project=project).order_by("order"))
    activity_record(
        project=project,
        actor=actor,
        verb="phase.reordered",
        target=project,
        data={"order": [str(pk) for pk in phase_ids]},
        payload={"phases": PhaseOut(ordered, many=True).data},
    )
    return ordered


# --- notifications ----------------------------------------------------------------------


def _notify(user, project: Project, key: str, url: str = "", **params) -> None:
    notify(
        user,
        key=key,
        params={"project": project.name, **params},
        url=url or f"/projects/{project.pk}",
        data={"project_id": str(project.pk)},
    )
