"""Rollups against raw data, incremental runs, retention, and the metrics query choosing
its resolution (a 30-day chart never reads raw rows)."""

import random
import statistics
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.monitoring.models import Host, MetricPoint, MetricRollup, RollupCursor
from apps.monitoring.services.rollups import percentile, retention_run, rollups_run

from .conftest import T0, put
from .factories import MetricPointFactory, MetricRollupFactory

pytestmark = pytest.mark.django_db

H = timedelta(hours=1)


def fill(host: Host, start, hours: int, step_seconds: int = 60, metric: str = "cpu.percent", labels: str = ""):
    rng = random.Random(42)
    points, t = [], start
    while t < start + hours * H:
        value = round(rng.uniform(0, 100), 3)
        points.append(MetricPointFactory.build(host=host, metric=metric, labels=labels, ts=t, value=value))
        t += timedelta(seconds=step_seconds)
    MetricPoint.objects.bulk_create(points)
    return points


def test_hourly_rollups_match_the_raw_data(host):
    points = fill(host, T0, hours=3)
    fill(host, T0, hours=3, metric="disk.percent", labels="/data")
    assert rollups_run(resolution="hour", now=T0 + 3 * H + 5 * timedelta(minutes=1)) == 3
    rollups = MetricRollup.objects.filter(resolution="hour", metric="cpu.percent").order_by("bucket")
    assert [r.bucket for r in rollups] == [T0, T0 + H, T0 + 2 * H]
    for rollup in rollups:
        values = sorted(p.value for p in points if rollup.bucket <= p.ts < rollup.bucket + H)
        assert rollup.count == len(values) == 60
        assert rollup.min == values[0] and rollup.max == values[-1]
        assert rollup.avg == pytest.approx(statistics.fmean(values))
        assert rollup.p95 == pytest.approx(percentile(values, 0.95))
    assert MetricRollup.objects.filter(resolution="hour", metric="disk.percent", labels="/data").count() == 3


def test_percentile_interpolates_like_percentile_cont():
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile(list(range(1, 101)), 0.95) == pytest.approx(95.05)
    assert percentile([7], 0.95) == 7


def test_rollups_are_incremental_and_skip_the_open_bucket(host):
    fill(host, T0, hours=2)
    assert rollups_run(resolution="hour", now=T0 + H + timedelta(minutes=30)) == 1  # second hour still open
    assert RollupCursor.objects.get(resolution="hour").rolled_until == T0 + H
    assert rollups_run(resolution="hour", now=T0 + H + timedelta(minutes=30)) == 0
    assert rollups_run(resolution="hour", now=T0 + 2 * H + timedelta(minutes=5)) == 1
    assert MetricRollup.objects.filter(resolution="hour").count() == 2
    # rolling a bucket twice (a crash before the cursor moved) updates, never duplicates
    from apps.monitoring.services.rollups import rollup_bucket

    rollup_bucket(resolution="hour", start=T0)
    assert MetricRollup.objects.filter(resolution="hour").count() == 2


def test_daily_rollups(host):
    fill(host, T0 - 12 * H, hours=24, step_seconds=600)
    rollups_run(resolution="day", now=T0 + 13 * H)
    day = MetricRollup.objects.get(resolution="day", bucket=T0 - 12 * H)
    raw = list(MetricPoint.objects.filter(ts__gte=T0 - 12 * H, ts__lt=T0 + 12 * H).values_list("value", flat=True))
    assert day.count == len(raw) == 144
    assert day.avg == pytest.approx(statistics.fmean(raw))


def test_retention_drops_old_rows_per_resolution(host):
    now = T0 + timedelta(days=800)
    put(host, "cpu.percent", 1, now - timedelta(days=8))
    put(host, "cpu.percent", 2, now - timedelta(days=6))
    MetricRollupFactory(host=host, resolution="hour", bucket=now - timedelta(days=91))
    MetricRollupFactory(host=host, resolution="hour", bucket=now - timedelta(days=89))
    MetricRollupFactory(host=host, resolution="day", bucket=now - timedelta(days=731))
    MetricRollupFactory(host=host, resolution="day", bucket=now - timedelta(days=729))
    deleted = retention_run(now=now)
    assert (deleted["raw"], deleted["hour"], deleted["day"]) == (1, 1, 1)
    assert MetricPoint.objects.count() == 1 and MetricRollup.objects.count() == 2


def _query(client, host_row, **params):
    return client.get("/api/v1/monitoring/metrics/", {"host": str(host_row.pk), "metric": "cpu.percent", **params})


def test_metrics_query_picks_raw_for_an_hour(staff_client, host, django_assert_max_num_queries):
    from django.utils import timezone

    now = timezone.now().replace(microsecond=0)
    for i in range(10):
        put(host, "cpu.percent", i, now - timedelta(minutes=i))
    with django_assert_max_num_queries(4):
        response = _query(staff_client, host, **{"from": (now - H).isoformat(), "to": now.isoformat()})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["resolution"] == "raw"
    assert [p["value"] for p in body["series"][0]["points"]] == list(range(9, -1, -1))


def test_a_30_day_chart_reads_hourly_rollups_never_raw(staff_client, host):
    from django.utils import timezone

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    common = {"host": host, "metric": "cpu.percent", "resolution": "hour", "count": 240, "min": 1, "max": 9, "p95": 8}
    rollups = [MetricRollupFactory.build(bucket=now - i * H, avg=i, **common) for i in range(1, 721)]
    MetricRollup.objects.bulk_create(rollups)
    put(host, "cpu.percent", 50, now - timedelta(minutes=1))
    with CaptureQueriesContext(connection) as queries:
        response = _query(staff_client, host, **{"from": (now - timedelta(days=30)).isoformat(), "to": now.isoformat()})
    assert response.status_code == 200
    body = response.json()
    assert body["resolution"] == "hour"
    points = body["series"][0]["points"]
    assert len(points) == 720
    assert set(points[0]) == {"ts", "value", "min", "max", "p95", "count"}
    assert not any(MetricPoint._meta.db_table in q["sql"] for q in queries.captured_queries)


def test_a_year_uses_daily_rollups_and_resolution_can_be_forced(staff_client, host):
    from django.utils import timezone

    now = timezone.now()
    response = _query(staff_client, host, **{"from": (now - timedelta(days=365)).isoformat(), "to": now.isoformat()})
    assert response.json()["resolution"] == "day"
    response = _query(staff_client, host, resolution="hour")
    assert response.json()["resolution"] == "hour"
    response = _query(
        staff_client, host, resolution="raw", **{"from": (now - timedelta(days=10)).isoformat(), "to": now.isoformat()}
    )
    assert response.status_code == 422 and response.json()["error"]["code"] == "range_too_large"


@pytest.mark.parametrize(
    "params, field",
    [
        ({"metric": "cpu.bogus"}, "metric"),
        ({"resolution": "minute"}, "resolution"),
        ({"from": "2026-03-02T12:00:00Z", "to": "2026-03-01T12:00:00Z"}, "from"),
        ({"from": "2024-01-01T00:00:00Z", "to": "2026-03-12T00:00:00Z"}, "from"),  # over 800 days
        ({"host": "nope"}, "host"),
    ],
)
def test_metrics_query_rejects_bad_parameters(staff_client, host, params, field):
    response = _query(staff_client, host, **params)
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]
