"""`analytics.tick` reaches staff on /ws/monitoring/ (real ASGI app and Redis layer)."""

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from apps.monitoring.analytics.tasks import analytics_tick
from tests.factories import UserFactory

from .analytics_support import event, make_site, send
from .test_consumers import open_stream

pytestmark = pytest.mark.django_db(transaction=True)


async def test_staff_receive_analytics_ticks_after_ingestion():
    staff = await database_sync_to_async(UserFactory)(is_staff=True)
    communicator = await open_stream(staff)
    hello = await communicator.receive_json_from(timeout=5)
    assert hello["type"] == "hello"

    def ingest_and_tick():
        site = make_site()
        send(
            Client(),
            site,
            [
                event("page_view", path="/"),
                event("heartbeat", path="/"),
                event("conversion", path="/", name="signup", value=9),
            ],
        )
        make_site(name="Quiet")  # no events: no tick for it
        analytics_tick()
        return site

    site = await database_sync_to_async(ingest_and_tick)()
    message = await communicator.receive_json_from(timeout=5)
    while message["type"] != "analytics.tick":  # metrics samples may interleave
        message = await communicator.receive_json_from(timeout=5)
    assert "seq" not in message
    data = message["data"]
    assert data["site"] == {"id": str(site.pk), "name": "Shop"}
    assert (data["active_sessions"], data["page_views_last_minute"]) == (1, 1)
    assert data["latest_conversions"][0]["name"] == "signup"
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()
