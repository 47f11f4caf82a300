"""Reads: hosts with their latest sample, metric series at the right resolution, alerts,
rules, task runs and queue lengths."""

from datetime import datetime, timedelta

import redis
from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from apps.core.errors import DomainError
from apps.core.redis_clients import redis_client

from . import live
from .models import Alert, AlertRule, Host, MetricPoint, MetricRollup, Resolution, TaskRun
from .services.samples import hosts_status, sample_to_wire


class RangeTooLarge(DomainError):
    code = "range_too_large"
    status_code = 422
    message = "This range has too many raw points; ask for hour or day resolution."


def hosts_with_latest(*, now: datetime | None = None) -> tuple[list[Host], dict, dict]:
    """Hosts, their up/down status and latest sample: from Redis, or rebuilt from the
    database (the rows at each host's last_seen_at) when Redis is down."""
    hosts = list(Host.objects.order_by("name"))
    latest = live.latest_many([h.pk for h in hosts])
    if latest is None:
        latest = {}
        rows = MetricPoint.objects.filter(
            host__in=hosts, ts__in=[h.last_seen_at for h in hosts if h.last_seen_at]
        ).values_list("host_id", "ts", "metric", "labels", "value")
        by_host: dict = {}
        for host_id, ts, metric, labels, value in rows:
            by_host.setdefault(host_id, []).append((ts, metric, labels, value))
        for host in hosts:
            seen = host.last_seen_at
            if seen is None:  # no sample yet, so none to show
                continue
            values = [(m, lab, v) for ts, m, lab, v in by_host.get(host.pk, []) if ts == seen]
            if values:
                latest[str(host.pk)] = sample_to_wire(host=host, ts=seen, values=values)
    return hosts, hosts_status(hosts, now), latest


def resolution_for(*, start: datetime, end: datetime, now: datetime | None = None) -> str:
    """raw up to a day (and only inside raw retention), hourly up to 92 days, daily beyond:
    a 30-day chart reads ~720 hourly rows per series, never the raw table."""
    now = now or timezone.now()
    span = end - start
    raw_kept = now - timedelta(days=settings.MONITORING_RETENTION_DAYS["raw"])
    if span <= timedelta(days=1) and start >= raw_kept:
        return Resolution.RAW
    if span <= timedelta(days=92):
        return Resolution.HOUR
    return Resolution.DAY


def metric_series(
    *, host: Host, metric: str, start: datetime, end: datetime, resolution: str | None = None, labels: str | None = None
) -> dict:
    chosen = resolution or resolution_for(start=start, end=end)
    if chosen == Resolution.RAW and end - start > timedelta(days=2):
        raise RangeTooLarge(details={"resolution": ["raw is limited to 2 days; use hour or day."]})
    series: dict[str, list] = {}
    if chosen == Resolution.RAW:
        rows = MetricPoint.objects.filter(host=host, metric=metric, ts__gte=start, ts__lte=end)
        if labels is not None:
            rows = rows.filter(labels=labels)
        for lab, ts, value in rows.order_by("labels", "ts").values_list("labels", "ts", "value"):
            series.setdefault(lab, []).append({"ts": ts, "value": value})
    else:
        rollups = MetricRollup.objects.filter(
            resolution=chosen, host=host, metric=metric, bucket__gte=start, bucket__lte=end
        )
        if labels is not None:
            rollups = rollups.filter(labels=labels)
        for lab, bucket, avg, low, high, p95, count in rollups.order_by("labels", "bucket").values_list(
            "labels", "bucket", "avg", "min", "max", "p95", "count"
        ):
            series.setdefault(lab, []).append(
                {"ts": bucket, "value": avg, "min": low, "max": high, "p95": p95, "count": count}
            )
    return {
        "host": {"id": str(host.pk), "name": host.name},
        "metric": metric,
        "resolution": chosen,
        "from": start,
        "to": end,
        "series": [{"labels": lab, "points": points} for lab, points in series.items()],
    }


def alerts_list(*, status: str | None = None, severity: str | None = None, host_id=None, rule_id=None) -> QuerySet:
    """Firing first, then pending, then resolved; newest first within each."""
    qs = Alert.objects.select_related("rule", "host", "acknowledged_by").annotate(
        status_rank=Case(
            When(status=Alert.Status.FIRING, then=Value(0)),
            When(status=Alert.Status.PENDING, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )
    if status == "open":
        qs = qs.filter(status__in=[Alert.Status.PENDING, Alert.Status.FIRING])
    elif status:
        qs = qs.filter(status=status)
    if severity:
        qs = qs.filter(severity=severity)
    if host_id:
        qs = qs.filter(host_id=host_id)
    if rule_id:
        qs = qs.filter(rule_id=rule_id)
    return qs.order_by("status_rank", "-created_at", "-id")


def rules_list() -> QuerySet:
    return (
        AlertRule.objects.prefetch_related("channels")
        .annotate(open_alerts=Count("alerts", filter=Q(alerts__status__in=["pending", "firing"]), distinct=True))
        .order_by("name", "id")
    )


def queue_lengths() -> dict[str, int] | None:
    try:
        with redis_client(settings.CELERY_BROKER_URL) as client:
            out = {queue: int(client.llen(queue)) for queue in settings.MONITORING_CELERY_QUEUES}
            out["unacked"] = int(client.hlen("unacked"))
            return out
    except redis.RedisError:
        return None


def tasks_overview(*, now: datetime | None = None, limit: int = 50) -> dict:
    now = now or timezone.now()
    since = now - timedelta(hours=24)
    recent = TaskRun.objects.filter(started_at__gte=since)
    by_name = list(
        recent.values("name")
        .annotate(
            total=Count("id"),
            succeeded=Count("id", filter=Q(state=TaskRun.State.SUCCEEDED)),
            failed=Count("id", filter=Q(state=TaskRun.State.FAILED)),
            retried=Count("id", filter=Q(retries__gt=0)),
            running=Count("id", filter=Q(state=TaskRun.State.STARTED)),
        )
        .order_by("name")
    )
    return {
        "queues": queue_lengths(),
        "summary": by_name,
        "recent": list(TaskRun.objects.order_by("-started_at")[:limit]),
        "failures": list(TaskRun.objects.filter(state=TaskRun.State.FAILED).order_by("-started_at")[:limit]),
        "retries": list(TaskRun.objects.filter(retries__gt=0).order_by("-started_at")[:limit]),
    }
