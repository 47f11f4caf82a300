"""/ws/notifications/ through the real ASGI app and the real Redis channel layer."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from apps.core import events
from apps.core.models import StreamEvent
from apps.core.services import notification_create
from apps.core.ws.tickets import ticket_issue
from apps.users.services import token_pair_for
from config.asgi import application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost:3000")


@pytest.fixture
async def member():
    return await database_sync_to_async(UserFactory)()


async def connect(path: str, headers=None) -> tuple[WebsocketCommunicator, bool, int | None]:
    communicator = WebsocketCommunicator(application, path, headers=headers if headers is not None else [ORIGIN])
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def open_stream(user, query: str = "") -> tuple[WebsocketCommunicator, dict]:
    ticket = await sync_to_async(ticket_issue)(user_id=user.pk)
    communicator, connected, _ = await connect(f"/ws/notifications/?ticket={ticket}{query}")
    assert connected
    hello = await communicator.receive_json_from(timeout=5)
    return communicator, hello


async def notify(user, title: str):
    return await database_sync_to_async(notification_create)(
        recipient=user, key="system.message", params={"text": title}
    )


async def expect_close(communicator: WebsocketCommunicator, code: int):
    message = await communicator.receive_output(timeout=5)
    assert message == {"type": "websocket.close", "code": code}


async def test_ticket_connects_and_says_hello(member):
    communicator, hello = await open_stream(member)
    # quiet_ms: nothing was ever published on the stream.
    assert hello == {"type": "hello", "stream": f"user:{member.pk}", "seq": 0, "quiet_ms": None, "presence": []}
    await communicator.disconnect()


async def test_hello_says_how_long_the_stream_has_been_quiet(member):
    await notify(member, "one")
    await asyncio.sleep(0.3)
    communicator, hello = await open_stream(member)
    # The latest event is about 300 ms old: a client's data read before it needs a reread, one read after it does not.
    assert hello["seq"] == 1
    assert 300 <= hello["quiet_ms"] < 5000
    await communicator.disconnect()


async def test_notification_is_pushed_live_with_rising_seq(member):
    communicator, hello = await open_stream(member)
    await notify(member, "첫 번째")
    await notify(member, "second")
    first = await communicator.receive_json_from(timeout=5)
    second = await communicator.receive_json_from(timeout=5)
    assert first["type"] == "notification.created"
    assert first["data"]["title"] == "첫 번째"
    assert (first["seq"], second["seq"]) == (hello["seq"] + 1, hello["seq"] + 2)
    assert second["data"]["title"] == "second"
    assert first["ts"]
    await communicator.disconnect()


async def test_other_users_notifications_are_not_delivered(member):
    stranger = await database_sync_to_async(UserFactory)()
    communicator, _ = await open_stream(member)
    await notify(stranger, "not yours")
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


async def test_rolled_back_change_sends_nothing_and_leaves_no_gap(member):
    communicator, _ = await open_stream(member)

    def create_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            notification_create(recipient=member, key="system.message", params={"text": "rolled back"})
            raise RuntimeError("boom")

    await database_sync_to_async(create_then_fail)()
    assert await communicator.receive_nothing(timeout=0.5)
    await notify(member, "kept")
    event = await communicator.receive_json_from(timeout=5)
    assert (event["seq"], event["data"]["title"]) == (1, "kept")
    await communicator.disconnect()


async def test_reused_ticket_is_refused_with_4401(member):
    ticket = await sync_to_async(ticket_issue)(user_id=member.pk)
    first, connected, _ = await connect(f"/ws/notifications/?ticket={ticket}")
    assert connected
    await first.disconnect()
    second, connected, _ = await connect(f"/ws/notifications/?ticket={ticket}")
    assert connected  # accepted so the close code reaches the client
    await expect_close(second, 4401)


async def test_garbage_ticket_and_no_credentials_are_4401():
    communicator, _, _ = await connect("/ws/notifications/?ticket=nope")
    await expect_close(communicator, 4401)
    communicator, _, _ = await connect("/ws/notifications/")
    await expect_close(communicator, 4401)


async def test_wrong_origin_is_rejected(member):
    ticket = await sync_to_async(ticket_issue)(user_id=member.pk)
    communicator, connected, _ = await connect(
        f"/ws/notifications/?ticket={ticket}", headers=[(b"origin", b"https://evil.example")]
    )
    assert not connected


async def test_missing_origin_is_rejected_for_ticket_clients(member):
    ticket = await sync_to_async(ticket_issue)(user_id=member.pk)
    communicator, connected, _ = await connect(f"/ws/notifications/?ticket={ticket}", headers=[])
    assert not connected


async def test_bearer_token_without_origin_is_accepted_for_api_clients(member):
    access = (await database_sync_to_async(token_pair_for)(member))["access"]
    communicator, connected, _ = await connect(
        "/ws/notifications/", headers=[(b"authorization", f"Bearer {access}".encode())]
    )
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["type"] == "hello"
    await communicator.disconnect()


async def test_invalid_bearer_token_is_4401():
    communicator, connected, _ = await connect("/ws/notifications/", headers=[(b"authorization", b"Bearer junk")])
    assert connected
    await expect_close(communicator, 4401)


async def test_resume_replays_missed_events_in_order(member):
    communicator, _ = await open_stream(member)
    await notify(member, "one")
    assert (await communicator.receive_json_from(timeout=5))["seq"] == 1
    await communicator.disconnect()
    for title in ("two", "three", "four"):
        await notify(member, title)

    communicator, hello = await open_stream(member)
    assert hello["seq"] == 4
    await communicator.send_json_to({"type": "resume", "after": 1})
    replayed = [await communicator.receive_json_from(timeout=5) for _ in range(3)]
    assert [e["seq"] for e in replayed] == [2, 3, 4]
    assert [e["data"]["title"] for e in replayed] == ["two", "three", "four"]
    await notify(member, "five")
    assert (await communicator.receive_json_from(timeout=5))["seq"] == 5
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_after_on_connect_replays_once_and_in_order_even_while_events_arrive(member):
    for title in ("one", "two", "three", "four"):
        await notify(member, title)

    communicator, hello = await open_stream(member, "&after=1")
    assert hello["seq"] == 4
    await notify(member, "five")  # live while the replay is on the wire
    received = []
    while not await communicator.receive_nothing(timeout=0.3):
        received.append(await communicator.receive_json_from())
    # With a `resume` message sent after hello, "five" would arrive live and then again
    # in the replay; resuming as part of connecting sends every seq once.
    assert [(e["seq"], e["data"]["title"]) for e in received] == [(2, "two"), (3, "three"), (4, "four"), (5, "five")]
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("query", "then"),
    [
        ("&after=3", None),  # up to date: nothing to replay
        ("&after=99", None),  # beyond the end: hello's lower seq tells the client to resync
        ("&after=soon", {"type": "error", "code": "bad_message"}),
    ],
)
async def test_after_on_connect_with_nothing_to_replay_or_nonsense(member, query, then):
    for title in ("a", "b", "c"):
        await notify(member, title)
    communicator, hello = await open_stream(member, query)
    assert hello["seq"] == 3
    if then is not None:
        assert await communicator.receive_json_from(timeout=5) == then
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_after_on_connect_from_before_the_retained_window_gets_resync(member):
    for title in ("a", "b", "c"):
        await notify(member, title)
    stream = events.user_stream(member.pk)
    await database_sync_to_async(lambda: StreamEvent.objects.filter(stream=stream, seq__lte=2).delete())()
    communicator, _ = await open_stream(member, "&after=0")
    assert await communicator.receive_json_from(timeout=5) == {"type": "resync", "seq": 3}
    await communicator.disconnect()


async def test_resume_from_before_the_retained_window_gets_resync(member):
    for title in ("a", "b", "c"):
        await notify(member, title)
    stream = events.user_stream(member.pk)
    await database_sync_to_async(lambda: StreamEvent.objects.filter(stream=stream, seq__lte=2).delete())()
    communicator, _ = await open_stream(member)
    await communicator.send_json_to({"type": "resume", "after": 0})
    assert await communicator.receive_json_from(timeout=5) == {"type": "resync", "seq": 3}
    await communicator.send_json_to({"type": "resume", "after": 2})
    assert (await communicator.receive_json_from(timeout=5))["seq"] == 3
    await communicator.disconnect()


async def test_resume_from_the_future_gets_resync(member):
    communicator, _ = await open_stream(member)
    await communicator.send_json_to({"type": "resume", "after": 999})
    assert (await communicator.receive_json_from(timeout=5))["type"] == "resync"
    await communicator.disconnect()


async def test_ping_pong_and_bad_messages(member):
    communicator, _ = await open_stream(member)
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    for bad in ("not json", json.dumps([1, 2]), json.dumps({"type": "dance"}), json.dumps({"no": "type"})):
        await communicator.send_to(text_data=bad)
        assert await communicator.receive_json_from(timeout=5) == {"type": "error", "code": "bad_message"}
    await communicator.send_json_to({"type": "resume", "after": "yesterday"})
    assert await communicator.receive_json_from(timeout=5) == {"type": "error", "code": "bad_message"}
    await communicator.disconnect()


async def test_flooding_client_is_closed_with_4408(member):
    communicator, _ = await open_stream(member)
    for _ in range(30):
        await communicator.send_json_to({"type": "ping"})
    outputs = []
    while True:
        message = await communicator.receive_output(timeout=5)
        outputs.append(message)
        if message["type"] == "websocket.close":
            break
    assert outputs[-1] == {"type": "websocket.close", "code": 4408}
    assert sum(1 for m in outputs if m["type"] == "websocket.send") == 20


async def test_oversized_frame_is_closed_with_4009(member):
    communicator, _ = await open_stream(member)
    await communicator.send_to(text_data=json.dumps({"type": "ping", "pad": "x" * 70_000}))
    await expect_close(communicator, 4009)


async def test_deactivated_user_is_disconnected_with_4403_on_next_event(member):
    communicator, _ = await open_stream(member)

    def deactivate():
        type(member).objects.filter(pk=member.pk).update(is_active=False)

    await database_sync_to_async(deactivate)()
    await notify(member, "after deactivation")
    await expect_close(communicator, 4403)


async def test_out_of_order_delivery_is_put_back_in_seq_order(member):
    """If the send of seq N+1 overtakes the send of seq N, the consumer fills the gap from
    the table and never delivers N twice."""
    communicator, _ = await open_stream(member)
    stream = events.user_stream(member.pk)

    def publish_without_sending(title):
        with transaction.atomic():
            return events.publish(stream=stream, type="notification.created", data={"title": title})

    first = await database_sync_to_async(publish_without_sending)("first")
    await asyncio.sleep(0.2)
    assert (await communicator.receive_json_from(timeout=5))["seq"] == first.seq

    # Now simulate a lost/late group send: store seq 2 and 3, deliver only 3 live.
    def store_only(title):
        return StreamEvent.objects.create(
            stream=stream, seq=events._next_seq(stream), type="notification.created", data={"title": title}
        )

    await database_sync_to_async(store_only)("second")
    third = await database_sync_to_async(store_only)("third")
    await sync_to_async(events.send_to_group)(third)
    received = [await communicator.receive_json_from(timeout=5) for _ in range(2)]
    assert [(e["seq"], e["data"]["title"]) for e in received] == [(2, "second"), (3, "third")]
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


@pytest.mark.slow
async def test_idle_socket_still_receives_after_more_than_ten_seconds(member):
    """redis-py 8's default 5 s read timeout used to kill idle consumers (DESIGN §8)."""
    communicator, _ = await open_stream(member)
    await asyncio.sleep(11)
    await notify(member, "after idle")
    event = await communicator.receive_json_from(timeout=5)
    assert event["data"]["title"] == "after idle"
    await communicator.disconnect()


@pytest.fixture
def dead_channel_layer(settings):
    """The channel layer pointed at a loopback port where no Redis listens."""
    from channels.layers import channel_layers

    from scripts.ports import free_port

    dead = f"redis://127.0.0.1:{free_port()}/0"
    channel_layers.backends.clear()
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": dead, "socket_connect_timeout": 1}]},
        }
    }
    yield
    channel_layers.backends.clear()


async def test_redis_down_refuses_the_socket_cleanly_with_4011(member, dead_channel_layer):
    access = (await database_sync_to_async(token_pair_for)(member))["access"]
    communicator, connected, _ = await connect(
        "/ws/notifications/", headers=[(b"authorization", f"Bearer {access}".encode())]
    )
    assert connected
    await expect_close(communicator, 4011)


async def test_reading_notifications_is_pushed_to_the_users_other_tabs(member):
    from apps.core.services import notification_mark_read, notifications_mark_all_read

    first = await notify(member, "one")
    await notify(member, "two")
    communicator, _ = await open_stream(member)
    await database_sync_to_async(notification_mark_read)(notification=first)
    read = await communicator.receive_json_from(timeout=5)
    assert (read["type"], read["data"]["id"]) == ("notification.read", str(first.pk))
    await database_sync_to_async(notifications_mark_all_read)(user=member)
    read_all = await communicator.receive_json_from(timeout=5)
    assert (read_all["type"], read_all["data"]["updated"]) == ("notification.read_all", 1)
    await database_sync_to_async(notifications_mark_all_read)(user=member)  # nothing left: no event
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()
