"""The console overview (GET monitoring/overview/): one answer with hosts and their sparkline
history, firing alerts by severity, HTTP numbers measured by the middleware, Celery queues,
AI cost this month against budget and analytics ingestion health — numbers checked against
rows made by factories and requests sent through the real path."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from apps.ai_planning.models import AIUsage
from apps.ai_planning.tests.factories import AISettingsFactory, AIUsageFactory
from apps.core.redis_clients import redis_client
from apps.monitoring.analytics import health
from apps.projects.tests.factories import ProjectFactory

from .conftest import put
from .factories import AlertFactory, AlertRuleFactory, HostFactory

URL = "/api/v1/monitoring/overview/"


@pytest.fixture(autouse=True)
def _clean_counters():
    def wipe():
        with redis_client() as client:
            for pattern in ("vp:app:*", "vp:an:health:*", "vp:mon:latest:*"):
                for key in client.scan_iter(pattern):
                    client.delete(key)
        with redis_client(django_settings.CELERY_BROKER_URL) as client:
            for queue in django_settings.MONITORING_CELERY_QUEUES:
                client.delete(queue)

    wipe()
    yield
    wipe()


def test_only_staff_see_the_overview(staff_client, member_client, api_client):
    assert member_client.get(URL).status_code == 403
    assert api_client.get(URL).status_code == 401
    assert staff_client.get(URL).status_code == 200


@pytest.mark.django_db
def test_overview_numbers_match_the_rows(staff_client):
    now = timezone.now()
    web = HostFactory(name="web-1")
    HostFactory(name="db-1")  # never reported: listed, unknown, no history
    for seconds, cpu in ((1200, 10.0), (600, 30.0), (10, 55.5)):
        ts = now - timedelta(seconds=seconds)
        put(web, "cpu.percent", cpu, ts)
        put(web, "mem.percent", 40.0, ts)
        put(web, "disk.percent", 61.0, ts, labels="/")
        put(web, "disk.percent", 82.0, ts, labels="/data")  # the fullest mount is the one shown
    put(web, "cpu.percent", 99.0, now - timedelta(hours=2))  # older than the sparkline window

    AlertFactory(severity="critical", host=web)
    AlertFactory(severity="critical", rule=AlertRuleFactory(name="Disk"), host=web)
    AlertFactory(severity="warning", host=web)
    AlertFactory(severity="warning", status="pending", host=web)
    AlertFactory(severity="critical", status="resolved", host=web)

    project = ProjectFactory(name="Launch film")
    AISettingsFactory(project=project, monthly_budget_usd=Decimal("20"))
    usage = AIUsageFactory(project=project, cost_usd=Decimal("4.25"))
    AIUsage.objects.filter(pk=usage.pk).update(created_at=now - timedelta(minutes=5))

    for status, accepted in ((202, 7), (202, 5), (429, 0), (400, 0)):
        health.ingestion_record(site_id=None, status=status, accepted=accepted, rejected=1, seconds=0.004)

    for _ in range(3):
        assert staff_client.get("/api/v1/monitoring/hosts/").status_code == 200

    body = staff_client.get(URL).json()

    hosts = {host["name"]: host for host in body["hosts"]}
    assert list(hosts) == ["db-1", "web-1"]
    assert hosts["db-1"]["status"] == "unknown" and hosts["db-1"]["history"] == []
    assert hosts["web-1"]["status"] == "up"
    assert (hosts["web-1"]["cpu_percent"], hosts["web-1"]["mem_percent"], hosts["web-1"]["disk_percent"]) == (
        55.5,
        40.0,
        82.0,
    )
    history = hosts["web-1"]["history"]
    assert [point["cpu"] for point in history] == [10.0, 30.0, 55.5]
    assert {point["disk"] for point in history} == {82.0}

    alerts = body["alerts"]
    assert alerts["firing"] == {"info": 0, "warning": 1, "critical": 2}
    assert (alerts["firing_total"], alerts["pending"]) == (3, 1)
    assert len(alerts["top"]) == 3 and {a["target"] for a in alerts["top"]} == {"web-1"}

    assert body["http"]["requests"] >= 3
    assert body["http"]["error_rate"] == 0.0
    assert {group["group"] for group in body["http"]["groups"]} >= {"monitoring"}
    assert {queue["queue"] for queue in body["queues"]} == set(django_settings.MONITORING_CELERY_QUEUES)
    assert all(queue["depth"] == 0 for queue in body["queues"])
    assert body["sockets"]["total"] == 0

    ai = body["ai_cost"]
    assert (ai["month_to_date_usd"], ai["budget_usd"], ai["projects"]) == (4.25, 20.0, 1)
    assert ai["budget_used_percent"] == 21.25
    assert ai["forecast_usd"] >= 4.25

    analytics = body["analytics"]
    assert (analytics["accepted"], analytics["rejected"], analytics["errors"], analytics["throttled"]) == (
        12,
        4,
        1,
        1,
    )
    assert analytics["latency_p95_ms"] == 4.0
    assert len(analytics["series"]) == analytics["window_minutes"] == 60
    assert sum(minute["accepted"] for minute in analytics["series"]) == 12


@pytest.mark.django_db
def test_http_errors_show_in_the_error_rate(staff_client):
    # A 404 is not a server error; the share counts 5xx only — none here.
    staff_client.get("/api/v1/monitoring/hosts/00000000-0000-0000-0000-000000000000/")
    body = staff_client.get(URL).json()
    assert body["http"]["errors"] == 0 and body["http"]["requests"] >= 1
