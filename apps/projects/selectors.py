"""Reads scoped by membership: an id from a project the caller is not in is simply not found."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from apps.core.selectors import nulls_last

from .models import Activity, Invitation, Membership, Phase, Project


def projects_for_user(*, user) -> QuerySet[Project]:
    mine = Membership.objects.filter(project=OuterRef("pk"), user=user)
    # Exists, not a join on memberships: filtering that join to the caller would make the
    # Count below count only the caller's own membership.
    return (
        Project.objects.filter(Exists(mine))
        .select_related("owner")
        .annotate(my_role=Subquery(mine.values("role")[:1]), member_count=Count("memberships", distinct=True))
    )


def project_search(*, user, status: str | None = None, q: str | None = None, ordering: str | None = None):
    qs = projects_for_user(user=user)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(description__icontains=q))
    return qs.order_by(*nulls_last(ordering or "-updated_at", "-created_at"))


def project_for_user(*, user, project_id) -> Project:
    return get_object_or_404(projects_for_user(user=user), pk=project_id)


def members_of(*, project: Project) -> QuerySet[Membership]:
    return Membership.objects.filter(project=project).select_related("user").order_by("created_at")


def membership_in(*, project: Project, user_id) -> Membership:
    return get_object_or_404(members_of(project=project), user_id=user_id)


def invitations_of(*, project: Project) -> QuerySet[Invitation]:
    return Invitation.objects.filter(project=project).select_related("inviter").order_by("-created_at")


def phases_of(*, project: Project) -> QuerySet[Phase]:
    return Phase.objects.filter(project=project).order_by("order")


def phase_for_user(*, user, phase_id) -> Phase:
    return get_object_or_404(
        Phase.objects.select_related("project").filter(project__memberships__user=user), pk=phase_id
    )


def activity_of(*, project: Project, include_internal: bool) -> QuerySet[Activity]:
    """The timeline; without `include_internal` (a reviewer) no entry about an internal
    comment (their `data.internal`, kept current when a comment turns internal)."""
    qs = Activity.objects.filter(project=project).select_related("actor")
    return qs if include_internal else qs.exclude(data__internal=True)


def is_member(*, user_id, project_id) -> bool:
    return Membership.objects.filter(user_id=user_id, project_id=project_id).exists()
