"""The `app` metric source: the built-in metrics (HTTP, WebSocket, Celery) and those upper
apps register (`register_app_metric`), read for alert rules and the API."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import redis
from django.conf import settings

from ..sources import MetricSource, Observation, register_source
from .celery_queues import celery_queues
from .http import http_series, http_window
from .websockets import ws_connections

logger = logging.getLogger("apps.monitoring.appmetrics")  # one logger name for the package

APP_METRICS: dict[str, str] = {
    "http.error_rate": "share of HTTP responses that were 5xx over the window, % (targets: route groups)",
    "http.p95_ms": "95th percentile HTTP response time over the window, ms (targets: route groups)",
    "http.requests": "HTTP requests over the window, count (targets: route groups)",
    "ws.connections": "open WebSocket connections, all processes (targets: endpoints)",
    "celery.queue_depth": "messages waiting in a Celery queue, count (targets: queues)",
    "celery.oldest_wait_s": "age of the oldest waiting message in a Celery queue, s (targets: queues)",
}


@dataclass(frozen=True)
class AppMetric:
    """A metric an upper app contributes: `observe(now, window_seconds)` returns
    (target, value, label) rows."""

    name: str
    description: str
    observe: Callable[[datetime, int], list[tuple[str, float, str]]]


_EXTRA: dict[str, AppMetric] = {}


def register_app_metric(metric: AppMetric) -> None:
    _EXTRA[metric.name] = metric


def app_values(metric: str, now: datetime) -> list[tuple[str, float, str]]:
    """(target, value, label) for one metric now. Raises redis.RedisError."""
    if metric in _EXTRA:
        return _EXTRA[metric].observe(now, settings.MONITORING_APP_WINDOW_SECONDS)
    if metric.startswith("http."):
        field = {"http.error_rate": "error_rate", "http.p95_ms": "p95_ms", "http.requests": "requests"}[metric]
        return [(group, float(row[field]), group) for group, row in http_window(now).items()]
    if metric == "ws.connections":
        return [(endpoint, float(n), endpoint) for endpoint, n in ws_connections().items()]
    if metric.startswith("celery."):
        field = {"celery.queue_depth": "depth", "celery.oldest_wait_s": "oldest_wait_s"}[metric]
        return [(queue, float(row[field]), queue) for queue, row in celery_queues(now).items()]
    return []


def app_snapshot(now: datetime) -> dict[str, list[dict]]:
    """Every app metric now, per target (for the API); a metric whose store is unreachable
    is an empty list."""
    out = {}
    for metric in sorted(AppSource().metrics()):
        try:
            rows = app_values(metric, now)
        except redis.RedisError:
            rows = []
        out[metric] = [{"target": target, "value": value} for target, value, _label in rows]
    return out


def app_http_series(now: datetime) -> list[dict]:
    """`http_series` for the API: per minute, per route group; empty when Redis is away."""
    try:
        return http_series(now)
    except redis.RedisError:
        return []


class AppSource(MetricSource):
    name = "app"
    selector_keys = frozenset({"targets"})

    def metrics(self) -> dict[str, str]:
        return {**APP_METRICS, **{name: metric.description for name, metric in _EXTRA.items()}}

    def observe(self, rule, now: datetime) -> list[Observation]:
        from ..models import Alert

        try:
            rows = app_values(rule.metric, now)
        except redis.RedisError as exc:
            logger.warning("App metric %s unreadable: %s", rule.metric, exc)
            return []  # no fresh value: open alerts stay as they are
        wanted = {str(t) for t in (rule.host_selector or {}).get("targets") or []}
        values = {target: (value, label) for target, value, label in rows if not wanted or target in wanted}
        # A watched target without data (no traffic in the window, a process gone) is 0, so
        # its open alert resolves.
        still_open = set(
            Alert.objects.filter(rule=rule, status__in=["pending", "firing"]).values_list("target", flat=True)
        )
        for target in (wanted | still_open) - set(values):
            values[target] = (0.0, target)
        return [
            Observation(target=target, value=value, label=label) for target, (value, label) in sorted(values.items())
        ]


register_source(AppSource())
