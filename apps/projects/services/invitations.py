"""Invitations by e-mail: create (refused while one is pending; an expired one is replaced),
revoke, accept."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.core.errors import NotFound
from apps.core.notify import param_label

from ..activity import activity_record
from ..models import Invitation, Membership, Project
from ..serializers import InvitationOut, MemberOut
from .common import (
    AlreadyInvited,
    AlreadyMember,
    InvitationForSomeoneElse,
    InvitationNotUsable,
    notify_member,
    require_assignable,
)


@transaction.atomic
def invitation_create(*, project: Project, actor, email: str, role: str) -> Invitation:
    email = email.strip().lower()
    require_assignable(actor=actor, project=project, current=None, new=role)
    if Membership.objects.filter(project=project, user__email__iexact=email).exists():
        raise AlreadyMember()
    # A pending invitation is never replaced silently (that changed its role and killed its
    # link): the caller is told, and resends or changes the role explicitly. An expired one is
    # closed and replaced.
    for pending in Invitation.objects.select_for_update().filter(
        project=project, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ):
        if pending.state == Invitation.State.PENDING:
            raise AlreadyInvited(details={"role": pending.role, "invitation_id": str(pending.pk)})
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

    # Only an account whose owner proved the address is matched (an unverified one may have
    # been registered by someone else): it gets the in-app notice and its language.
    invitee = User.objects.filter(email__iexact=invitation.email, email_verified=True, is_active=True).first()
    inviter = invitation.inviter
    reader = invitee or inviter
    link = f"{settings.FRONTEND_URL}/invitations/{invitation.token}"
    locale = reader.locale if reader else settings.LANGUAGE_CODE
    email_send_templated(
        to=invitation.email,
        template="invitation",
        locale=locale,
        context={
            "project": invitation.project.name,
            "inviter": inviter.display_name if inviter else "",
            "role": param_label("role", invitation.role, locale),  # its label, not the code
            "link": link,
            "expires_at": invitation.expires_at,
        },
    )
    if invitee:
        notify_member(
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
    require_assignable(actor=actor, project=invitation.project, current=None, new=invitation.role)
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
        raise NotFound()
    if invitation.state != "pending":
        raise InvitationNotUsable(invitation.state)
    if invitation.email.lower() != user.email.lower() or not user.email_verified:
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
        notify_member(
            invitation.inviter,
            project,
            "invitation.accepted",
            person=user.display_name,
        )
    return membership
