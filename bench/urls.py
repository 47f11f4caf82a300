"""The app's URLs plus baseline views that skip DRF, so a benchmark compares our endpoint with
the cheapest way to serve the same rows from the same process."""

from django.http import JsonResponse
from django.urls import path

from apps.feedbacks.models import Feedback
from config.urls import urlpatterns as app_urlpatterns

COLUMNS = ("id", "author_id", "body", "frame", "end_frame", "seconds", "internal", "resolved_at", "created_at")


def bare_feedback_page(request, version_id):
    """The rows the API's page shows: 20 top-level comments and their replies."""
    rows = list(
        Feedback.objects.filter(version_id=version_id, deleted_at__isnull=True, parent__isnull=True)
        .order_by("seconds", "created_at")
        .values(*COLUMNS)[:20]
    )
    by_id = {row["id"]: {**row, "replies": []} for row in rows}
    replies = Feedback.objects.filter(parent_id__in=by_id, deleted_at__isnull=True).order_by("created_at")
    for reply in replies.values("parent_id", *COLUMNS):
        by_id[reply.pop("parent_id")]["replies"].append(reply)
    return JsonResponse({"results": list(by_id.values())})


urlpatterns = [
    *app_urlpatterns,
    path("bench/bare-feedback/<uuid:version_id>/", bare_feedback_page),
]
