"""Application metrics as an alert source (`app`): what the product measures itself — HTTP
5xx share and p95 latency per route group (real requests through the middleware), Celery
queue depth and oldest wait (real broker messages), open WebSocket connections (a real
connection) — fire and resolve rules through the evaluation task; and an unhandled server
error notifies staff in-app once per kind when there is no Sentry."""

import time
import warnings
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from celery import current_app
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.urls import include, path
from django.utils import timezone
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apps.core.models import Notification
from apps.core.redis_clients import redis_client
from apps.core.ws.tickets import ticket_issue
from apps.monitoring import appmetrics
from apps.monitoring.models import Alert
from apps.monitoring.services.alerts import rule_evaluate
from apps.monitoring.tasks import evaluate_alert_rules
from config.asgi import application
from tests.factories import UserFactory

from .conftest import client_for, make_rule


@api_view(["GET"])
@permission_classes([AllowAny])
def crashing_view(request):
    raise RuntimeError("injected failure")


@api_view(["GET"])
@permission_classes([AllowAny])
def other_crash(request):
    raise KeyError("another kind")


@api_view(["GET"])
@permission_classes([AllowAny])
def slow_view(request):
    time.sleep(0.3)
    return Response({"ok": True})


def plain_crash(request):
    raise ValueError("outside the API")


urlpatterns = [
    path("plain-crash/", plain_crash),
    path("api/v1/test-crash/", crashing_view),
    path("api/v1/test-crash-2/", other_crash),
    path("api/v1/test-slow/", slow_view),
    path("", include("config.urls")),
]


@pytest.fixture(autouse=True)
def _clean_app_metrics():
    def wipe():
        with redis_client() as client:
            for pattern in ("vp:app:*", "vp:server-error:*"):
                for key in client.scan_iter(pattern):
                    client.delete(key)
        with redis_client(django_settings.CELERY_BROKER_URL) as client:
            for queue in django_settings.MONITORING_CELERY_QUEUES:
                client.delete(queue)

    wipe()
    yield
    wipe()


def app_rule(metric: str, threshold: float, targets: list[str] | None = None, **overrides):
    return make_rule(
        **{
            "name": f"app {metric}",
            "source": "app",
            "metric": metric,
            "operator": ">",
            "threshold": threshold,
            "for_seconds": 0,
            "host_selector": {"targets": targets} if targets else {},
            **overrides,
        }
    )


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.server_errors_expected
def test_http_error_rate_rule_fires_on_injected_5xx_and_resolves_after_successes(settings, email_channel):
    settings.SENTRY_DSN = ""
    staff = UserFactory(is_staff=True, locale="en")
    client = client_for(staff)
    rule = app_rule("http.error_rate", 50.0, ["monitoring"], channels=[email_channel])

    for _ in range(3):
        assert client.get("/api/v1/test-crash/").status_code == 500  # a test view in apps.monitoring
    assert client.get("/api/v1/monitoring/hosts/").status_code == 200

    assert appmetrics.http_window(timezone.now())["monitoring"] == {
        "requests": 4,
        "errors": 3,
        "error_rate": 75.0,
        "p95_ms": pytest.approx(appmetrics.http_window(timezone.now())["monitoring"]["p95_ms"]),
    }
    evaluate_alert_rules()  # the beat task
    alert = Alert.objects.get(rule=rule)
    assert (alert.status, alert.target, alert.target_label, alert.value) == ("firing", "monitoring", "monitoring", 75.0)

    for _ in range(5):
        assert client.get("/api/v1/monitoring/hosts/").status_code == 200
    evaluate_alert_rules()  # 3 of 9 = 33 %
    alert.refresh_from_db()
    assert alert.status == "resolved"
    assert alert.value == pytest.approx(33.33)

    # Three identical errors: one staff notification, in the reader's language.
    notices = Notification.objects.filter(recipient=staff, key="server.error")
    assert notices.count() == 1
    assert notices.get().title == "Server error RuntimeError: /api/v1/test-crash/"
    assert "injected failure" in notices.get().body


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.server_errors_expected
def test_error_rate_alert_resolves_when_the_window_passes_without_traffic():
    staff = UserFactory(is_staff=True)
    rule = app_rule("http.error_rate", 10.0)  # {}: every route group with traffic
    client_for(staff).get("/api/v1/test-crash/")
    now = timezone.now()
    assert rule_evaluate(rule=rule, now=now) == {"fired": 1, "resolved": 0}

    later = now + timedelta(seconds=settings_window() + 20)
    assert rule_evaluate(rule=rule, now=later) == {"fired": 0, "resolved": 1}
    assert Alert.objects.get(rule=rule).value == 0.0


def settings_window() -> int:
    return django_settings.MONITORING_APP_WINDOW_SECONDS


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_p95_latency_per_route_group(staff_client):
    rule = app_rule("http.p95_ms", 200.0, ["monitoring"])
    for _ in range(8):
        assert staff_client.get("/api/v1/monitoring/hosts/").status_code == 200
    for _ in range(2):
        assert staff_client.get("/api/v1/test-slow/").status_code == 200

    p95 = appmetrics.http_window(timezone.now())["monitoring"]["p95_ms"]
    assert p95 > 250  # 2 of 10 requests took 300 ms or more: the 95th is at least in the 250-500 ms bucket
    assert rule_evaluate(rule=rule) == {"fired": 1, "resolved": 0}
    assert Alert.objects.get(rule=rule).value == p95


@pytest.mark.django_db
@pytest.mark.server_errors_expected
@pytest.mark.urls(__name__)
def test_staff_notification_only_without_sentry_and_once_per_kind(settings, api_client):
    staff = UserFactory(is_staff=True, locale="ko")
    UserFactory(is_staff=False)
    settings.SENTRY_DSN = "https://key@sentry.example/1"
    api_client.get("/api/v1/test-crash/")
    assert not Notification.objects.filter(key="server.error").exists()

    settings.SENTRY_DSN = ""
    for _ in range(3):
        api_client.get("/api/v1/test-crash/")
    api_client.get("/api/v1/test-crash-2/")  # another kind
    api_client.raise_request_exception = False
    assert api_client.get("/plain-crash/").status_code == 500  # Django's handler, not the API's
    notices = Notification.objects.filter(key="server.error").order_by("created_at")
    assert [(n.recipient_id, n.title) for n in notices] == [
        (staff.pk, "서버 오류 RuntimeError: /api/v1/test-crash/"),
        (staff.pk, "서버 오류 KeyError: /api/v1/test-crash-2/"),
        (staff.pk, "서버 오류 ValueError: /plain-crash/"),
    ]


@pytest.mark.django_db
def test_queue_depth_and_oldest_wait_from_real_broker_messages():
    queue = "media"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # send_task ignores task_always_eager: it really publishes
        for _ in range(3):
            current_app.send_task("apps.monitoring.tasks.collect_metrics", queue=queue)
    with redis_client(django_settings.CELERY_BROKER_URL) as client:
        assert client.llen(queue) == 3

    later = timezone.now() + timedelta(seconds=90)
    values = appmetrics.celery_queues(later)
    assert values[queue]["depth"] == 3
    assert 90 <= values[queue]["oldest_wait_s"] < 100
    assert values["default"] == {"depth": 0, "oldest_wait_s": 0.0}

    depth = app_rule("celery.queue_depth", 2, [queue])
    wait = app_rule("celery.oldest_wait_s", 60)
    assert rule_evaluate(rule=depth, now=later) == {"fired": 1, "resolved": 0}
    assert rule_evaluate(rule=wait, now=later) == {"fired": 1, "resolved": 0}
    assert Alert.objects.get(rule=wait).target == queue  # only the queue with a waiting message

    with redis_client(django_settings.CELERY_BROKER_URL) as client:
        client.delete(queue)  # a worker took them
    assert rule_evaluate(rule=depth, now=later) == {"fired": 0, "resolved": 1}
    assert rule_evaluate(rule=wait, now=later) == {"fired": 0, "resolved": 1}


async def _eventually(check, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while True:
        value = await sync_to_async(check)()
        if value or time.monotonic() > deadline:
            return value
        await __import__("asyncio").sleep(0.05)


@pytest.mark.django_db(transaction=True)
async def test_websocket_connections_are_counted_through_a_real_connection():
    # Connections an earlier test left open in this process still count: measure from them.
    before = appmetrics.websockets._ws_counts.get("monitoring", 0)
    staff = await database_sync_to_async(UserFactory)(is_staff=True)
    rule = await database_sync_to_async(app_rule)("ws.connections", before, ["monitoring"])
    ticket = await sync_to_async(ticket_issue)(user_id=staff.pk)
    communicator = WebsocketCommunicator(
        application, f"/ws/monitoring/?ticket={ticket}", headers=[(b"origin", b"http://localhost:3000")]
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected

    assert await _eventually(lambda: appmetrics.ws_connections().get("monitoring") == before + 1)
    assert await database_sync_to_async(rule_evaluate)(rule=rule) == {"fired": 1, "resolved": 0}

    await communicator.disconnect()
    assert await _eventually(lambda: appmetrics.ws_connections().get("monitoring", 0) == before)
    assert await database_sync_to_async(rule_evaluate)(rule=rule) == {"fired": 0, "resolved": 1}


@pytest.mark.django_db
def test_catalog_lists_the_app_source_and_rules_take_its_targets(staff_client, member_client):
    catalog = staff_client.get("/api/v1/monitoring/metrics/catalog/").json()["sources"]["app"]
    assert {
        "http.error_rate",
        "http.p95_ms",
        "ws.connections",
        "celery.queue_depth",
        "celery.oldest_wait_s",
        "ai.error_rate",
    } <= set(catalog)

    payload = {
        "name": "API errors",
        "source": "app",
        "metric": "http.error_rate",
        "operator": ">",
        "threshold": 5,
        "for_seconds": 60,
        "severity": "critical",
        "host_selector": {"targets": ["projects"]},
    }
    created = staff_client.post("/api/v1/monitoring/rules/", payload, format="json")
    assert created.status_code == 201, created.content
    refused = staff_client.post(
        "/api/v1/monitoring/rules/", {**payload, "host_selector": {"hosts": ["web-1"]}}, format="json"
    )
    assert refused.status_code == 400
    not_names = staff_client.post(
        "/api/v1/monitoring/rules/", {**payload, "host_selector": {"targets": "projects"}}, format="json"
    )
    assert not_names.status_code == 400
    assert "host_selector" in not_names.json()["error"]["details"]

    snapshot = staff_client.get("/api/v1/monitoring/metrics/app/")
    assert snapshot.status_code == 200
    body = snapshot.json()
    assert body["window_seconds"] == django_settings.MONITORING_APP_WINDOW_SECONDS
    assert {"target": "media", "value": 0.0} in body["metrics"]["celery.queue_depth"]
    assert body["metrics"]["ai.error_rate"] == [{"target": "all", "value": 0.0}]
    # the catalogue request above was recorded in its route group
    assert any(row["target"] == "monitoring" for row in body["metrics"]["http.requests"])
    series = body["http_series"]
    assert len(series) == 30 and series[0]["at"] < series[-1]["at"]
    assert series[-1]["groups"]["monitoring"]["requests"] >= 1  # this minute
    assert member_client.get("/api/v1/monitoring/metrics/app/").status_code == 403


@pytest.mark.django_db
def test_redis_away_costs_requests_nothing_and_leaves_alerts_as_they_are(settings, staff_client, monkeypatch):
    rule = app_rule("http.error_rate", 50.0)
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    monkeypatch.setattr(appmetrics.http, "_client", None)  # the process's client is made on first use
    monkeypatch.setattr(appmetrics.http, "_down_until", 0.0)

    assert staff_client.get("/api/v1/monitoring/hosts/").status_code == 200
    assert appmetrics.http._down_until > 0  # backing off: the next requests do not try
    assert staff_client.get("/api/v1/monitoring/hosts/").status_code == 200
    assert rule_evaluate(rule=rule) == {"fired": 0, "resolved": 0}  # no fresh value, no alert
    body = staff_client.get("/api/v1/monitoring/metrics/app/").json()
    assert body["metrics"]["http.error_rate"] == [] and body["http_series"] == []
