"""The app's URLs plus baseline views that skip DRF, so a benchmark compares our endpoint with
the cheapest way to serve the same rows from the same process."""

from django.db.models import Exists, OuterRef, Q
from django.http import JsonResponse
from django.urls import path

from apps.feedbacks.models import CarriedFeedback, Feedback, Reaction
from apps.feedbacks.selectors import FEEDBACK_ROW_FIELDS, MENTION_ROW_FIELDS
from config.urls import urlpatterns as app_urlpatterns


def bare_feedback_page(request, version_id):
    """The rows the API's page shows, as they come from the database: 20 top-level comments
    (this version's own and unresolved ones carried over; deleted ones only while they have
    live replies) with the same columns, their live replies, and the mentions and reactions of
    all of them. No authentication, permissions, throttling, pagination or shaping."""
    carried = CarriedFeedback.objects.filter(version_id=version_id, feedback=OuterRef("pk"))
    live_replies = Feedback.objects.filter(parent=OuterRef("pk"), deleted_at__isnull=True)
    page = list(
        Feedback.objects.filter(
            Q(version_id=version_id) | Q(Exists(carried), resolved_at__isnull=True),
            Q(deleted_at__isnull=True) | Exists(live_replies),
            parent__isnull=True,
        )
        .order_by("seconds", "created_at", "id")
        .values(*FEEDBACK_ROW_FIELDS)[:20]
    )
    replies = list(
        Feedback.objects.filter(parent_id__in=[row["id"] for row in page], deleted_at__isnull=True)
        .order_by("created_at")
        .values(*FEEDBACK_ROW_FIELDS)
    )
    ids = [row["id"] for row in page + replies]
    mentions = Feedback.mentions.through.objects.filter(feedback_id__in=ids).values(*MENTION_ROW_FIELDS)
    reactions = Reaction.objects.filter(feedback_id__in=ids).values("feedback_id", "user_id", "emoji")
    return JsonResponse({"results": page, "replies": replies, "mentions": list(mentions), "reactions": list(reactions)})


NARROW_COLUMNS = ("id", "author_id", "body", "frame", "end_frame", "seconds", "internal", "resolved_at", "created_at")


def narrow_feedback_page(request, version_id):
    """The baseline up to commit a0eda12, kept for comparison: nine columns of this version's
    20 top-level comments and of their replies, without the people, mentions or reactions
    the API's page shows."""
    rows = list(
        Feedback.objects.filter(version_id=version_id, deleted_at__isnull=True, parent__isnull=True)
        .order_by("seconds", "created_at")
        .values(*NARROW_COLUMNS)[:20]
    )
    by_id = {row["id"]: {**row, "replies": []} for row in rows}
    replies = Feedback.objects.filter(parent_id__in=by_id, deleted_at__isnull=True).order_by("created_at")
    for reply in replies.values("parent_id", *NARROW_COLUMNS):
        by_id[reply.pop("parent_id")]["replies"].append(reply)
    return JsonResponse({"results": list(by_id.values())})


urlpatterns = [
    *app_urlpatterns,
    path("bench/bare-feedback/<uuid:version_id>/", bare_feedback_page),
    path("bench/narrow-feedback/<uuid:version_id>/", narrow_feedback_page),
]
