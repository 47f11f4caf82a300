"""What the projects services share: their errors, the role check, the membership lock
and the member notification."""

from apps.core.errors import Conflict, DomainError
from apps.core.notify import notify

from .. import permissions
from ..models import Project


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


class AlreadyInvited(Conflict):
    """A pending invitation exists: the caller resends or changes it explicitly (revoke, then
    invite again); details carry its role and id."""

    code = "already_invited"
    message = "This e-mail address already has a pending invitation."


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


class InvitationForSomeoneElse(DomainError):
    code = "invitation_email_mismatch"
    status_code = 403
    message = "This invitation was sent to a different email address."


def require_assignable(*, actor, project: Project, current: str | None, new: str | None) -> None:
    if not permissions.can_assign(permissions.role_of(actor, project), current, new):
        raise RoleNotAllowed()


def lock_memberships(project: Project) -> None:
    """Role changes and removals of one project run one at a time (the project row is the
    lock). Otherwise two owners demoting themselves at once each lock their own row, then
    wait for the other's in the owner check: a deadlock (500) instead of `last_owner`."""
    list(Project.objects.select_for_update().filter(pk=project.pk).values_list("pk", flat=True))


def notify_member(user, project: Project, key: str, url: str = "", **params) -> None:
    notify(
        user,
        key=key,
        params={"project": project.name, **params},
        url=url or f"/projects/{project.pk}",
        data={"project_id": str(project.pk)},
    )
