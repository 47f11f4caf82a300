"""Adding members, changing their roles and removing them (a project keeps an owner)."""

from django.db import IntegrityError, transaction

from ..activity import activity_record
from ..models import Membership, Project, Role
from ..serializers import MemberOut
from .common import AlreadyMember, LastOwner, lock_memberships, notify_member, require_assignable


@transaction.atomic
def member_add(*, project: Project, actor, user, role: str) -> Membership:
    require_assignable(actor=actor, project=project, current=None, new=role)
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
    notify_member(user, project, "project.member_added")
    return membership


@transaction.atomic
def member_change_role(*, project: Project, actor, membership: Membership, role: str) -> Membership:
    lock_memberships(project)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return membership
    require_assignable(actor=actor, project=project, current=membership.role, new=role)
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
    notify_member(
        membership.user,
        project,
        "project.role_changed",
        role=role,
    )
    return membership


@transaction.atomic
def member_remove(*, project: Project, actor, membership: Membership) -> None:
    lock_memberships(project)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    leaving_self = membership.user_id == actor.pk
    if not leaving_self:
        require_assignable(actor=actor, project=project, current=membership.role, new=None)
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
