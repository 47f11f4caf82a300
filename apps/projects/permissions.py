"""The role policy of DESIGN §3 as data. Views, consumers, tasks and tests all use `can`."""

from rest_framework.exceptions import PermissionDenied

from .models import Membership, Project, Role

READ = "read"  # see the project, its assets, feedback and plans
COMMENT = "comment"  # comment, reply, react
UPLOAD = "upload"  # upload versions, create assets, run AI planning
RESOLVE = "resolve"  # resolve feedback, set a version's review status
MANAGE = "manage"  # invite, change roles (not above own), edit the project and phases
DELETE = "delete"  # delete or transfer the project
# See team-only (`internal`) comments, their replies, reactions, events and digest points,
# and (with COMMENT) write them. The reviewer is the client: internal notes are hidden from them.
VIEW_INTERNAL = "view_internal"
# See what everyone else watched of a version (review attention: heat strip, per-person share,
# what each decision was based on). Everyone sees their own; the client side (reviewers,
# viewers, guests) never sees anyone else's.
VIEW_ATTENTION = "view_attention"

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset({READ, COMMENT, UPLOAD, RESOLVE, MANAGE, DELETE, VIEW_INTERNAL, VIEW_ATTENTION}),
    Role.MANAGER: frozenset({READ, COMMENT, UPLOAD, RESOLVE, MANAGE, VIEW_INTERNAL, VIEW_ATTENTION}),
    Role.EDITOR: frozenset({READ, COMMENT, UPLOAD, RESOLVE, VIEW_INTERNAL, VIEW_ATTENTION}),
    Role.REVIEWER: frozenset({READ, COMMENT, RESOLVE}),
    Role.VIEWER: frozenset({READ, VIEW_INTERNAL}),
}

# Higher may act on lower: a manager grants at most manager and never touches an owner.
ROLE_RANK = {Role.VIEWER: 1, Role.REVIEWER: 2, Role.EDITOR: 3, Role.MANAGER: 4, Role.OWNER: 5}


def role_of(user, project: Project) -> str | None:
    if not user or not user.is_authenticated:
        return None
    cached = getattr(project, "_role_cache", {})
    if user.pk not in cached:
        cached[user.pk] = Membership.objects.filter(project=project, user=user).values_list("role", flat=True).first()
        project._role_cache = cached
    return cached[user.pk]


def roles_of(pairs: list[tuple]) -> dict[tuple, str]:
    """The current roles of (project_id, user_id) pairs of active users, in one query: the
    realtime streams re-check every forwarded event with it (batched)."""
    rows = Membership.objects.filter(
        project_id__in={project_id for project_id, _ in pairs},
        user_id__in={user_id for _, user_id in pairs},
        user__is_active=True,
    ).values_list("project_id", "user_id", "role")
    return {(project_id, user_id): role for project_id, user_id, role in rows}


def role_allows(role: str | None, action: str) -> bool:
    return role is not None and action in ROLE_ACTIONS[role]


def roles_allowed(action: str) -> list[str]:
    """The roles whose table allows `action` (for queries: `role__in=roles_allowed(...)`)."""
    return [str(role) for role, actions in ROLE_ACTIONS.items() if action in actions]


def can(user, action: str, project: Project) -> bool:
    return role_allows(role_of(user, project), action)


def members_who_can(project, action: str) -> list:
    """The users whose role in `project` (a Project or its pk) allows `action`, e.g. the
    managers to notify or ask for approval."""
    roles = [role for role, actions in ROLE_ACTIONS.items() if action in actions]
    project_id = getattr(project, "pk", project)
    rows = Membership.objects.filter(project_id=project_id, role__in=roles).select_related("user")
    return [m.user for m in rows]


def can_assign(actor_role: str | None, current_role: str | None, new_role: str | None) -> bool:
    """Whether someone with `actor_role` may move a member from `current_role` to
    `new_role` (None = not a member / removed)."""
    if not role_allows(actor_role, MANAGE):
        return False
    rank = ROLE_RANK[actor_role]
    return all(role is None or ROLE_RANK[role] <= rank for role in (current_role, new_role))


def require(user, action: str, project: Project) -> None:
    """For views: members whose role does not allow `action` get 403 (non-members were
    answered 404 by the scoped lookup already)."""
    if not can(user, action, project):
        raise PermissionDenied("Your role in this project does not allow this.")
