"""Incremental rollups (raw → hourly and daily aggregates) and retention.

Each resolution keeps a cursor: every bucket before it is rolled. A run rolls the complete
buckets between the cursor and now (less a grace for late samples), at most `max_buckets`
per run so a catch-up after downtime is spread over several runs. Aggregates are computed
in the database: one GROUP BY per bucket (PostgreSQL's percentile_cont for p95; on SQLite
the values are read and the same linear-interpolation percentile is computed here)."""

import logging
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from ..models import MetricPoint, MetricRollup, Resolution, RollupCursor

logger = logging.getLogger(__name__)

BUCKET_SECONDS: dict[str, int] = {Resolution.HOUR: 3600, Resolution.DAY: 86400}
GRACE = timedelta(seconds=90)


def bucket_floor(ts: datetime, resolution: str) -> datetime:
    size = BUCKET_SECONDS[resolution]
    epoch = int(ts.timestamp())
    return datetime.fromtimestamp(epoch - epoch % size, tz=UTC)


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (PostgreSQL's percentile_cont)."""
    if not sorted_values:
        raise ValueError("no values")
    position = q * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def _aggregate_postgres(start: datetime, end: datetime) -> list[tuple]:
    table = MetricPoint._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT host_id, metric, labels, COUNT(*), MIN(value), MAX(value), AVG(value), "  # noqa: S608
            f"percentile_cont(0.95) WITHIN GROUP (ORDER BY value) FROM {table} "
            "WHERE ts >= %s AND ts < %s GROUP BY host_id, metric, labels",
            [start, end],
        )
        return cursor.fetchall()


def _aggregate_python(start: datetime, end: datetime) -> list[tuple]:
    series: dict[tuple, list[float]] = {}
    rows = MetricPoint.objects.filter(ts__gte=start, ts__lt=end).values_list("host_id", "metric", "labels", "value")
    for host_id, metric, labels, value in rows.iterator(chunk_size=5000):
        series.setdefault((host_id, metric, labels), []).append(value)
    out = []
    for (host_id, metric, labels), values in series.items():
        values.sort()
        out.append(
            (
                host_id,
                metric,
                labels,
                len(values),
                values[0],
                values[-1],
                sum(values) / len(values),
                percentile(values, 0.95),
            )
        )
    return out


def bucket_aggregate(start: datetime, end: datetime) -> list[tuple]:
    if connection.vendor == "postgresql":
        return _aggregate_postgres(start, end)
    return _aggregate_python(start, end)


@transaction.atomic
def rollup_bucket(*, resolution: str, start: datetime) -> int:
    end = start + timedelta(seconds=BUCKET_SECONDS[resolution])
    rows = [
        MetricRollup(
            host_id=host_id,
            metric=metric,
            labels=labels,
            resolution=resolution,
            bucket=start,
            count=count,
            min=low,
            max=high,
            avg=avg,
            p95=p95,
        )
        for host_id, metric, labels, count, low, high, avg, p95 in bucket_aggregate(start, end)
    ]
    MetricRollup.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["resolution", "host", "metric", "labels", "bucket"],
        update_fields=["count", "min", "max", "avg", "p95"],
    )
    return len(rows)


def rollups_run(*, resolution: str, now: datetime | None = None, max_buckets: int = 48) -> int:
    """Roll every complete bucket since the cursor; returns how many buckets were rolled."""
    now = now or timezone.now()
    size = timedelta(seconds=BUCKET_SECONDS[resolution])
    limit = bucket_floor(now - GRACE, resolution)
    cursor = RollupCursor.objects.filter(resolution=resolution).first()
    if cursor is None:
        first = MetricPoint.objects.aggregate(first=Min("ts"))["first"]
        if first is None:
            return 0
        cursor = RollupCursor.objects.create(resolution=resolution, rolled_until=bucket_floor(first, resolution))
    start, done = cursor.rolled_until, 0
    while start < limit and done < max_buckets:
        rollup_bucket(resolution=resolution, start=start)
        start += size
        done += 1
    if done:
        RollupCursor.objects.filter(resolution=resolution).update(rolled_until=start)
    return done


def retention_run(*, now: datetime | None = None) -> dict[str, int]:
    from ..models import Anomaly, Delivery, HttpMetricMinute, TaskRun

    now = now or timezone.now()
    days = settings.MONITORING_RETENTION_DAYS
    deleted = {
        "raw": MetricPoint.objects.filter(ts__lt=now - timedelta(days=days["raw"])).delete()[0],
        "hour": MetricRollup.objects.filter(
            resolution=Resolution.HOUR, bucket__lt=now - timedelta(days=days["hour"])
        ).delete()[0],
        "day": MetricRollup.objects.filter(
            resolution=Resolution.DAY, bucket__lt=now - timedelta(days=days["day"])
        ).delete()[0],
        "task_runs": TaskRun.objects.filter(started_at__lt=now - timedelta(days=days["tasks"])).delete()[0],
        "anomalies": Anomaly.objects.filter(detected_at__lt=now - timedelta(days=days["hour"])).delete()[0],
        "deliveries": Delivery.objects.filter(created_at__lt=now - timedelta(days=days["hour"])).delete()[0],
        "http": HttpMetricMinute.objects.filter(minute__lt=now - timedelta(days=days["http"])).delete()[0],
    }
    logger.info("Monitoring retention: %s", deleted)
    return deleted


HTTP_CURSOR = "http"
HTTP_GRACE = timedelta(seconds=15)  # a request recorded at :59.9 lands a moment later


def http_fold(*, now: datetime | None = None) -> int:
    """Folds every complete minute of the HTTP app-metric buckets (Redis, kept 30 minutes)
    since the cursor into HttpMetricMinute rows, one per route group with traffic; returns
    how many rows were written. A minute folded twice overwrites its row with the same
    counts (unique group + minute), so a rerun never adds twice. Redis unreachable: nothing
    moves, the next run catches up (as far back as Redis still holds)."""
    import redis

    from .. import appmetrics
    from ..models import HttpMetricMinute

    now = now or timezone.now()
    end_epoch = int((now - HTTP_GRACE).timestamp()) // 60 * 60
    end = datetime.fromtimestamp(end_epoch, tz=UTC)
    oldest = end - timedelta(minutes=appmetrics.HISTORY_MINUTES)
    cursor = RollupCursor.objects.filter(resolution=HTTP_CURSOR).first()
    start = max(cursor.rolled_until, oldest) if cursor else oldest
    if start >= end:
        return 0
    try:
        minutes = appmetrics.http_minutes(start, end)
    except redis.RedisError as exc:
        logger.warning("HTTP metric history not folded (Redis: %s)", exc)
        return 0
    rows = [
        HttpMetricMinute(
            group=group, minute=minute, requests=row["requests"], errors=row["errors"], histogram=row["histogram"]
        )
        for minute, groups in minutes
        for group, row in groups.items()
        if row["requests"]
    ]
    with transaction.atomic():
        if rows:
            HttpMetricMinute.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["group", "minute"],
                update_fields=["requests", "errors", "histogram"],
            )
        RollupCursor.objects.update_or_create(resolution=HTTP_CURSOR, defaults={"rolled_until": end})
    return len(rows)
