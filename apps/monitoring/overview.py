"""The console's overview: one snapshot of everything an operator checks first — hosts with
their newest CPU / memory / disk and a short history for sparklines, firing alerts by
severity, HTTP error rate and p95, open sockets, Celery queues, AI cost this month against
budget with the month-end forecast, and analytics ingestion health.

Few reads: the hosts and their latest sample (Redis, database fallback), one query for the
sparkline history, one aggregate and one short list for alerts, the `app` source's Redis
reads (HTTP buckets, socket counts, broker queues), the `ai` source's forecasts (registered
by apps.ai_planning, so monitoring imports none of it) and the overview sections other
packages register here — analytics registers its ingestion health from its AppConfig.ready().
A part whose store is unreachable or whose app is not installed is `None` (the console says
"unavailable"), never an error for the whole page."""

from collections.abc import Callable
from datetime import datetime, timedelta

import redis
from django.conf import settings
from django.db.models import Count, Q

from . import appmetrics, selectors
from .models import Alert, MetricPoint, Severity
from .sources import source_forecasts, source_get

HISTORY_MINUTES = 30
SPARK_METRICS = {"cpu.percent": "cpu", "mem.percent": "mem", "disk.percent": "disk"}
TOP_ALERTS = 5

# key → build(now) returning the section's dict (or None when it has no data to give).
_SECTIONS: dict[str, Callable[[datetime], dict | None]] = {}


def register_overview_section(key: str, build: Callable[[datetime], dict | None]) -> None:
    _SECTIONS[key] = build


def _section(key: str, now: datetime) -> dict | None:
    build = _SECTIONS.get(key)
    return build(now) if build is not None else None


def _fold(metric: str, value) -> float | None:
    """A per-mount metric (disk) is its fullest mount: the worst case decides."""
    if isinstance(value, dict):
        numbers = [v for v in value.values() if isinstance(v, int | float)]
        return max(numbers) if numbers else None
    return value if isinstance(value, int | float) else None


def _hosts(now: datetime) -> list[dict]:
    hosts, status, latest = selectors.hosts_with_latest(now=now)
    since = now - timedelta(minutes=HISTORY_MINUTES)
    history: dict = {}
    rows = (
        MetricPoint.objects.filter(host__in=hosts, metric__in=list(SPARK_METRICS), ts__gte=since, ts__lte=now)
        .order_by("ts")
        .values_list("host_id", "ts", "metric", "value")
    )
    for host_id, ts, metric, value in rows:
        point = history.setdefault(host_id, {}).setdefault(ts, {"ts": ts, "cpu": None, "mem": None, "disk": None})
        key = SPARK_METRICS[metric]
        point[key] = value if point[key] is None else max(point[key], value)  # the fullest mount
    out = []
    for host in hosts:
        metrics = (latest.get(str(host.pk)) or {}).get("metrics") or {}
        points = list(history.get(host.pk, {}).values())
        newest = points[-1] if points else {}
        out.append(
            {
                "id": host.pk,
                "name": host.name,
                "display_name": host.display_name,
                "status": status.get(str(host.pk), "unknown"),
                "last_seen_at": host.last_seen_at,
                # The live copy, else (expired from Redis) the newest point of the history.
                **{
                    f"{key}_percent": _fold(metric, metrics.get(metric)) if metric in metrics else newest.get(key)
                    for metric, key in SPARK_METRICS.items()
                },
                "history": points,
            }
        )
    return out


def _alerts() -> dict:
    open_alerts = Alert.objects.filter(status__in=[Alert.Status.PENDING, Alert.Status.FIRING])
    counts = open_alerts.aggregate(
        pending=Count("id", filter=Q(status=Alert.Status.PENDING)),
        **{
            severity: Count("id", filter=Q(status=Alert.Status.FIRING, severity=severity))
            for severity in Severity.values
        },
    )
    firing = {severity: counts[severity] for severity in Severity.values}
    top = (
        open_alerts.filter(status=Alert.Status.FIRING)
        .select_related("rule", "host")
        .order_by("-started_at", "-created_at")[:TOP_ALERTS]
    )
    return {
        "firing": firing,
        "firing_total": sum(firing.values()),
        "pending": counts["pending"],
        "top": [
            {
                "id": alert.pk,
                "rule": alert.rule.name,
                "target": (alert.host.name if alert.host else "") or alert.target_label or alert.target,
                "severity": alert.severity,
                "started_at": alert.started_at,
                "value": alert.value,
            }
            for alert in top
        ],
    }


def _http(now: datetime) -> dict | None:
    try:
        groups = appmetrics.http_window(now)
    except redis.RedisError:
        return None
    requests = sum(row["requests"] for row in groups.values())
    errors = sum(row["errors"] for row in groups.values())
    busiest = [row for row in groups.values() if row["requests"]]
    return {
        "requests": requests,
        "errors": errors,
        "error_rate": round(errors / requests * 100, 2) if requests else 0.0,
        # The slowest route group's p95: the number an operator acts on.
        "p95_ms": max((row["p95_ms"] for row in busiest), default=0.0),
        "groups": [{"group": group, **row} for group, row in groups.items()],
    }


def _sockets() -> dict | None:
    try:
        endpoints = appmetrics.ws_connections()
    except redis.RedisError:
        return None
    return {
        "total": sum(endpoints.values()),
        "endpoints": [{"endpoint": name, "connections": n} for name, n in endpoints.items()],
    }


def _queues(now: datetime) -> list[dict] | None:
    try:
        queues = appmetrics.celery_queues(now)
    except redis.RedisError:
        return None
    return [{"queue": queue, **row} for queue, row in queues.items()]


def _ai_cost(now: datetime) -> dict | None:
    """Month-to-date AI spend over every project with spend, against the sum of their
    budgets, and the straight-line month-end forecast (the `ai` source's rows)."""
    if source_get("ai") is None:
        return None
    rows = source_forecasts("ai", now=now)
    spent = round(sum(row["month_to_date_usd"] for row in rows), 6)
    budget = round(sum(row["budget_usd"] for row in rows), 6)
    return {
        "month": now.strftime("%Y-%m"),
        "month_to_date_usd": spent,
        "forecast_usd": round(sum(row["forecast_usd"] for row in rows), 6),
        "budget_usd": budget,
        "budget_used_percent": round(spent / budget * 100, 2) if budget else 0.0,
        "projects": len(rows),
        "projects_over_budget": sum(1 for row in rows if row["forecast_over_budget"]),
    }


def overview_snapshot(*, now: datetime) -> dict:
    return {
        "at": now,
        "window_seconds": settings.MONITORING_APP_WINDOW_SECONDS,
        "history_minutes": HISTORY_MINUTES,
        "hosts": _hosts(now),
        "alerts": _alerts(),
        "http": _http(now),
        "sockets": _sockets(),
        "queues": _queues(now),
        "ai_cost": _ai_cost(now),
        "analytics": _section("analytics", now),
    }
