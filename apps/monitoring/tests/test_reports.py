"""Operations reports through the real path: seeded rows, the API request, the Celery task
(eager in tests), the stored numbers, the CSV, the e-mails in each recipient's language,
idempotency per (kind, period) and the beat schedule."""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail

from apps.ai_planning.models import AIUsage
from apps.ai_planning.tests.factories import AIUsageFactory
from apps.core.redis_clients import redis_client
from apps.monitoring import appmetrics
from apps.monitoring.analytics.models import Event, Session
from apps.monitoring.models import Alert, Host, HttpMetricMinute, OpsReport, RollupCursor
from apps.monitoring.services.reports import report_previous_period
from apps.monitoring.services.rollups import http_fold
from apps.monitoring.tasks import fold_http_metrics, scheduled_report
from apps.projects.tests.factories import ProjectFactory
from tests.factories import UserFactory

from .conftest import client_for
from .factories import AlertFactory, AlertRuleFactory, HostFactory, MetricPointFactory, MetricRollupFactory, SiteFactory

START = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday: the ISO week 2026-03-02 … 2026-03-08
HOUR = timedelta(hours=1)


def section(report_json: dict, key: str) -> dict:
    return next(s for s in report_json["data"]["sections"] if s["key"] == key)


def _seed():
    # Hosts: with a 1-hour collector interval a week expects 168 samples per host.
    a = HostFactory(name="web-a")
    b = HostFactory(name="web-b")
    c = HostFactory(name="web-c")  # registered on the last day: 24 expected
    Host.objects.filter(pk__in=[a.pk, b.pk]).update(created_at=START - timedelta(days=30))
    Host.objects.filter(pk=c.pk).update(created_at=START + timedelta(days=6))
    for k in range(84):  # half the week; a sample has many series, `mem.percent` counts it once
        for metric, labels in (
            ("cpu.percent", ""),
            ("mem.percent", ""),
            ("disk.percent", "/"),
            ("disk.percent", "/data"),
        ):
            MetricPointFactory(host=a, metric=metric, labels=labels, ts=START + k * HOUR)
    MetricPointFactory(host=a, metric="mem.percent", ts=START - HOUR)  # before the period: not counted
    for k in range(126):  # older hours known only from the hourly rollup: 75 %
        MetricRollupFactory(host=b, metric="mem.percent", bucket=START + k * HOUR, count=1)

    # Alerts: two of "CPU high" fire in the period (one acked after 10 min, resolved after
    # 30; one resolved after 90 min), one of "Disk full" still fires; one from before is left out.
    cpu = AlertRuleFactory(name="CPU high", severity="critical")
    disk = AlertRuleFactory(name="Disk full", metric="disk.percent", severity="warning")
    staff = UserFactory(is_staff=True)
    first = START + HOUR
    AlertFactory(
        rule=cpu,
        host=a,
        status="resolved",
        started_at=first,
        acknowledged_at=first + timedelta(minutes=10),
        acknowledged_by=staff,
        resolved_at=first + timedelta(minutes=30),
    )
    second = START + timedelta(days=2)
    AlertFactory(rule=cpu, host=b, status="resolved", started_at=second, resolved_at=second + timedelta(minutes=90))
    AlertFactory(rule=disk, host=a, status="firing", started_at=START + timedelta(days=3))
    AlertFactory(rule=cpu, host=c, status="resolved", started_at=START - HOUR, resolved_at=START)

    # AI: project "Spring" made 3 calls (one failed) and had one cache hit; "Autumn" one call.
    spring = ProjectFactory(name="Spring")
    autumn = ProjectFactory(name="Autumn")
    rows = [
        AIUsageFactory(
            project=spring, cost_usd=Decimal("0.5"), prompt_tokens=100, completion_tokens=50, latency_ms=100
        ),
        AIUsageFactory(project=spring, cost_usd=Decimal("0.25"), prompt_tokens=10, completion_tokens=5, latency_ms=300),
        AIUsageFactory(project=spring, cost_usd=Decimal("0"), outcome="error", latency_ms=200),
        AIUsageFactory(project=spring, cost_usd=Decimal("0"), cache_hit=True, latency_ms=0),
        AIUsageFactory(project=autumn, cost_usd=Decimal("0.125"), prompt_tokens=1, completion_tokens=1, latency_ms=50),
    ]
    AIUsage.objects.filter(pk__in=[r.pk for r in rows]).update(created_at=START + timedelta(days=1))
    outside = AIUsageFactory(project=autumn, cost_usd=Decimal("9"))
    AIUsage.objects.filter(pk=outside.pk).update(created_at=START + timedelta(days=7))

    # Analytics: 2 sessions of 1 visitor with 3 page views and a conversion.
    site = SiteFactory(name="Shop")
    for n in range(2):
        session = Session.objects.create(
            site=site, sid=f"s{n}", visitor="v1", started_at=START + timedelta(days=n), last_seen_at=START
        )
        Event.objects.create(site=site, session=session, type="page_view", ts=START + timedelta(days=n), path="/")
    Event.objects.create(site=site, session=session, type="page_view", ts=START + timedelta(days=1), path="/a")
    Event.objects.create(site=site, session=session, type="conversion", ts=START + timedelta(days=1), path="/a")


def _wipe_http_buckets():
    with redis_client() as client:
        for key in client.scan_iter("vp:app:http:*"):
            client.delete(key)


def _seed_http():
    """HTTP outcomes written to the Redis buckets as the middleware does, then folded into
    the per-minute history by the beat task's service (as it would have run at the time)."""
    at = (START + HOUR).timestamp()
    for n in range(8):  # monitoring: 8 fast (10-25 ms slot), 2 slow (250-500 ms), one a 500
        appmetrics.http_record(group="monitoring", status=200, seconds=0.02, at=at + n)
    appmetrics.http_record(group="monitoring", status=200, seconds=0.3, at=at + 20)
    appmetrics.http_record(group="monitoring", status=500, seconds=0.3, at=at + 50)
    for n in range(4):  # projects, the next minute: 4 at 5 ms, two of them 503
        appmetrics.http_record(group="projects", status=503 if n < 2 else 201, seconds=0.005, at=at + 60 + n)
    # Before the period: folded, but not in the report.
    appmetrics.http_record(group="monitoring", status=500, seconds=9.0, at=(START - timedelta(seconds=30)).timestamp())
    assert http_fold(now=START + timedelta(minutes=5)) == 1
    assert http_fold(now=START + HOUR + timedelta(minutes=5)) == 2
    assert http_fold(now=START + HOUR + timedelta(minutes=5)) == 0  # the cursor: nothing twice


@pytest.fixture
def seeded(db, settings):
    settings.MONITORING_COLLECT_INTERVAL = 3600
    _wipe_http_buckets()
    _seed()
    _seed_http()
    yield
    _wipe_http_buckets()


HTTP_ROWS = [
    {"route_group": "monitoring", "requests": 10, "errors": 1, "error_rate": 10.0, "p95_ms": 437.5},
    {"route_group": "projects", "requests": 4, "errors": 2, "error_rate": 50.0, "p95_ms": 4.8},
]


def request_weekly(client, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/monitoring/reports/", {"kind": "weekly", "period_start": "2026-03-04", **extra}, format="json"
        )
    return response


def test_weekly_report_numbers(seeded, staff_client, django_capture_on_commit_callbacks):
    response = request_weekly(staff_client, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.content
    assert response.json()["period_start"] == "2026-03-02"
    assert response.json()["period_end"] == "2026-03-08"
    report = staff_client.get(f"/api/v1/monitoring/reports/{response.json()['id']}/").json()
    assert report["status"] == "ready"
    assert report["data"]["partial"] is False
    assert [s["key"] for s in report["data"]["sections"]] == ["uptime", "alerts", "http", "ai", "analytics"]

    uptime = section(report, "uptime")
    assert [(r["host"], r["uptime_pct"], r["samples"], r["expected"], r["downtime_min"]) for r in uptime["rows"]] == [
        ("web-a", 50.0, 84, 168, 84 * 60.0),
        ("web-b", 75.0, 126, 168, 42 * 60.0),
        ("web-c", 0.0, 0, 24, 24 * 60.0),
    ]
    assert uptime["totals"]["uptime_pct"] == round(210 / 360 * 100, 2)

    alerts = section(report, "alerts")
    assert alerts["rows"] == [
        {
            "rule": "CPU high",
            "severity": "critical",
            "fired": 2,
            "acked": 1,
            "resolved": 2,
            "mean_ack_s": 600.0,
            "mean_resolve_s": 3600.0,
            "max_resolve_s": 5400.0,
        },
        {
            "rule": "Disk full",
            "severity": "warning",
            "fired": 1,
            "acked": 0,
            "resolved": 0,
            "mean_ack_s": None,
            "mean_resolve_s": None,
            "max_resolve_s": None,
        },
    ]
    assert alerts["totals"] == {
        "fired": 3,
        "acked": 1,
        "resolved": 2,
        "mean_ack_s": 600.0,
        "mean_resolve_s": 3600.0,
        "max_resolve_s": 5400.0,
    }

    # p95 from the merged histograms: monitoring's 9.5th of 10 lies in 250-500 ms after 8
    # faster ones (250 + 250·1.5/2); the total's 13.3rd of 14 likewise (250 + 250·1.3/2).
    http = section(report, "http")
    assert http["available"] is True
    assert http["rows"] == HTTP_ROWS
    assert http["totals"] == {"requests": 14, "errors": 3, "error_rate": 21.43, "p95_ms": 412.5}

    ai = section(report, "ai")
    assert ai["rows"] == [
        {
            "project": "Spring",
            "calls": 3,
            "cache_hits": 1,
            "errors": 1,
            "error_rate_pct": 33.33,
            "tokens": 165,
            "cost_usd": 0.75,
            "p95_latency_ms": 300.0,
        },
        {
            "project": "Autumn",
            "calls": 1,
            "cache_hits": 0,
            "errors": 0,
            "error_rate_pct": 0.0,
            "tokens": 2,
            "cost_usd": 0.125,
            "p95_latency_ms": 50.0,
        },
    ]
    assert ai["totals"]["calls"] == 4 and ai["totals"]["cost_usd"] == 0.875 and ai["totals"]["errors"] == 1

    analytics = section(report, "analytics")
    assert analytics["rows"] == [
        {"site": "Shop", "sessions": 2, "visitors": 1, "page_views": 3, "clicks": 0, "conversions": 1, "events": 4}
    ]


def test_csv_has_sections_and_a_period_filename(seeded, staff_client, django_capture_on_commit_callbacks):
    report_id = request_weekly(staff_client, django_capture_on_commit_callbacks).json()["id"]
    response = staff_client.get(f"/api/v1/monitoring/reports/{report_id}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="videoplanet-weekly-report-2026-03-02_2026-03-08.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["VideoPlanet operations report", "weekly", "2026-03-02", "2026-03-08"]
    at = rows.index(["# Uptime per host"])
    assert rows[at + 1] == [
        "host",
        "uptime_pct (%)",
        "samples",
        "expected",
        "downtime_min (min)",
        "last_seen_at (datetime)",
    ]
    assert rows[at + 2][:5] == ["web-a", "50.0", "84", "168", "5040.0"]
    assert rows[at + 5][:4] == ["Total", "58.33", "210", "360"]
    at = rows.index(["# Alerts"])
    assert rows[at + 2] == ["CPU high", "critical", "2", "1", "2", "600.0", "3600.0", "5400.0"]
    assert rows[at + 3] == ["Disk full", "warning", "1", "0", "0", "", "", ""]
    at = rows.index(["# HTTP latency and errors"])
    assert rows[at + 1 : at + 5] == [
        ["route_group", "requests", "errors", "error_rate (%)", "p95_ms (ms)"],
        ["monitoring", "10", "1", "10.0", "437.5"],
        ["projects", "4", "2", "50.0", "4.8"],
        ["Total", "14", "3", "21.43", "412.5"],
    ]
    at = rows.index(["# AI calls and cost per project"])
    assert rows[at + 2][:2] == ["Spring", "3"] and rows[at + 2][6] == "0.75"
    assert ["# Web analytics"] in rows


def test_email_now_goes_to_staff_in_their_language(seeded, staff_client, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(is_staff=True).update(is_staff=False)
    UserFactory(is_staff=True, email="ko@example.com", locale="ko", display_name="김운영")
    UserFactory(is_staff=True, email="en@example.com", locale="en", display_name="Olive")
    UserFactory(is_staff=False, email="member@example.com")
    UserFactory(is_staff=True, is_active=False, email="gone@example.com")
    operator = UserFactory(is_staff=True, email="op@example.com", locale="en")
    client = client_for(operator)
    report_id = request_weekly(client, django_capture_on_commit_callbacks).json()["id"]
    mail.outbox.clear()
    response = client.post(f"/api/v1/monitoring/reports/{report_id}/send/")
    assert response.status_code == 202 and response.json() == {"recipients": 3}
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"ko@example.com", "en@example.com", "op@example.com"}
    ko, en = by_to["ko@example.com"], by_to["en@example.com"]
    assert ko.subject == "[VideoPlanet] 주간 운영 보고서 2026-03-02 ~ 2026-03-08"
    assert en.subject == "[VideoPlanet] Weekly operations report 2026-03-02 – 2026-03-08"
    assert (
        "호스트별 가동률" in ko.body
        and "web-a · 50% · 84 · 168 · 5040 min" in ko.body
        and "합계: 58.33% · 210 · 360 · 9000 min" in ko.body
        and "monitoring · 10 · 1 · 10% · 437.5 ms" in ko.body
        and "합계: 14 · 3 · 21.43% · 412.5 ms" in ko.body
    )
    # A severity reads as its label in the reader's language, not as its code.
    assert "Uptime per host" in en.body and "CPU high · Critical · 2 · 1 · 2 · 600 s · 3600 s · 5400 s" in en.body
    assert "CPU high · 심각 · 2 · 1 · 2 · 600 s · 3600 s · 5400 s" in ko.body
    assert "Spring · 3 · 1 · 1 · 33.33% · 165 · $0.75 · 300 ms" in en.body
    html = en.alternatives[0][0]
    assert "<th" in html and "Longest time to resolve" in html
    assert OpsReport.objects.get(pk=report_id).emailed_at is not None


def test_duplicate_request_returns_the_existing_report_unless_regenerate(
    seeded, staff_client, django_capture_on_commit_callbacks
):
    first = request_weekly(staff_client, django_capture_on_commit_callbacks)
    again = request_weekly(staff_client, django_capture_on_commit_callbacks)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert OpsReport.objects.count() == 1
    generated = OpsReport.objects.get().generated_at
    Alert.objects.all().delete()
    rebuilt = request_weekly(staff_client, django_capture_on_commit_callbacks, regenerate=True)
    assert rebuilt.status_code == 202 and rebuilt.json()["id"] == first.json()["id"]
    report = staff_client.get(f"/api/v1/monitoring/reports/{first.json()['id']}/").json()
    assert report["status"] == "ready" and report["generated_at"] > generated.isoformat()[:19]
    assert section(report, "alerts")["rows"] == []
    listed = staff_client.get("/api/v1/monitoring/reports/?kind=weekly").json()
    assert [r["id"] for r in listed["results"]] == [first.json()["id"]]


def test_monthly_period_and_future_refused(db, staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/api/v1/monitoring/reports/", {"kind": "monthly", "period_start": "2026-02-17"}, format="json"
        )
    assert response.status_code == 202
    assert (response.json()["period_start"], response.json()["period_end"]) == ("2026-02-01", "2026-02-28")
    future = staff_client.post(
        "/api/v1/monitoring/reports/", {"kind": "weekly", "period_start": "2999-01-01"}, format="json"
    )
    assert future.status_code == 400


def test_send_before_built_is_a_conflict(db, staff_client):
    report = OpsReport.objects.create(kind="weekly", period_start=date(2026, 3, 2), period_end=date(2026, 3, 8))
    response = staff_client.post(f"/api/v1/monitoring/reports/{report.pk}/send/")
    assert response.status_code == 409 and response.json()["error"]["code"] == "report_not_ready"
    assert staff_client.get(f"/api/v1/monitoring/reports/{report.pk}/csv/").status_code == 409


def test_non_staff_is_refused(db, member_client):
    assert member_client.get("/api/v1/monitoring/reports/").status_code == 403
    assert member_client.post("/api/v1/monitoring/reports/", {"kind": "weekly"}, format="json").status_code == 403
    assert OpsReport.objects.count() == 0


def test_scheduled_reports_are_built_and_mailed_once(db):
    UserFactory(is_staff=True, email="ko@example.com", locale="ko")
    scheduled_report.delay("weekly")
    scheduled_report.delay("monthly")
    assert len(mail.outbox) == 2
    scheduled_report.delay("weekly")  # beat ran twice (a restart): nothing new
    assert len(mail.outbox) == 2
    weekly = OpsReport.objects.get(kind="weekly")
    from django.utils import timezone

    start, end = report_previous_period(kind="weekly", today=timezone.now().date())
    assert (weekly.period_start, weekly.period_end, weekly.status) == (start, end, "ready")
    assert weekly.period_start.weekday() == 0 and weekly.period_end - weekly.period_start == timedelta(days=6)
    monthly = OpsReport.objects.get(kind="monthly")
    assert monthly.period_start.day == 1 and (monthly.period_end + timedelta(days=1)).day == 1
    assert monthly.period_end < timezone.now().date()


def test_previous_periods():
    assert report_previous_period(kind="weekly", today=date(2026, 12, 7)) == (date(2026, 11, 30), date(2026, 12, 6))
    assert report_previous_period(kind="weekly", today=date(2026, 12, 13)) == (date(2026, 11, 30), date(2026, 12, 6))
    assert report_previous_period(kind="monthly", today=date(2026, 3, 1)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert report_previous_period(kind="monthly", today=date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_beat_schedules_weekly_and_monthly_reports():
    schedule = settings.CELERY_BEAT_SCHEDULE
    weekly, monthly = schedule["monitoring-report-weekly"], schedule["monitoring-report-monthly"]
    assert weekly["task"] == monthly["task"] == "apps.monitoring.tasks.scheduled_report"
    assert weekly["args"] == ("weekly",) and monthly["args"] == ("monthly",)
    assert weekly["schedule"].day_of_week == {1} and weekly["schedule"].hour == {0}
    assert monthly["schedule"].day_of_month == {1} and monthly["schedule"].hour == {0}
    assert settings.CELERY_TASK_QUEUE_OF["apps.monitoring.tasks.scheduled_report"] == "default"
    assert settings.CELERY_TASK_QUEUE_OF["apps.monitoring.tasks.build_report"] == "default"


@pytest.fixture
def broken_section():
    from apps.monitoring import report_sections
    from apps.monitoring.report_sections import ReportSection, column, register_report_section

    def build(start, end):
        raise RuntimeError("source down")

    register_report_section(
        ReportSection(
            key="broken",
            order=99,
            titles={"en": "Broken", "ko": "고장"},
            columns=(column("x", "", "X", "X"),),
            build=build,
        )
    )
    yield
    report_sections._SECTIONS.pop("broken")


@pytest.mark.usefixtures("broken_section")
def test_a_failing_section_is_marked_unavailable_and_the_rest_is_built(
    db, staff_client, django_capture_on_commit_callbacks
):
    response = request_weekly(staff_client, django_capture_on_commit_callbacks)
    report = staff_client.get(f"/api/v1/monitoring/reports/{response.json()['id']}/").json()
    assert report["status"] == "ready"
    broken = section(report, "broken")
    assert (
        broken["available"] is False
        and "RuntimeError" in broken["note"]["en"]
        and "RuntimeError" in broken["note"]["ko"]
    )
    assert section(report, "alerts")["available"] is True


def test_a_host_registered_by_its_first_sample_counts_that_sample(
    db, staff_client, settings, django_capture_on_commit_callbacks
):
    """This week so far: the host's row is created just after its first sample was taken."""
    from django.utils import timezone

    settings.MONITORING_COLLECT_INTERVAL = 15
    now = timezone.now()
    host = HostFactory(name="fresh")
    Host.objects.filter(pk=host.pk).update(created_at=now - timedelta(seconds=20))
    MetricPointFactory(host=host, metric="mem.percent", ts=now - timedelta(seconds=21))
    MetricPointFactory(host=host, metric="mem.percent", ts=now - timedelta(seconds=6))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/api/v1/monitoring/reports/", {"kind": "weekly", "period_start": now.date().isoformat()}, format="json"
        )
    report = staff_client.get(f"/api/v1/monitoring/reports/{response.json()['id']}/").json()
    assert report["data"]["partial"] is True
    [row] = section(report, "uptime")["rows"]
    assert (row["host"], row["samples"], row["expected"], row["uptime_pct"]) == ("fresh", 2, 2, 100.0)


def test_http_history_is_folded_per_minute_idempotently_and_pruned(seeded, settings):
    minute = START + HOUR
    rows = {(r.group, r.minute): r for r in HttpMetricMinute.objects.all()}
    assert set(rows) == {
        ("monitoring", START - timedelta(minutes=1)),
        ("monitoring", minute),
        ("projects", minute + timedelta(minutes=1)),
    }
    fast, slow = appmetrics.LATENCY_BOUNDS_MS.index(25), appmetrics.LATENCY_BOUNDS_MS.index(500)
    monitoring = rows[("monitoring", minute)]
    assert (monitoring.requests, monitoring.errors) == (10, 1)
    assert monitoring.histogram == [8 if i == fast else 2 if i == slow else 0 for i in range(12)]
    assert RollupCursor.objects.get(resolution="http").rolled_until == minute + timedelta(minutes=4)

    # A lost cursor folds the same minutes again: rows are overwritten, never added to.
    RollupCursor.objects.filter(resolution="http").delete()
    assert http_fold(now=minute + timedelta(minutes=5)) == 2
    assert HttpMetricMinute.objects.count() == 3
    assert HttpMetricMinute.objects.get(group="monitoring", minute=minute).requests == 10

    # The beat task: now, with no traffic in the last 30 minutes, writes nothing.
    assert fold_http_metrics.delay().get() == 0
    assert settings.CELERY_BEAT_SCHEDULE["monitoring-http-history"]["task"] == "apps.monitoring.tasks.fold_http_metrics"

    # Retention: older than MONITORING_RETENTION_HTTP_DAYS goes.
    from apps.monitoring.services.rollups import retention_run

    settings.MONITORING_RETENTION_DAYS = {**settings.MONITORING_RETENTION_DAYS, "http": 1}
    assert retention_run(now=minute + timedelta(days=1))["http"] == 1
    assert HttpMetricMinute.objects.count() == 2
