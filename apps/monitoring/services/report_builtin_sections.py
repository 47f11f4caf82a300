"""Monitoring's own operations-report sections — uptime per host, alerts per rule, HTTP
latency and errors per route group — registered at import (services/reports.py imports this
module, and report_sections_all() imports that)."""

import math
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncHour
from django.utils import timezone

from ..appmetrics import LATENCY_BOUNDS_MS, histogram_percentile
from ..models import Alert, Host, HttpMetricMinute, MetricPoint, MetricRollup, Resolution
from ..report_sections import ReportSection, SectionData, column, register_report_section

# The single-series gauge every collector sample carries (CPU % needs a previous sample, so
# it is missing after a restart); its points, raw or rolled up, count the samples.
HEARTBEAT_METRIC = "mem.percent"


def _uptime(start: datetime, end: datetime) -> SectionData:
    """Share of the expected collector intervals that have a sample, per host, from the later
    of the period start and the host's registration to the earlier of the period end and now.
    A sample is a `mem.percent` point (a gauge every sample carries), counted per hour in the
    raw table and, for hours already pruned from it, in the hourly rollup (the larger per hour)."""
    stop = min(end, timezone.now())
    interval = float(settings.MONITORING_COLLECT_INTERVAL)
    rows = []
    present_all = expected_all = 0
    for host in Host.objects.filter(created_at__lt=stop).order_by("name"):
        begin = max(start, host.created_at)
        expected = math.ceil((stop - begin).total_seconds() / interval)  # a begun interval counts
        if expected <= 0:
            continue
        # The first sample is taken just before the host row is created by its ingestion.
        count_from = max(start, host.created_at - timedelta(seconds=interval))
        raw = dict(
            MetricPoint.objects.filter(host=host, metric=HEARTBEAT_METRIC, labels="", ts__gte=count_from, ts__lt=stop)
            .annotate(hour=TruncHour("ts", tzinfo=UTC))
            .values("hour")
            .annotate(samples=Count("id"))
            .values_list("hour", "samples")
        )
        rolled = dict(
            MetricRollup.objects.filter(
                host=host,
                resolution=Resolution.HOUR,
                metric=HEARTBEAT_METRIC,
                labels="",
                bucket__gte=begin,
                bucket__lt=stop,
            ).values_list("bucket", "count")
        )
        present = min(expected, sum(max(raw.get(h, 0), rolled.get(h, 0)) for h in raw.keys() | rolled.keys()))
        present_all += present
        expected_all += expected
        rows.append(
            {
                "host": host.name,
                "uptime_pct": round(present / expected * 100, 2),
                "samples": present,
                "expected": expected,
                "downtime_min": round((expected - present) * interval / 60, 1),
                "last_seen_at": host.last_seen_at.isoformat() if host.last_seen_at else None,
            }
        )
    totals = {}
    if expected_all:
        totals = {
            "uptime_pct": round(present_all / expected_all * 100, 2),
            "samples": present_all,
            "expected": expected_all,
            "downtime_min": round((expected_all - present_all) * interval / 60, 1),
        }
    return SectionData(rows=rows, totals=totals)


def _seconds_between(start, end) -> float:
    assert start is not None and end is not None  # callers filter rows without either
    return (end - start).total_seconds()


def _alert_stats(alerts: list[Alert]) -> dict:
    acked = [a for a in alerts if a.acknowledged_at]
    resolved = [a for a in alerts if a.resolved_at]
    # Times count from when an alert began firing; a row without that start has none.
    ack_times = [_seconds_between(a.started_at, a.acknowledged_at) for a in acked if a.started_at]
    resolve_times = [_seconds_between(a.started_at, a.resolved_at) for a in resolved if a.started_at]
    return {
        "fired": len(alerts),
        "acked": len(acked),
        "resolved": len(resolved),
        "mean_ack_s": round(sum(ack_times) / len(ack_times), 1) if ack_times else None,
        "mean_resolve_s": round(sum(resolve_times) / len(resolve_times), 1) if resolve_times else None,
        "max_resolve_s": round(max(resolve_times), 1) if resolve_times else None,
    }


def _alerts(start: datetime, end: datetime) -> SectionData:
    """Alerts that began firing in the period, per rule: fired, acknowledged, resolved, mean
    time to acknowledge, mean and longest time to resolve (from firing)."""
    alerts = list(
        Alert.objects.filter(started_at__gte=start, started_at__lt=end)
        .select_related("rule")
        .order_by("rule__name", "started_at")
    )
    by_rule: dict = {}
    for alert in alerts:
        by_rule.setdefault(alert.rule_id, []).append(alert)
    rows = [
        {"rule": group[0].rule.name, "severity": group[0].rule.severity, **_alert_stats(group)}
        for group in by_rule.values()
    ]
    return SectionData(rows=rows, totals=_alert_stats(alerts) if alerts else {})


def _http_row(requests: int, errors: int, histogram: list[int]) -> dict:
    return {
        "requests": requests,
        "errors": errors,
        "error_rate": round(errors / requests * 100, 2) if requests else 0.0,
        "p95_ms": histogram_percentile(histogram, 0.95),
    }


def _http(start: datetime, end: datetime) -> SectionData:
    """Per route group over the period, from the per-minute history (HttpMetricMinute):
    requests, 5xx, error rate (%) and p95 (ms) of the merged latency histograms; the total
    merges every group."""
    slots = len(LATENCY_BOUNDS_MS) + 1
    merged: dict[str, dict] = {}
    for group, requests, errors, histogram in HttpMetricMinute.objects.filter(
        minute__gte=start, minute__lt=end
    ).values_list("group", "requests", "errors", "histogram"):
        row = merged.setdefault(group, {"requests": 0, "errors": 0, "histogram": [0] * slots})
        row["requests"] += requests
        row["errors"] += errors
        for index, count in enumerate(histogram[:slots]):
            row["histogram"][index] += count
    rows = [{"route_group": group, **_http_row(**row)} for group, row in sorted(merged.items())]
    if not rows:
        return SectionData(
            note={
                "en": "No HTTP requests were recorded in this period.",
                "ko": "이 기간에 기록된 HTTP 요청이 없습니다.",
            }
        )
    everything = [sum(row["histogram"][index] for row in merged.values()) for index in range(slots)]
    totals = _http_row(
        sum(row["requests"] for row in merged.values()), sum(row["errors"] for row in merged.values()), everything
    )
    return SectionData(rows=rows, totals=totals)


register_report_section(
    ReportSection(
        key="uptime",
        order=10,
        titles={"en": "Uptime per host", "ko": "호스트별 가동률"},
        columns=(
            column("host", "", "Host", "호스트"),
            column("uptime_pct", "%", "Uptime", "가동률"),
            column("samples", "count", "Samples", "샘플"),
            column("expected", "count", "Expected", "예상 샘플"),
            column("downtime_min", "min", "Downtime (min)", "중단 (분)"),
            column("last_seen_at", "datetime", "Last seen", "마지막 수신"),
        ),
        build=_uptime,
    )
)
register_report_section(
    ReportSection(
        key="alerts",
        order=20,
        titles={"en": "Alerts", "ko": "알림"},
        columns=(
            column("rule", "", "Rule", "규칙"),
            column("severity", "severity", "Severity", "심각도"),
            column("fired", "count", "Fired", "발생"),
            column("acked", "count", "Acknowledged", "확인"),
            column("resolved", "count", "Resolved", "해결"),
            column("mean_ack_s", "s", "Mean time to acknowledge", "평균 확인 시간"),
            column("mean_resolve_s", "s", "Mean time to resolve", "평균 해결 시간"),
            column("max_resolve_s", "s", "Longest time to resolve", "최장 해결 시간"),
        ),
        build=_alerts,
    )
)
register_report_section(
    ReportSection(
        key="http",
        order=30,
        titles={"en": "HTTP latency and errors", "ko": "HTTP 지연 시간과 오류"},
        columns=(
            column("route_group", "", "Route group", "경로 그룹"),
            column("requests", "count", "Requests", "요청"),
            column("errors", "count", "5xx responses", "5xx 응답"),
            column("error_rate", "%", "Error rate", "오류율"),
            column("p95_ms", "ms", "p95 latency", "p95 지연 시간"),
        ),
        build=_http,
    )
)
