"""Stats per period with the previous one, least-squares trends, disk-full forecasts and
anomaly detection (rolling z-score).

Stats for `day` are exact (raw rows, p95 by percentile_cont); `week` and `month` read the
hourly rollups (min/max exact, avg count-weighted, p95 the count-weighted 95th percentile
of the hourly p95s — an approximation that never scans raw rows)."""

import logging
import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Avg, Count, F, Max
from django.utils import timezone

from ..models import Anomaly, Host, MetricPoint, MetricRollup, Resolution
from .rollups import percentile

logger = logging.getLogger(__name__)

PERIODS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30)}


def _raw_aggregates(metric: str, start: datetime, end: datetime) -> dict[tuple, dict]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT host_id, labels, COUNT(*), MIN(value), MAX(value), AVG(value), "  # noqa: S608
                f"percentile_cont(0.95) WITHIN GROUP (ORDER BY value) FROM {MetricPoint._meta.db_table} "
                "WHERE metric = %s AND ts >= %s AND ts < %s GROUP BY host_id, labels",
                [metric, start, end],
            )
            rows = cursor.fetchall()
        return {
            (str(h), labels): {"count": c, "min": lo, "max": hi, "avg": avg, "p95": p95}
            for h, labels, c, lo, hi, avg, p95 in rows
        }
    series: dict[tuple, list[float]] = {}
    for host_id, labels, value in MetricPoint.objects.filter(metric=metric, ts__gte=start, ts__lt=end).values_list(
        "host_id", "labels", "value"
    ):
        series.setdefault((str(host_id), labels), []).append(value)
    out = {}
    for key, values in series.items():
        values.sort()
        out[key] = {
            "count": len(values),
            "min": values[0],
            "max": values[-1],
            "avg": sum(values) / len(values),
            "p95": percentile(values, 0.95),
        }
    return out


def _rollup_aggregates(metric: str, start: datetime, end: datetime) -> dict[tuple, dict]:
    buckets: dict[tuple, list] = {}
    for host_id, labels, count, low, high, avg, p95 in MetricRollup.objects.filter(
        resolution=Resolution.HOUR, metric=metric, bucket__gte=start, bucket__lt=end
    ).values_list("host_id", "labels", "count", "min", "max", "avg", "p95"):
        buckets.setdefault((str(host_id), labels), []).append((count, low, high, avg, p95))
    out = {}
    for key, rows in buckets.items():
        total = sum(r[0] for r in rows)
        weighted = sorted((r[4], r[0]) for r in rows)
        running, p95 = 0, weighted[-1][0]
        for value, weight in weighted:
            running += weight
            if running >= 0.95 * total:
                p95 = value
                break
        out[key] = {
            "count": total,
            "min": min(r[1] for r in rows),
            "max": max(r[2] for r in rows),
            "avg": sum(r[0] * r[3] for r in rows) / total,
            "p95": p95,
        }
    return out


def least_squares_slope(points: list[tuple[float, float]]) -> float | None:
    """Slope of the least-squares line through (x, y) points, or None with < 2 distinct x."""
    n = len(points)
    if n < 2:
        return None
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx


def _hourly_trends(metric: str, start: datetime, end: datetime) -> dict[tuple, float | None]:
    series: dict[tuple, list] = {}
    for host_id, labels, bucket, avg in MetricRollup.objects.filter(
        resolution=Resolution.HOUR, metric=metric, bucket__gte=start, bucket__lt=end
    ).values_list("host_id", "labels", "bucket", "avg"):
        series.setdefault((str(host_id), labels), []).append((bucket.timestamp() / 86400, avg))
    return {key: least_squares_slope(points) for key, points in series.items()}


def _change(current: float | None, previous: float | None) -> float | None:
    if current is None or previous is None or previous == 0:
        return None
    return round((current - previous) / abs(previous) * 100, 2)


def stats_compute(*, metric: str, period: str, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    span = PERIODS[period]
    current_start, previous_start = now - span, now - 2 * span
    aggregate = _raw_aggregates if period == "day" else _rollup_aggregates
    current = aggregate(metric, current_start, now)
    previous = aggregate(metric, previous_start, current_start)
    trends = _hourly_trends(metric, current_start, now)
    hosts = {str(h.pk): h.name for h in Host.objects.filter(pk__in={key[0] for key in current | previous})}
    rows = []
    for key in sorted(current.keys() | previous.keys(), key=lambda k: (hosts.get(k[0], ""), k[1])):
        cur, prev = current.get(key), previous.get(key)
        rows.append(
            {
                "host": {"id": key[0], "name": hosts.get(key[0], "")},
                "labels": key[1],
                "current": cur,
                "previous": prev,
                "change_percent": {
                    field: _change(cur[field] if cur else None, prev[field] if prev else None)
                    for field in ("min", "avg", "max", "p95")
                },
                "trend_per_day": trends.get(key),
            }
        )
    return {
        "metric": metric,
        "period": period,
        "source": "raw" if period == "day" else "hour",
        "current": {"from": current_start, "to": now},
        "previous": {"from": previous_start, "to": current_start},
        "rows": rows,
    }


# A trend over minutes of samples extrapolates noise ("full in 0.1 days" from a log
# rotation): no forecast until the points span at least this long.
FORECAST_MIN_SPAN = timedelta(hours=6)


def disk_forecasts(*, days: int = 7, now: datetime | None = None) -> list[dict]:
    """Per host and mount: the disk.percent trend (least squares over hourly averages, or
    raw points when rollups are not there yet) and when it reaches 100 %, once the points
    span FORECAST_MIN_SPAN (`enough_data`)."""
    now = now or timezone.now()
    start = now - timedelta(days=days)
    series: dict[tuple, list] = {}
    for host_id, labels, bucket, avg in MetricRollup.objects.filter(
        resolution=Resolution.HOUR, metric="disk.percent", bucket__gte=start
    ).values_list("host_id", "labels", "bucket", "avg"):
        series.setdefault((host_id, labels), []).append((bucket.timestamp(), avg))
    if not series:
        raw = MetricPoint.objects.filter(metric="disk.percent", ts__gte=start).values_list(
            "host_id", "labels", "ts", "value"
        )
        for host_id, labels, ts, value in raw.iterator(chunk_size=5000):
            series.setdefault((host_id, labels), []).append((ts.timestamp(), value))
    latest = {
        (row["host_id"], row["labels"]): row["last"]
        for row in MetricPoint.objects.filter(metric="disk.percent", ts__gte=now - timedelta(hours=1))
        .values("host_id", "labels")
        .annotate(last=Max("ts"))
    }
    current_values = dict(
        ((h, labels), v)
        for h, labels, ts, v in MetricPoint.objects.filter(
            metric="disk.percent", ts__in=set(latest.values())
        ).values_list("host_id", "labels", "ts", "value")
        if latest.get((h, labels)) == ts
    )
    hosts = {h.pk: h.name for h in Host.objects.filter(pk__in={key[0] for key in series})}
    out = []
    for key, points in sorted(series.items(), key=lambda item: (hosts.get(item[0][0], ""), item[0][1])):
        enough = bool(points) and max(x for x, _ in points) - min(x for x, _ in points) >= (
            FORECAST_MIN_SPAN.total_seconds()
        )
        slope = least_squares_slope([(x / 86400, y) for x, y in points]) if enough else None
        current = current_values.get(key, points[-1][1] if points else None)
        days_left = None
        if slope is not None and slope > 1e-6 and current is not None:
            days_left = round(max(0.0, (100.0 - current) / slope), 1)
        out.append(
            {
                "host": {"id": str(key[0]), "name": hosts.get(key[0], "")},
                "mount": key[1],
                "current_percent": current,
                "slope_percent_per_day": slope,
                "days_until_full": days_left,
                "full_at": (now + timedelta(days=days_left)).isoformat() if days_left is not None else None,
                "points": len(points),
                "enough_data": enough,
            }
        )
    return out


def anomalies_detect(*, now: datetime | None = None) -> list[Anomaly]:
    """Rolling z-score: the mean of the last MONITORING_ANOMALY_RECENT_MINUTES against the
    mean and standard deviation of the MONITORING_ANOMALY_BASELINE_HOURS before it. An
    anomaly is |z| ≥ MONITORING_ANOMALY_Z with at least 30 baseline points and a baseline
    spread above 1 % of its mean (a flat line makes any blip infinite); one per series per
    hour at most."""
    now = now or timezone.now()
    recent_start = now - timedelta(minutes=settings.MONITORING_ANOMALY_RECENT_MINUTES)
    baseline_start = recent_start - timedelta(hours=settings.MONITORING_ANOMALY_BASELINE_HOURS)
    metrics = settings.MONITORING_ANOMALY_METRICS
    base = {
        (r["host_id"], r["metric"], r["labels"]): r
        for r in MetricPoint.objects.filter(metric__in=metrics, ts__gte=baseline_start, ts__lt=recent_start)
        .values("host_id", "metric", "labels")
        .annotate(n=Count("id"), mean=Avg("value"), sq=Avg(F("value") * F("value")))
    }
    recent = (
        MetricPoint.objects.filter(metric__in=metrics, ts__gte=recent_start, ts__lte=now)
        .values("host_id", "metric", "labels")
        .annotate(mean=Avg("value"))
    )
    already = set(
        Anomaly.objects.filter(detected_at__gte=now - timedelta(hours=1)).values_list("host_id", "metric", "labels")
    )
    found = []
    for row in recent:
        key = (row["host_id"], row["metric"], row["labels"])
        baseline = base.get(key)
        if not baseline or baseline["n"] < 30 or key in already:
            continue
        std = math.sqrt(max(0.0, baseline["sq"] - baseline["mean"] ** 2))
        if std <= max(1e-9, 0.01 * abs(baseline["mean"])):
            continue
        score = (row["mean"] - baseline["mean"]) / std
        if abs(score) >= settings.MONITORING_ANOMALY_Z:
            found.append(
                Anomaly(
                    host_id=key[0],
                    metric=key[1],
                    labels=key[2],
                    detected_at=now,
                    value=row["mean"],
                    baseline_mean=baseline["mean"],
                    baseline_std=std,
                    score=score,
                )
            )
    Anomaly.objects.bulk_create(found)
    return found
