"""The app's URLs plus baseline views that skip DRF, so a benchmark compares our endpoint with
the cheapest way to serve the same rows from the same process."""

from django.http import JsonResponse
from django.urls import path

from apps.feedbacks.models import Feedback
from config.urls import urlpatterns as app_urlpatterns


def bare_feedback_page(request, version_id):
    rows = list(
        Feedback.objects.filter(version_id=version_id, deleted_at__isnull=True, parent__isnull=True)
        .order_by("seconds", "created_at")
        .values("id", "author_id", "body", "frame", "end_frame", "seconds", "internal", "resolved_at", "created_at")[
            :20
        ]
    )
    return JsonResponse({"results": rows})


urlpatterns = [
    *app_urlpatterns,
    path("bench/bare-feedback/<uuid:version_id>/", bare_feedback_page),
]
