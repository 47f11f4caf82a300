from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Web analytics registers itself into monitoring (which imports none of it): its models
    (app_label "monitoring"), its routes (analytics/urls.py, included by config/urls.py),
    its Celery tasks (analytics/tasks.py, found by autodiscovery), the `analytics` alert
    source and the ingestion route's CORS."""

    name = "apps.monitoring.analytics"
    label = "analytics"
    verbose_name = "Web analytics"

    def ready(self):
        from . import cors, sources  # noqa: F401 — importing sources registers the alert source

        cors.connect()
