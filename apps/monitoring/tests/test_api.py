"""The REST surface: staff only, bad input refused in the envelope, templates, ack, stats,
forecasts, anomalies, tasks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.monitoring.models import Alert, AlertRule, Anomaly, NotificationTemplate, TaskRun
from apps.monitoring.services.alerts import rule_evaluate
from apps.monitoring.services.analysis import anomalies_detect, least_squares_slope

from .conftest import client_for, make_rule, put
from .factories import AlertFactory, HostFactory, TaskRunFactory

pytestmark = pytest.mark.django_db

LIST_ROUTES = [
    "hosts/",
    "metrics/catalog/",
    "rules/",
    "alerts/",
    "silences/",
    "channels/",
    "templates/",
    "tasks/",
    "anomalies/",
    "stats/?metric=cpu.percent&period=day",
    "forecasts/",
    "backups/",
]


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_anonymous_gets_401_and_members_403(route, member_client, api_client):
    response = api_client.get(f"/api/v1/monitoring/{route}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    response = member_client.get(f"/api/v1/monitoring/{route}")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_staff_can_read(route, staff_client):
    assert staff_client.get(f"/api/v1/monitoring/{route}").status_code == 200


def test_the_monitoring_permission_works_without_staff(db):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_monitoring"))
    assert client_for(user).get("/api/v1/monitoring/alerts/").status_code == 200


RULE = {"name": "CPU", "metric": "cpu.percent", "operator": ">", "threshold": 90, "for_seconds": 60}


def test_rule_crud(staff_client, email_channel):
    response = staff_client.post(
        "/api/v1/monitoring/rules/",
        {**RULE, "channels": [str(email_channel.pk)], "host_selector": {"name_glob": "web-*"}},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["channels"] == [{"id": str(email_channel.pk), "name": "ops mail", "kind": "email"}]
    assert (body["severity"], body["cooldown_seconds"], body["open_alerts"]) == ("warning", 3600, 0)
    rule_id = body["id"]
    response = staff_client.patch(f"/api/v1/monitoring/rules/{rule_id}/", {"threshold": 80, "enabled": False})
    assert response.status_code == 200 and response.json()["threshold"] == 80
    assert staff_client.delete(f"/api/v1/monitoring/rules/{rule_id}/").status_code == 204
    assert AlertRule.objects.count() == 0


@pytest.mark.parametrize(
    "change, field",
    [
        ({"metric": "cpu.temperature"}, "metric"),
        ({"threshold": "ninety"}, "threshold"),
        ({"threshold": "NaN"}, "threshold"),
        ({"for_seconds": -5}, "for_seconds"),
        ({"operator": "=~"}, "operator"),
        ({"severity": "apocalyptic"}, "severity"),
        ({"source": "ai_cost"}, "source"),
        ({"host_selector": {"regex": ".*"}}, "host_selector"),
        ({"is_staff": True}, "is_staff"),
        ({"channels": ["00000000-0000-0000-0000-000000000000"]}, "channels"),
    ],
)
def test_rule_bad_input_is_refused(staff_client, change, field):
    response = staff_client.post("/api/v1/monitoring/rules/", {**RULE, **change})
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error" and field in error["details"]
    assert AlertRule.objects.count() == 0


def test_alert_list_puts_firing_first_and_ack_works(staff_client, staff, host):
    rule = make_rule()
    put(host, "cpu.percent", 95, timezone.now() - timedelta(seconds=5))
    rule_evaluate(rule=rule)
    put(host, "cpu.percent", 5, timezone.now())
    rule_evaluate(rule=rule)
    put(host, "cpu.percent", 95, timezone.now() + timedelta(seconds=1))
    rule_evaluate(rule=rule, now=timezone.now() + timedelta(seconds=1))
    response = staff_client.get("/api/v1/monitoring/alerts/")
    statuses = [a["status"] for a in response.json()["results"]]
    assert statuses == ["firing", "resolved"]
    firing, resolved = response.json()["results"]
    assert firing["rule"]["name"] == "CPU high" and firing["host"]["name"] == "web-1"
    response = staff_client.post(f"/api/v1/monitoring/alerts/{firing['id']}/ack/")
    assert response.status_code == 200
    assert response.json()["acknowledged_by"]["display_name"] == "Operator"
    response = staff_client.post(f"/api/v1/monitoring/alerts/{resolved['id']}/ack/")
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"
    assert response.json()["error"]["message"] == "이미 해결된 알림입니다."
    response = staff_client.post(f"/api/v1/monitoring/alerts/{resolved['id']}/ack/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["error"]["message"] == "This alert is already resolved."
    response = staff_client.patch(f"/api/v1/monitoring/alerts/{firing['id']}/", {"notes": "disk cleanup running"})
    assert response.json()["notes"] == "disk cleanup running"
    assert staff_client.get("/api/v1/monitoring/alerts/?status=open").json()["count"] == 1
    response = staff_client.post("/api/v1/monitoring/alerts/00000000-0000-0000-0000-000000000000/ack/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_alert_list_query_count_does_not_grow(staff_client, host, django_assert_num_queries):

    rule = make_rule()
    now = timezone.now()
    for i in range(3):
        put(HostFactory(name=f"h{i}"), "cpu.percent", 99, now)
    rule_evaluate(rule=rule, now=now)
    with django_assert_num_queries(3):  # auth user, count, page: no per-row queries
        assert staff_client.get("/api/v1/monitoring/alerts/").json()["count"] == 3


def test_silence_from_an_alert(staff_client, host):
    rule = make_rule()
    response = staff_client.post(
        "/api/v1/monitoring/silences/",
        {
            "matchers": {"rule": str(rule.pk), "host": "web-1"},
            "ends_at": (timezone.now() + timedelta(hours=2)).isoformat(),
            "reason": "known issue",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["active"] and body["created_by"]["display_name"] == "Operator"
    assert staff_client.delete(f"/api/v1/monitoring/silences/{body['id']}/").status_code == 204
    assert staff_client.get("/api/v1/monitoring/silences/?active=true").json()["count"] == 0
    response = staff_client.post(
        "/api/v1/monitoring/silences/",
        {"matchers": {"colour": "red"}, "ends_at": (timezone.now() + timedelta(hours=2)).isoformat()},
    )
    assert response.status_code == 400 and "matchers" in response.json()["error"]["details"]
    response = staff_client.post(
        "/api/v1/monitoring/silences/",
        {"starts_at": timezone.now().isoformat(), "ends_at": (timezone.now() - timedelta(hours=2)).isoformat()},
    )
    assert response.status_code == 400 and "ends_at" in response.json()["error"]["details"]


TEMPLATE = {
    "event_type": "alert.firing",
    "locale": "ko",
    "subject": "[{{ alert.severity }}] {{ rule.name }}",
    "body": "{{ host.name }}: {{ alert.value }}",
}


def test_template_with_a_syntax_error_is_rejected_on_save(staff_client):
    for broken in (
        {"body": "{% if alert.value %}no end"},
        {"subject": "{{ alert.value|nosuchfilter }}"},
        {"body": "{% load static %}{% static 'x' %}"},
        {"body": "{% include '/etc/passwd' %}"},
    ):
        response = staff_client.post("/api/v1/monitoring/templates/", {**TEMPLATE, **broken})
        assert response.status_code == 400, (broken, response.content)
        assert set(response.json()["error"]["details"]) & {"body", "subject"}
    assert NotificationTemplate.objects.count() == 0


def test_template_crud_preview_and_use(staff_client, host, email_channel, django_capture_on_commit_callbacks):
    from django.core import mail

    response = staff_client.post("/api/v1/monitoring/templates/", {**TEMPLATE, "locale": "en"})
    assert response.status_code == 201, response.content
    response = staff_client.post(
        "/api/v1/monitoring/templates/preview/",
        {"subject": TEMPLATE["subject"], "body": "{{ host.name }} at {{ alert.value }}"},
    )
    assert response.status_code == 200
    assert response.json()["subject"] == "[critical] CPU high"
    assert response.json()["body"] == "web-1 at 97.5"
    response = staff_client.post("/api/v1/monitoring/templates/preview/", {"subject": "{% if %}", "body": "x"})
    assert response.status_code == 400
    rule = make_rule(channels=[email_channel])
    with django_capture_on_commit_callbacks(execute=True):
        put(host, "cpu.percent", 99.5, timezone.now())
        rule_evaluate(rule=rule)
    assert mail.outbox[0].subject == "[critical] CPU high"
    assert mail.outbox[0].body == "web-1: 99.5"


def test_channel_crud_test_send_and_delivery_log(staff_client, django_capture_on_commit_callbacks):
    from django.core import mail

    response = staff_client.post(
        "/api/v1/monitoring/channels/",
        {"name": "ops", "kind": "email", "recipients": ["ops@example.com"], "locale": "ko"},
    )
    assert response.status_code == 201
    channel_id = response.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/api/v1/monitoring/channels/{channel_id}/test/")
    assert response.status_code == 202
    assert mail.outbox[0].subject == "VideoPlanet 테스트 알림"
    log = staff_client.get(f"/api/v1/monitoring/channels/{channel_id}/deliveries/").json()["results"]
    assert log[0]["status"] == "delivered" and log[0]["attempt_log"][0]["ok"] is True
    response = staff_client.post("/api/v1/monitoring/channels/", {"name": "x", "kind": "email", "recipients": []})
    assert response.status_code == 400
    response = staff_client.post(
        "/api/v1/monitoring/channels/", {"name": "x", "kind": "email", "recipients": ["not-an-email"]}
    )
    assert response.status_code == 400


def test_stats_compare_with_the_previous_period(staff_client, host):
    now = timezone.now()
    for i in range(10):
        put(host, "cpu.percent", 40 + i, now - timedelta(hours=2, minutes=i))  # current day: 40..49
        put(host, "cpu.percent", 20 + i, now - timedelta(hours=26, minutes=i))  # previous day: 20..29
    response = staff_client.get("/api/v1/monitoring/stats/?metric=cpu.percent&period=day")
    assert response.status_code == 200
    [row] = response.json()["rows"]
    assert row["current"]["min"] == 40 and row["current"]["max"] == 49 and row["current"]["count"] == 10
    assert row["previous"]["avg"] == pytest.approx(24.5)
    assert row["change_percent"]["avg"] == pytest.approx((44.5 - 24.5) / 24.5 * 100, abs=0.01)
    assert staff_client.get("/api/v1/monitoring/stats/?metric=cpu.percent&period=year").status_code == 400


def test_least_squares_and_disk_full_forecast(staff_client, host):
    assert least_squares_slope([(0, 1), (1, 3), (2, 5)]) == pytest.approx(2)
    assert least_squares_slope([(1, 1)]) is None
    now = timezone.now()
    for day in range(6):  # 50 % growing 5 points a day
        put(host, "disk.percent", 50 + 5 * day, now - timedelta(days=5 - day, minutes=1), labels="/")
    [disk] = staff_client.get("/api/v1/monitoring/forecasts/").json()["disks"]
    assert disk["mount"] == "/" and disk["current_percent"] == 75
    assert disk["slope_percent_per_day"] == pytest.approx(5, rel=0.01)
    assert disk["days_until_full"] == pytest.approx(5, abs=0.1)
    assert disk["enough_data"] is True


def test_disk_forecast_waits_for_hours_of_data(staff_client, host):
    now = timezone.now()
    put(host, "disk.percent", 26.0, now - timedelta(minutes=10), labels="/")
    put(host, "disk.percent", 26.4, now - timedelta(minutes=1), labels="/")  # +0.4 in 9 min: noise
    [disk] = staff_client.get("/api/v1/monitoring/forecasts/").json()["disks"]
    assert disk["enough_data"] is False
    assert (disk["slope_percent_per_day"], disk["days_until_full"], disk["current_percent"]) == (None, None, 26.4)


def test_anomaly_detection_flags_a_spike(staff_client, host):
    now = timezone.now()
    for i in range(60):  # baseline: around 20 % with some spread
        put(host, "cpu.percent", 20 + (i % 5), now - timedelta(minutes=20 + i * 5))
    for i in range(4):
        put(host, "cpu.percent", 95, now - timedelta(minutes=i))
    found = anomalies_detect(now=now)
    assert len(found) == 1 and found[0].score > 3
    assert anomalies_detect(now=now) == []  # at most one per series per hour
    body = staff_client.get("/api/v1/monitoring/anomalies/").json()
    assert body["results"][0]["metric"] == "cpu.percent" and body["results"][0]["host"]["name"] == "web-1"
    assert Anomaly.objects.count() == 1


def test_tasks_view_shows_runs_failures_and_retries(staff_client):
    now = timezone.now()
    TaskRunFactory(task_id="a", started_at=now, runtime_ms=5)
    TaskRunFactory(task_id="b", name="apps.x.bad", state="failed", started_at=now, error="ValueError: x")
    TaskRunFactory(task_id="c", started_at=now, retries=2)
    body = staff_client.get("/api/v1/monitoring/tasks/").json()
    assert set(body["queues"]) == {"monitoring", "ai-urgent", "default", "media", "ai", "unacked"}
    assert [r["task_id"] for r in body["failures"]] == ["b"]
    assert [r["task_id"] for r in body["retries"]] == ["c"]
    summary = {row["name"]: row for row in body["summary"]}
    assert summary["apps.x.ok"]["total"] == 2 and summary["apps.x.ok"]["retried"] == 1


def test_celery_signals_record_task_runs(settings):
    from apps.monitoring.tasks import rollup_metrics

    rollup_metrics.delay()
    run = TaskRun.objects.get(name="apps.monitoring.tasks.rollup_metrics")
    assert run.state == "succeeded" and run.runtime_ms is not None


def test_heartbeat_tasks_leave_no_row_when_they_succeed(settings):
    from apps.monitoring.analytics.tasks import analytics_tick
    from apps.monitoring.tasks import rollup_metrics

    settings.MONITORING_TASKS_QUIET = [analytics_tick.name]
    analytics_tick.delay()
    rollup_metrics.delay()
    assert list(TaskRun.objects.values_list("name", flat=True)) == [rollup_metrics.name]


def test_every_beat_entry_names_a_registered_task(settings):
    from config.celery import app

    app.loader.import_default_modules()
    missing = {
        name: entry["task"] for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if entry["task"] not in app.tasks
    }
    assert missing == {}
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "apps.monitoring.tasks.collect_metrics",
        "apps.monitoring.tasks.evaluate_alert_rules",
        "apps.monitoring.tasks.rollup_metrics",
        "apps.monitoring.tasks.backup_database",
    } <= scheduled


def test_alert_model_refuses_a_second_open_alert_per_rule_and_target(host):
    from django.db import IntegrityError, transaction

    rule = make_rule()
    now = timezone.now()
    common = {"rule": rule, "host": host, "pending_since": now, "last_evaluated_at": now}
    AlertFactory(status="firing", **common)
    with pytest.raises(IntegrityError), transaction.atomic():
        AlertFactory(status="pending", **common)
    AlertFactory(status="resolved", **common)  # closed ones are history: any number


def test_rule_preview_replays_the_last_day(staff_client, host):
    now = timezone.now()
    values = [10, 95, 96, 97, 98, 20, 20, 99, 20]  # one long episode, one too short for 30 s
    for i, value in enumerate(values):
        put(host, "cpu.percent", value, now - timedelta(minutes=10) + timedelta(seconds=15 * i))
    response = staff_client.post(
        "/api/v1/monitoring/rules/preview/",
        {"metric": "cpu.percent", "operator": ">", "threshold": 90, "for_seconds": 30},
    )
    assert response.status_code == 200, response.content
    [row] = response.json()["hosts"]
    [episode] = row["episodes"]
    assert episode["peak"] == 98 and episode["resolved_at"] is not None
    assert row["firing_now"] is False
    response = staff_client.post(
        "/api/v1/monitoring/rules/preview/", {"metric": "nope", "operator": ">", "threshold": "x"}
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) == {"metric", "threshold"}
    assert AlertRule.objects.count() == 0 and Alert.objects.count() == 0
