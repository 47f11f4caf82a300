from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Web analytics registers itself into monitoring (which imports none of it): its models
    (app_label "monitoring"), its routes (analytics/urls.py, included by config/urls.py),
    its Celery tasks (analytics/tasks.py, found by autodiscovery), the `analytics` alert
    source, its operations-report section, its console-overview section (ingestion health)
    and the ingestion route's CORS."""

    name = "apps.monitoring.analytics"
    label = "analytics"
    verbose_name = "Web analytics"

    def ready(self):
        from ..overview import register_overview_section
        from ..report_sections import register_report_section
        from . import cors, health, sources  # noqa: F401 — importing sources registers the alert source
        from .report_section import ANALYTICS_REPORT_SECTION

        cors.connect()
        register_report_section(ANALYTICS_REPORT_SECTION)
        register_overview_section("analytics", health.ingestion_overview)
