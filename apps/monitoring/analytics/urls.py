from django.urls import path

from . import views

urlpatterns = [
    # web analytics (ANALYTICS_API.md); the tracker posts with or without the slash
    path("monitoring/events", views.events_ingest_view, name="monitoring-events-noslash"),
    path("monitoring/events/", views.events_ingest_view, name="monitoring-events"),
    path("monitoring/sites/", views.SiteListCreate.as_view(), name="monitoring-sites"),
    path("monitoring/sites/<uuid:pk>/", views.SiteDetail.as_view(), name="monitoring-site"),
    path("monitoring/sites/<uuid:pk>/rotate-key/", views.SiteRotateKey.as_view(), name="monitoring-site-rotate-key"),
    path("monitoring/sessions/active/", views.ActiveSessions.as_view(), name="monitoring-sessions-active"),
    path("monitoring/analytics/", views.Analytics.as_view(), name="monitoring-analytics"),
]
