"""Operations reports (weekly: an ISO week Monday–Sunday; monthly: a calendar month; UTC).

`report_request` makes the one report of a (kind, period) — or returns it — and queues its
build; `report_build` runs every registered section (report_sections.py) over the period and
stores the result; `report_email` sends it to every active staff member in their language;
`report_scheduled` (beat: Monday for the previous week, the 1st for the previous month)
does all three, idempotently: a report already built or e-mailed is not done again."""

import csv
import io
import logging
import math
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncHour
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.core.errors import Conflict

from ..appmetrics import LATENCY_BOUNDS_MS, histogram_percentile
from ..models import Alert, Host, HttpMetricMinute, MetricPoint, MetricRollup, OpsReport, Resolution
from ..report_sections import ReportSection, SectionData, column, register_report_section, report_sections_all

logger = logging.getLogger(__name__)

# A build still "building" after this long was lost with its worker: it may be claimed again.
STALE_BUILD = timedelta(minutes=15)
# The single-series gauge every collector sample carries (CPU % needs a previous sample, so
# it is missing after a restart); its points, raw or rolled up, count the samples.
HEARTBEAT_METRIC = "mem.percent"


class ReportNotReady(Conflict):
    code = "report_not_ready"
    message = "The report is not ready yet."


# --- periods -----------------------------------------------------------------------------


def report_period(*, kind: str, day: date) -> tuple[date, date]:
    """The period of `kind` that contains `day`: (first day, last day)."""
    if kind == OpsReport.Kind.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def report_previous_period(*, kind: str, today: date) -> tuple[date, date]:
    """The last complete period before `today`'s."""
    current_start, _ = report_period(kind=kind, day=today)
    return report_period(kind=kind, day=current_start - timedelta(days=1))


def period_bounds(report: OpsReport) -> tuple[datetime, datetime]:
    """[start, end) as UTC datetimes."""
    start = datetime.combine(report.period_start, time.min, tzinfo=UTC)
    return start, datetime.combine(report.period_end + timedelta(days=1), time.min, tzinfo=UTC)


# --- request, build ----------------------------------------------------------------------


def report_request(
    *, actor, kind: str, period_start: date | None = None, regenerate: bool = False
) -> tuple[OpsReport, bool]:
    """The report of the period containing `period_start` (default: the last complete one).
    Returns (report, queued): a new report, or `regenerate`, queues a build; otherwise the
    existing report comes back as it is."""
    if period_start is None:
        start, end = report_previous_period(kind=kind, today=timezone.now().date())
    else:
        start, end = report_period(kind=kind, day=period_start)
    with transaction.atomic():
        report, created = OpsReport.objects.get_or_create(
            kind=kind, period_start=start, defaults={"period_end": end, "created_by": actor}
        )
        if not created and not regenerate:
            return report, False
        if not created:
            report = OpsReport.objects.select_for_update().get(pk=report.pk)
            report.status = OpsReport.Status.PENDING
            report.error = ""
            report.save(update_fields=["status", "error", "updated_at"])
        transaction.on_commit(lambda: _queue_build(report.pk))
    return report, True


def _queue_build(report_id) -> None:
    from ..tasks import build_report

    build_report.delay(str(report_id))


def _claim(report: OpsReport, *, force: bool) -> bool:
    claimable = [OpsReport.Status.PENDING, OpsReport.Status.FAILED]
    if force:
        claimable.append(OpsReport.Status.READY)
    now = timezone.now()
    rows = OpsReport.objects.filter(pk=report.pk, status__in=claimable).update(
        status=OpsReport.Status.BUILDING, updated_at=now
    ) or OpsReport.objects.filter(
        pk=report.pk, status=OpsReport.Status.BUILDING, updated_at__lt=now - STALE_BUILD
    ).update(updated_at=now)
    return bool(rows)


def report_build(*, report: OpsReport, force: bool = False) -> OpsReport:
    """Builds the report if nobody else is (a pending, failed or stale one; `force` rebuilds
    a ready one too). Each section runs on its own: one that fails is marked unavailable."""
    if not _claim(report, force=force):
        report.refresh_from_db()
        return report
    start, end = period_bounds(report)
    now = timezone.now()
    sections = []
    for section in report_sections_all():
        try:
            sections.append(section.run(start, end))
        except Exception as exc:  # noqa: BLE001 — one broken section must not sink the report
            logger.exception("Report section %s failed", section.key)
            sections.append(
                {
                    "key": section.key,
                    "titles": section.titles,
                    "columns": [{"key": c.key, "unit": c.unit, "titles": c.titles} for c in section.columns],
                    "rows": [],
                    "totals": {},
                    "available": False,
                    "note": {
                        "en": f"This section could not be built: {type(exc).__name__}.",
                        "ko": f"이 항목을 만들지 못했습니다: {type(exc).__name__}.",
                    },
                }
            )
    report.data = {
        "kind": report.kind,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "generated_at": now.isoformat(),
        "partial": end > now,  # the period has not ended yet
        "sections": sections,
    }
    report.status = OpsReport.Status.READY
    report.generated_at = now
    report.error = ""
    report.save(update_fields=["data", "status", "generated_at", "error", "updated_at"])
    return report


def report_build_failed(*, report: OpsReport, error: str) -> None:
    OpsReport.objects.filter(pk=report.pk).update(
        status=OpsReport.Status.FAILED, error=error[:500], updated_at=timezone.now()
    )


def report_scheduled(*, kind: str, today: date | None = None) -> OpsReport:
    """Beat: the previous period's report, built and e-mailed once."""
    start, end = report_previous_period(kind=kind, today=today or timezone.now().date())
    report, _ = OpsReport.objects.get_or_create(kind=kind, period_start=start, defaults={"period_end": end})
    if report.status != OpsReport.Status.READY:
        try:
            report = report_build(report=report)
        except Exception as exc:
            report_build_failed(report=report, error=f"{type(exc).__name__}: {exc}")
            raise
    if report.status == OpsReport.Status.READY and report.emailed_at is None:
        report_email(report=report)
    return report


# --- output ------------------------------------------------------------------------------


def _format(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value:g}%"
    if unit == "s":
        return f"{value:g} s"
    if unit == "min":
        return f"{value:g} min"
    if unit == "ms":
        return f"{value:g} ms"
    if unit == "usd":
        return f"${value:,.4f}".rstrip("0").rstrip(".") if value else "$0"
    return str(value)


def report_view(report: OpsReport, locale: str) -> list[dict]:
    """The sections with titles, headers and formatted cells in `locale` (e-mail)."""
    out = []
    for section in report.data.get("sections", []):
        columns = section["columns"]
        totals = [
            _format(section["totals"].get(c["key"]), c["unit"]) if c["key"] in section["totals"] else ""
            for c in columns
        ]
        out.append(
            {
                "key": section["key"],
                "title": section["titles"].get(locale) or section["titles"].get("en", section["key"]),
                "available": section["available"],
                "note": (section.get("note") or {}).get(locale, ""),
                "headers": [c["titles"].get(locale, c["key"]) for c in columns],
                "rows": [[_format(row.get(c["key"]), c["unit"]) for c in columns] for row in section["rows"]],
                "totals": totals if section["totals"] else None,
                "totals_line": " · ".join(cell for cell in totals if cell),
            }
        )
    return out


def report_filename(report: OpsReport) -> str:
    return f"videoplanet-{report.kind}-report-{report.period_start:%Y-%m-%d}_{report.period_end:%Y-%m-%d}.csv"


def report_csv(report: OpsReport) -> str:
    """The report as one CSV: a heading, then each section (its title row, a header row with
    units, the rows, a `Total` row, a note row when there is one) separated by a blank row."""
    if report.status != OpsReport.Status.READY:
        raise ReportNotReady()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["VideoPlanet operations report", report.kind, report.period_start, report.period_end])
    writer.writerow(["generated_at", report.data.get("generated_at", "")])
    for section in report.data.get("sections", []):
        writer.writerow([])
        writer.writerow([f"# {section['titles'].get('en', section['key'])}"])
        columns = section["columns"]
        if not section["available"]:
            writer.writerow(["unavailable", (section.get("note") or {}).get("en", "")])
            continue
        writer.writerow([c["key"] + (f" ({c['unit']})" if c["unit"] not in ("", "count") else "") for c in columns])
        for row in section["rows"]:
            writer.writerow(["" if row.get(c["key"]) is None else row.get(c["key"]) for c in columns])
        if section["totals"]:
            writer.writerow(
                ["Total" if index == 0 else section["totals"].get(c["key"], "") for index, c in enumerate(columns)]
            )
        if (section.get("note") or {}).get("en"):
            writer.writerow(["note", section["note"]["en"]])
    return buffer.getvalue()


def report_recipients():
    return get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="").order_by("email")


def report_email(*, report: OpsReport) -> int:
    """E-mails the report to every active staff member in their own language; returns how
    many were sent."""
    if report.status != OpsReport.Status.READY:
        raise ReportNotReady()
    link = f"{settings.FRONTEND_URL}/monitoring?tab=reports&report={report.pk}"
    sent = 0
    for user in report_recipients():
        locale = getattr(user, "locale", "") or settings.LANGUAGE_CODE
        email_send_templated(
            to=user.email,
            template="ops_report",
            locale=locale,
            context={
                "name": user.display_name,
                "kind": report.kind,
                "period_start": report.period_start,
                "period_end": report.period_end,
                "partial": bool(report.data.get("partial")),
                "sections": report_view(report, locale),
                "link": link,
            },
        )
        sent += 1
    OpsReport.objects.filter(pk=report.pk).update(emailed_at=timezone.now())
    report.emailed_at = timezone.now()
    return sent


# --- monitoring's own sections -----------------------------------------------------------


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
            column("severity", "", "Severity", "심각도"),
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
