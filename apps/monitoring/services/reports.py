"""Operations reports (weekly: an ISO week Monday–Sunday; monthly: a calendar month; UTC).

`report_request` makes the one report of a (kind, period) — or returns it — and queues its
build; `report_build` runs every registered section (report_sections.py; monitoring's own
are in report_builtin_sections.py) over the period and stores the result; `report_email`
sends it to every active staff member in their language;
`report_scheduled` (beat: Monday for the previous week, the 1st for the previous month)
does all three, idempotently: a report already built or e-mailed is not done again."""

import csv
import io
import logging
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.core.errors import Conflict
from apps.core.notify import param_label

from ..models import OpsReport
from ..report_sections import report_sections_all
from . import report_builtin_sections  # noqa: F401 — registers monitoring's own sections (uptime, alerts, HTTP)

logger = logging.getLogger(__name__)

# A build still "building" after this long was lost with its worker: it may be claimed again.
STALE_BUILD = timedelta(minutes=15)


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


def _format(value, unit: str, locale: str) -> str:
    if value is None:
        return "—"
    if unit == "severity":
        return param_label("severity", value, locale)
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
            _format(section["totals"].get(c["key"]), c["unit"], locale) if c["key"] in section["totals"] else ""
            for c in columns
        ]
        out.append(
            {
                "key": section["key"],
                "title": section["titles"].get(locale) or section["titles"].get("en", section["key"]),
                "available": section["available"],
                "note": (section.get("note") or {}).get(locale, ""),
                "headers": [c["titles"].get(locale, c["key"]) for c in columns],
                "rows": [[_format(row.get(c["key"]), c["unit"], locale) for c in columns] for row in section["rows"]],
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
