from django.apps import AppConfig

from apps.core.labels import label as bilingual  # `label` is the app label below


class MonitoringConfig(AppConfig):
    name = "apps.monitoring"
    label = "monitoring"
    verbose_name = bilingual("Monitoring", "모니터링")

    def ready(self):
        from celery.signals import before_task_publish
        from django.core.signals import got_request_exception

        from apps.core import signals as core_signals
        from apps.core.ws import signals as ws_signals

        from . import appmetrics, metrics, signals  # noqa: F401 — Celery signal handlers; the `app` source
        from .services import server_errors

        ws_signals.ws_connected.connect(_ws_opened, dispatch_uid="monitoring-ws-opened")
        ws_signals.ws_disconnected.connect(_ws_closed, dispatch_uid="monitoring-ws-closed")
        # The `app` alert source: when a task message left (its wait in the queue).
        before_task_publish.connect(appmetrics.stamp_published, dispatch_uid="monitoring-publish-stamp", weak=False)
        # Unhandled server errors (the API's envelope middleware, or Django's handler
        # elsewhere) notify staff in-app when there is no Sentry.
        core_signals.unhandled_error.connect(server_errors.on_unhandled_error, dispatch_uid="monitoring-server-error")
        got_request_exception.connect(server_errors.on_request_exception, dispatch_uid="monitoring-request-exception")


def _ws_opened(sender, stream: str = "", **kwargs):
    from .appmetrics import ws_changed
    from .metrics import ws_connected

    ws_connected(stream.split(":", 1)[0], 1)
    ws_changed(stream.split(":", 1)[0], 1)


def _ws_closed(sender, stream: str = "", **kwargs):
    from .appmetrics import ws_changed
    from .metrics import ws_connected

    ws_connected(stream.split(":", 1)[0], -1)
    ws_changed(stream.split(":", 1)[0], -1)
