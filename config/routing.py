from django.urls import path, re_path

from apps.core.consumers import NotificationConsumer, UnknownStreamConsumer
from apps.feedbacks.consumers import ShareConsumer, VersionConsumer
from apps.monitoring.consumers import MonitoringConsumer
from apps.projects.consumers import ProjectConsumer

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    path("ws/projects/<uuid:project_id>/", ProjectConsumer.as_asgi()),
    path("ws/versions/<uuid:version_id>/", VersionConsumer.as_asgi()),
    path("ws/share/", ShareConsumer.as_asgi()),  # a share link's guest (ticket from share/{token}/ws-ticket/)
    path("ws/monitoring/", MonitoringConsumer.as_asgi()),
    # Any other path, in /ws/ or not: an unrouted path would be an exception inside the app.
    re_path(r"", UnknownStreamConsumer.as_asgi()),
]
