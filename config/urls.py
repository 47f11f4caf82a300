from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from apps.core.api.health import healthz, readyz
from apps.core.media import media_prefix, serve_media
from apps.monitoring.api.metrics_view import metrics_view

api_v1 = [
    path("", include("apps.users.api.urls")),
    path("", include("apps.core.api.urls")),
    path("", include("apps.projects.api.urls")),
    path("", include("apps.feedbacks.api.urls")),
    path("", include("apps.monitoring.api.urls")),
    path("", include("apps.monitoring.analytics.urls")),  # registered by analytics, not monitoring
    path("", include("apps.ai_planning.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
]

# Embedded mode keeps uploads on local disk: served to signed, expiring URLs only (like S3
# presigned GETs), with Range so video seeks. Always routed: the view itself serves nothing
# once a bucket is configured, read per request rather than when this module is first
# imported (tests switch storage per test; an import-time choice stuck for the process).
urlpatterns += [re_path(rf"^{media_prefix()}(?P<path>.+)$", serve_media, name="media")]

handler400 = "apps.core.errors.handler400"
handler403 = "apps.core.errors.handler403"
handler404 = "apps.core.errors.handler404"
handler500 = "apps.core.errors.handler500"
