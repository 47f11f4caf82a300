"""Hostile input to the base realtime protocol (DESIGN §5): every malformed frame or query
gets `bad_message` or a protocol close code, never a crash (which Daphne reports as 1011).
Through the real ASGI app and Redis layer, on /ws/notifications/."""

import json
from urllib.parse import quote

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connection

from apps.core.ws.tickets import ticket_issue
from config.asgi import application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost:3000")
BAD = {"type": "error", "code": "bad_message"}


@pytest.fixture
async def member():
    return await database_sync_to_async(UserFactory)()


@pytest.fixture(autouse=True)
async def _thread_db_closed():
    """The consumers' database thread keeps a connection; close it so the test database can be dropped."""
    yield
    await database_sync_to_async(lambda: connection.close())()


async def open_stream(user, query: str = "") -> WebsocketCommunicator:
    ticket = await sync_to_async(ticket_issue)(user_id=user.pk)
    communicator = WebsocketCommunicator(application, f"/ws/notifications/?ticket={ticket}{query}", headers=[ORIGIN])
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["type"] == "hello"
    return communicator


async def answers(member, frames: list, query: str = "") -> list:
    """What the server answers to each frame (text, or bytes for binary frames), in order."""
    communicator = await open_stream(member, query)
    got = []
    for frame in frames:
        if isinstance(frame, bytes):
            await communicator.send_to(bytes_data=frame)
        else:
            await communicator.send_to(text_data=frame)
        got.append(await communicator.receive_json_from(timeout=5))
    # Still alive and well after all of it.
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    await communicator.disconnect()
    return got


def nested(depth: int, open_: str = "[", close: str = "]") -> str:
    return '{"type": "resume", "after": ' + open_ * depth + close * depth + "}"


async def test_deeply_nested_json_is_a_bad_message(member):
    frames = [
        nested(20_000),
        nested(10_000, '{"a":', "}"),
        "[" * 30_000 + "]" * 30_000,
    ]
    assert all(len(frame) < 64 * 1024 for frame in frames)
    assert await answers(member, frames) == [BAD] * len(frames)


async def test_non_finite_numbers_are_bad_messages(member):
    frames = [
        '{"type": "resume", "after": NaN}',
        '{"type": "resume", "after": Infinity}',
        '{"type": "resume", "after": -Infinity}',
        '{"type": "resume", "after": 1e999}',
        '{"type": "ping", "at": NaN}',  # non-standard JSON anywhere in the frame
    ]
    assert await answers(member, frames) == [BAD] * len(frames)


async def test_binary_frames_are_bad_messages(member):
    """The protocol is JSON text; a binary frame is refused even when it holds valid JSON."""
    frames = [json.dumps({"type": "ping"}).encode(), b"\xff\xfe\x00", b"\x00"]
    assert await answers(member, frames) == [BAD] * len(frames)


async def test_resume_with_an_after_of_the_wrong_type_is_a_bad_message(member):
    frames = [
        json.dumps({"type": "resume", "after": value})
        for value in ("3", "²", 1.0, 1.5, True, False, None, [1], {"seq": 1}, -1)
    ] + [json.dumps({"type": "resume"})]
    assert await answers(member, frames) == [BAD] * len(frames)


async def test_resume_with_an_after_beyond_a_bigint_is_a_bad_message(member):
    frames = [json.dumps({"type": "resume", "after": value}) for value in (2**63, 10**30, int("9" * 4000))]
    frames.append('{"type": "resume", "after": ' + "9" * 5000 + "}")  # past int()'s digit limit
    assert await answers(member, frames) == [BAD] * len(frames)


async def test_a_type_that_is_not_a_string_is_a_bad_message(member):
    frames = [json.dumps({"type": value}) for value in (1, None, True, ["ping"], {"ping": 1}, 1.5)]
    frames += ['"ping"', "1", "null", "   ", '{"type": "ping"', json.dumps({"type": "pong"})]
    assert await answers(member, frames) == [BAD] * len(frames)


@pytest.mark.parametrize(
    "after",
    [
        "²",  # a Unicode digit: str.isdigit() says yes, int() says no
        "١٢",  # Arabic-Indic digits: int() reads them as 12, but they are not a seq
        "-1",
        "+1",
        " 1",
        "1.0",
        "9" * 5000,  # past int()'s digit limit
        "%00",
        "%FF",
    ],
)
async def test_after_on_connect_that_is_not_an_ascii_number_is_a_bad_message(member, after):
    communicator = await open_stream(member, f"&after={quote(after, safe='%')}")
    assert await communicator.receive_json_from(timeout=5) == BAD
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    await communicator.disconnect()


async def expect_close(communicator: WebsocketCommunicator, code: int):
    while True:
        message = await communicator.receive_output(timeout=5)
        if message["type"] == "websocket.close":
            assert message == {"type": "websocket.close", "code": code}
            return


@pytest.mark.parametrize("size", [64 * 1024 + 1, 200_000])
async def test_a_frame_over_64_kb_is_closed_with_4009(member, size):
    communicator = await open_stream(member)
    pad = "x" * (size - len('{"type": "ping", "pad": ""}'))
    frame = json.dumps({"type": "ping", "pad": pad})
    assert len(frame.encode()) == size
    await communicator.send_to(text_data=frame)
    await expect_close(communicator, 4009)


async def test_a_binary_frame_over_64_kb_is_closed_with_4009(member):
    communicator = await open_stream(member)
    await communicator.send_to(bytes_data=b"\0" * (64 * 1024 + 1))
    await expect_close(communicator, 4009)


@pytest.mark.parametrize("query", [b"ticket=\xff\xfe", b"ticket=%FF&after=\xc3", b"after=\xff"])
async def test_a_query_string_that_is_not_utf8_is_refused_not_crashed(query):
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=[ORIGIN])
    communicator.scope["query_string"] = query
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    await expect_close(communicator, 4401)


@pytest.mark.parametrize("path", ["/", "/api/v1/projects/", "/ws", "/wsx/", "/ws/projects/not-a-uuid/"])
async def test_a_websocket_to_any_other_path_is_closed_with_4404(member, path):
    ticket = await sync_to_async(ticket_issue)(user_id=member.pk)
    communicator = WebsocketCommunicator(application, f"{path}?ticket={ticket}", headers=[ORIGIN])
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    await expect_close(communicator, 4404)
