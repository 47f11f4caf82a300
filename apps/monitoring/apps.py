from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "apps.monitoring"
    label = "monitoring"

    def ready(self):
        from apps.core.ws import signals as ws_signals

        from . import metrics, signals  # noqa: F401 — Celery signal handlers

        ws_signals.ws_connected.connect(_ws_opened, dispatch_uid="monitoring-ws-opened")
        ws_signals.ws_disconnected.connect(_ws_closed, dispatch_uid="monitoring-ws-closed")


def _ws_opened(sender, stream: str = "", **kwargs):
    from .metrics import ws_connected

    ws_connected(stream.split(":", 1)[0], 1)


def _ws_closed(sender, stream: str = "", **kwargs):
    from .metrics import ws_connected

    ws_connected(stream.split(":", 1)[0], -1)
