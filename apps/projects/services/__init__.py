"""Every write to projects, memberships, invitations and phases (a package: projects,
members, invitations, phases; `common` holds the errors and shared helpers). Each records an
Activity row and publishes the matching event on the project's stream after commit. Import
services from here."""

from ..activity import project_stream
from .common import (
    AlreadyInvited,
    AlreadyMember,
    InvitationForSomeoneElse,
    InvitationNotUsable,
    LastOwner,
    RoleNotAllowed,
)
from .invitations import invitation_accept, invitation_create, invitation_revoke
from .members import member_add, member_change_role, member_remove
from .phases import phase_create, phase_delete, phase_update, phases_reorder
from .projects import project_create, project_delete, project_transfer, project_update

__all__ = [
    "AlreadyInvited",
    "AlreadyMember",
    "InvitationForSomeoneElse",
    "InvitationNotUsable",
    "LastOwner",
    "RoleNotAllowed",
    "invitation_accept",
    "invitation_create",
    "invitation_revoke",
    "member_add",
    "member_change_role",
    "member_remove",
    "phase_create",
    "phase_delete",
    "phase_update",
    "phases_reorder",
    "project_create",
    "project_delete",
    "project_stream",
    "project_transfer",
    "project_update",
]
