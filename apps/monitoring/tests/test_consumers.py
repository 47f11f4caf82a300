"""/ws/monitoring/ through the real ASGI app and Redis layer: staff only, live alerts with
seq, metrics samples without."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.utils import timezone

from apps.core.ws.tickets import ticket_issue
from apps.monitoring.services.alerts import rule_evaluate
from apps.monitoring.services.samples import host_collect
from config.asgi import application
from tests.factories import UserFactory

from .conftest import make_rule, put
from .factories import HostFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost:3000")


async def open_stream(user) -> tuple[WebsocketCommunicator, dict | None]:
    ticket = await sync_to_async(ticket_issue)(user_id=user.pk)
    communicator = WebsocketCommunicator(application, f"/ws/monitoring/?ticket={ticket}", headers=[ORIGIN])
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def test_non_staff_is_refused_with_4403():
    user = await database_sync_to_async(UserFactory)()
    communicator = await open_stream(user)
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": 4403}


async def test_staff_sees_a_live_alert_fire_and_resolve_with_seq():
    staff = await database_sync_to_async(UserFactory)(is_staff=True)
    communicator = await open_stream(staff)
    hello = await communicator.receive_json_from(timeout=5)
    assert hello["type"] == "hello" and hello["stream"] == "monitoring"

    def fire_then_resolve():

        host = HostFactory(name="web-live")
        rule = make_rule(threshold=1)
        now = timezone.now()
        put(host, "cpu.percent", 50, now)
        rule_evaluate(rule=rule, now=now)
        put(host, "cpu.percent", 0, now + timedelta(seconds=15))
        rule_evaluate(rule=rule, now=now + timedelta(seconds=15))

    await database_sync_to_async(fire_then_resolve)()
    firing = await communicator.receive_json_from(timeout=5)
    resolved = await communicator.receive_json_from(timeout=5)
    assert (firing["type"], firing["seq"]) == ("alert.firing", hello["seq"] + 1)
    assert firing["data"]["host"]["name"] == "web-live" and firing["data"]["status"] == "firing"
    assert (resolved["type"], resolved["seq"]) == ("alert.resolved", hello["seq"] + 2)
    await communicator.send_json_to({"type": "resume", "after": hello["seq"]})
    replay = [await communicator.receive_json_from(timeout=5) for _ in range(2)]  # a reconnecting client's view
    assert [(m["type"], m["seq"]) for m in replay] == [
        ("alert.firing", firing["seq"]),
        ("alert.resolved", resolved["seq"]),
    ]
    await communicator.disconnect()


async def test_metrics_samples_are_pushed_without_seq():
    staff = await database_sync_to_async(UserFactory)(is_staff=True)
    communicator = await open_stream(staff)
    await communicator.receive_json_from(timeout=5)
    await database_sync_to_async(host_collect)()
    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "metrics.sample" and "seq" not in message
    assert message["data"]["host"]["name"] == "test-host"
    assert "mem.percent" in message["data"]["metrics"]
    await communicator.disconnect()
