"""Reads scoped by project membership (an id from a project the caller is not in is simply
not found) and prefetched so that lists cost the same number of queries at any page size."""

import functools
from typing import Any, TypeVar
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from apps.projects import permissions
from apps.projects.models import Membership, Project

from .models import Asset, CarriedFeedback, Feedback, Reaction, ReviewDecision, ShareLink, Upload, Version

# Comments as model instances or as values() rows: _listed_on filters either and keeps its kind.
_FeedbackQS = TypeVar("_FeedbackQS", bound=QuerySet[Feedback, Any])


def _member_of(user, project_path: str) -> Q:
    # A join, not EXISTS: one membership per project and user, and the subquery cost more
    # to build and compile than the rest of a scoped lookup (profiled on the feedback list).
    return Q(**{f"{project_path}__memberships__user_id": user.pk})


def _internal_visible(user, project_path: str, *, feedback_path: str = "") -> Q:
    """Team-only (`internal`) comments only for a reader whose role has VIEW_INTERNAL (not the
    reviewer, who is the client). Put it in the same filter() call as `_member_of(user,
    project_path)`: Django then reads the role from that same membership row (one join)."""
    return Q(**{f"{feedback_path}internal": False}) | Q(
        **{
            f"{project_path}__memberships__user_id": user.pk,
            f"{project_path}__memberships__role__in": permissions.roles_allowed(permissions.VIEW_INTERNAL),
        }
    )


def _internal_visible_alone(user, project_path: str, *, feedback_path: str = "") -> Q:
    """`_internal_visible` for a query without the membership join (a subquery, a prefetch):
    the role through EXISTS, so rows are not repeated per member."""
    allowed = Membership.objects.filter(
        user_id=user.pk,
        role__in=permissions.roles_allowed(permissions.VIEW_INTERNAL),
        project_id=OuterRef(f"{project_path}_id"),
    )
    return Q(**{f"{feedback_path}internal": False}) | Q(Exists(allowed))


def _arrived_versions() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=Version.objects.exclude(status=Version.Status.UPLOADING).order_by("-number"),
        to_attr="arrived_versions",
    )


# --- assets -------------------------------------------------------------------------------


def assets_of(*, project: Project) -> QuerySet[Asset]:
    return (
        Asset.objects.filter(project=project)
        .select_related("created_by")
        .prefetch_related(_arrived_versions())
        .order_by("order", "created_at")
    )


def asset_for_user(*, user, asset_id) -> Asset:
    qs = Asset.objects.filter(_member_of(user, "project")).select_related("project", "created_by")
    return get_object_or_404(qs.prefetch_related(_arrived_versions()), pk=asset_id)


# --- versions -----------------------------------------------------------------------------


def _count(qs) -> Coalesce:
    return Coalesce(Subquery(qs.order_by().values("version").annotate(n=Count("pk")).values("n")[:1]), 0)


def _visible_versions(user) -> QuerySet[Version]:
    return Version.objects.filter(
        _member_of(user, "asset__project"),
        # A version still uploading is its uploader's business until it arrives.
        ~Q(status=Version.Status.UPLOADING) | Q(uploaded_by=user),
    )


def _versions(user) -> QuerySet[Version]:
    # The badge counts what the reader may see: no internal notes for a reviewer.
    open_own = Feedback.objects.filter(
        _internal_visible_alone(user, "version__asset__project"),
        version=OuterRef("pk"),
        parent__isnull=True,
        resolved_at__isnull=True,
        deleted_at__isnull=True,
    )
    open_carried = CarriedFeedback.objects.filter(
        _internal_visible_alone(user, "version__asset__project", feedback_path="feedback__"),
        version=OuterRef("pk"),
        feedback__resolved_at__isnull=True,
        feedback__deleted_at__isnull=True,
    )
    return (
        _visible_versions(user)
        .select_related("asset__project", "uploaded_by")
        .prefetch_related(
            "required_reviewers",
            Prefetch("decisions", queryset=ReviewDecision.objects.select_related("reviewer").order_by("created_at")),
        )
        .annotate(open_feedback_count=_count(open_own) + _count(open_carried))
    )


def versions_of(*, asset: Asset, user) -> QuerySet[Version]:
    return _versions(user).filter(asset=asset).order_by("-number")


def version_for_user(*, user, version_id) -> Version:
    return get_object_or_404(_versions(user), pk=version_id)


def version_reader_role(*, user, version_id) -> str | None:
    """The caller's role in the project of a version they may see (None: not found for them),
    in one query: the scope of `version_for_user` for the feedback list, which also needs to
    know whether the reader sees internal notes."""
    # values_list() reuses the membership join of _member_of: the caller's own row.
    rows = _visible_versions(user).filter(pk=version_id).values_list("asset__project__memberships__role", flat=True)
    return rows.first()


def sees_internal(role: str | None) -> bool:
    return permissions.role_allows(role, permissions.VIEW_INTERNAL)


def version_ref_for_user(*, user, version_id) -> Version:
    """The same scope as `version_for_user` without the review details and feedback counts:
    for routes that only need the version and its project (posting feedback, one query)."""
    return get_object_or_404(_visible_versions(user).select_related("asset__project"), pk=version_id)


# --- uploads ------------------------------------------------------------------------------


def upload_for_user(*, user, upload_id) -> Upload:
    qs = Upload.objects.filter(_member_of(user, "asset__project")).select_related("asset__project", "version")
    return get_object_or_404(qs, pk=upload_id)


# --- feedback -----------------------------------------------------------------------------


def _with_details(qs: QuerySet[Feedback], replies: QuerySet[Feedback]) -> QuerySet[Feedback]:
    reply_qs = replies.select_related("author", "resolved_by", "version").prefetch_related("mentions", "reactions")
    return qs.select_related("author", "resolved_by", "version").prefetch_related(
        "mentions", "reactions", Prefetch("replies", queryset=reply_qs.order_by("created_at"))
    )


def feedback_for_user(*, user, feedback_id) -> Feedback:
    """A comment of a project the caller is in; an internal one (and internal replies) only for
    roles that see internal notes: to a reviewer it does not exist (404)."""
    project = "version__asset__project"
    qs = Feedback.objects.filter(_member_of(user, project), _internal_visible(user, project)).select_related(
        "version__asset__project", "parent"
    )
    replies = Feedback.objects.filter(_internal_visible_alone(user, project), deleted_at__isnull=True)
    return get_object_or_404(_with_details(qs, replies), pk=feedback_id)


def _listed_on(
    base: _FeedbackQS,
    *,
    version: Version | UUID,  # the model, or its id (the row path has only the id)
    resolved: bool | None = None,
    author_id=None,
    internal: bool | None = None,
    has_annotation: bool | None = None,
    include_internal: bool = True,
    frames: tuple[int, int] | None = None,
) -> _FeedbackQS:
    carried = CarriedFeedback.objects.filter(version=version, feedback=OuterRef("pk"))
    live_replies = Feedback.objects.filter(parent=OuterRef("pk"), deleted_at__isnull=True)
    if not include_internal:  # a deleted comment kept only by internal replies is not listed
        live_replies = live_replies.filter(internal=False)
    conditions = [
        Q(version=version) | Q(Exists(carried), resolved_at__isnull=True),
        Q(deleted_at__isnull=True) | Exists(live_replies),
    ]
    if resolved is not None:
        conditions.append(Q(resolved_at__isnull=not resolved))
    if author_id is not None:
        conditions.append(Q(author_id=author_id))
    if internal is not None:
        conditions.append(Q(internal=internal))
    if not include_internal:
        conditions.append(Q(internal=False))
    if has_annotation is not None:
        conditions.append(Q(annotation__isnull=not has_annotation))
    if frames is not None:
        # A shot's range on the version (end exclusive): the comments it holds.
        conditions.append(Q(frame__gte=frames[0], frame__lt=frames[1]))
    # One filter() call: each call clones the query built so far (this is the list's hot path).
    return base.filter(*conditions, parent__isnull=True).order_by("seconds", "created_at", "id")


def feedback_on_version(*, version: Version, include_internal: bool, **filters) -> QuerySet[Feedback]:
    """Top-level feedback listed on a version: its own, plus unresolved feedback carried over
    from earlier versions; deleted comments only while they still have live replies. Ordered
    by timecode. Replies come prefetched. Filters: `resolved`, `author_id`, `internal`,
    `has_annotation` (None: either), `frames` ((start, end) of a shot, end exclusive).
    `include_internal`: whether the reader sees internal notes (`sees_internal(role)`);
    without it, internal comments and replies are left out."""
    listed = _listed_on(Feedback.objects.all(), version=version, include_internal=include_internal, **filters)
    replies = Feedback.objects.filter(deleted_at__isnull=True)
    if not include_internal:
        replies = replies.filter(internal=False)
    return _with_details(listed, replies)


# What FeedbackOut shows of a comment, its version and the people on it, as values() names.
FEEDBACK_ROW_FIELDS = (
    *("id", "version_id", "version__number", "parent_id", "guest_name", "body", "frame", "end_frame", "fps"),
    *("seconds", "annotation", "internal", "urgent", "triage", "resolved_at", "edited_at", "deleted_at"),
    *("created_at", "updated_at", "author_id", "author__email", "author__display_name", "author__avatar"),
    *("resolved_by_id", "resolved_by__email", "resolved_by__display_name", "resolved_by__avatar"),
)
MENTION_ROW_FIELDS = ("feedback_id", "user_id", "user__email", "user__display_name", "user__avatar")


@functools.cache
def _row_querysets() -> tuple[QuerySet[Feedback, dict[str, Any]], QuerySet[Any, dict[str, Any]]]:
    # values() resolves every field path (and its joins) when called, a good part of these
    # queries' cost: done once, each use clones the result.
    return (
        Feedback.objects.values(*FEEDBACK_ROW_FIELDS),
        Feedback.mentions.through.objects.values(*MENTION_ROW_FIELDS),
    )


def feedback_rows_on_version(*, version_id, include_internal: bool, **filters) -> QuerySet[Feedback, dict[str, Any]]:
    """`feedback_on_version` as plain rows (values() of FEEDBACK_ROW_FIELDS) for the list,
    which would otherwise spend most of its time building model instances; give a page of
    them its replies, mentions and reactions with `feedback_rows_add_details`. The caller
    checks the version is visible (`version_reader_role`) and passes `include_internal`."""
    return _listed_on(_row_querysets()[0], version=version_id, include_internal=include_internal, **filters)


def feedback_rows_add_details(rows: list[dict], *, include_internal: bool) -> None:
    """Adds to each row `replies` (its live replies, oldest first, as rows) and to each row
    and reply `mentions` (rows of MENTION_ROW_FIELDS by email) and `reactions` ((user_id,
    emoji) oldest first): three queries whatever the number of rows."""
    feedback_rows, mention_rows = _row_querysets()
    for row in rows:
        row["replies"] = []
    by_id = {row["id"]: row for row in rows}
    reply_rows = feedback_rows.filter(parent_id__in=by_id, deleted_at__isnull=True)
    if not include_internal:
        reply_rows = reply_rows.filter(internal=False)
    replies = list(reply_rows.order_by("created_at"))
    for reply in replies:
        reply["replies"] = []
        by_id[reply["parent_id"]]["replies"].append(reply)
        by_id[reply["id"]] = reply
    for row in by_id.values():
        row["mentions"], row["reactions"] = [], []
    for mention in mention_rows.filter(feedback_id__in=by_id).order_by("user__email"):
        by_id[mention["feedback_id"]]["mentions"].append(mention)
    reactions = Reaction.objects.filter(feedback_id__in=by_id).order_by("created_at")
    for feedback_id, user_id, emoji in reactions.values_list("feedback_id", "user_id", "emoji"):
        by_id[feedback_id]["reactions"].append((user_id, emoji))


def feedback_for_guest(*, version: Version) -> QuerySet[Feedback]:
    """What a share-link guest sees: the version's own comments and the still-open ones carried
    over from earlier versions, never internal ones (nor internal replies)."""
    return feedback_on_version(version=version, include_internal=False)


# --- share links --------------------------------------------------------------------------


def share_links_of(*, version: Version) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(version=version).select_related("created_by").order_by("-created_at")


def share_link_for_user(*, user, link_id) -> ShareLink:
    qs = ShareLink.objects.filter(_member_of(user, "version__asset__project")).select_related(
        "version__asset__project", "created_by"
    )
    return get_object_or_404(qs, pk=link_id)
