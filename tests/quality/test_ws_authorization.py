"""Every WebSocket endpoint × every kind of caller through the real ASGI app and Redis layer:
a `hello` for who may follow the stream, otherwise the close code of DESIGN §5
(4401 unauthenticated, 4403 forbidden, 4404 unknown target — an outsider never learns that
a project exists), as the harness (authz.py) derives it from each stream's rule in
routes.py. Then the other project's ids (BOLA)."""

import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from apps.core.ws.tickets import ticket_issue
from config.asgi import application
from config.routing import websocket_urlpatterns

from .authz import ACTORS, HELLO, expected_ws
from .conftest import World, _world
from .routes import WS_ROUTES, ws_path

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("thread_db_closed")]

ORIGIN = (b"origin", b"http://localhost:3000")


def test_every_stream_has_a_rule():
    routed = {str(pattern.pattern) for pattern in websocket_urlpatterns} - {""}  # "" is the catch-all
    assert routed == set(WS_ROUTES), "config/routing.py and WS_ROUTES in tests/quality/routes.py differ"


async def outcome(world: World, path: str, actor: str) -> str | int:
    """`hello`, or the close code the server sent."""
    if actor == "anonymous":
        query = ""
    elif actor == "guest":
        query = f"?ticket={world.a.link.token}"  # the only credential a share-link holder has
    else:
        query = "?ticket=" + await sync_to_async(ticket_issue)(user_id=world.users[actor].pk)
    communicator = WebsocketCommunicator(application, path + query, headers=[ORIGIN])
    try:
        connected, code = await communicator.connect(timeout=5)
        if not connected:
            return code
        message = await communicator.receive_output(timeout=5)
        if message["type"] == "websocket.close":
            return message.get("code", 1000)
        return HELLO if '"type": "hello"' in message.get("text", "") else message
    finally:
        await communicator.disconnect()


@pytest.fixture
async def ws_world(clip_bytes):
    return await database_sync_to_async(_world)(clip=clip_bytes)


async def test_every_caller_gets_the_close_code_the_rules_say(ws_world):
    failures = []
    for pattern, rule in WS_ROUTES.items():
        for actor in ACTORS:
            got = await outcome(ws_world, ws_path(ws_world, pattern), actor)
            if got != expected_ws(rule, actor):
                failures.append(f"{pattern} {actor}: {got} (expected {expected_ws(rule, actor)})")
    assert not failures, "\n".join(failures)


async def test_a_bearer_share_token_is_not_an_account(ws_world):
    """An API client may send `Authorization: Bearer`; a share token there is no JWT."""
    headers = [(b"authorization", f"Bearer {ws_world.a.link.token}".encode())]
    for path in (ws_path(ws_world, pattern) for pattern in WS_ROUTES):
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, _ = await communicator.connect(timeout=5)
        assert connected
        message = await communicator.receive_output(timeout=5)
        assert message == {"type": "websocket.close", "code": 4401}, (path, message)
        await communicator.disconnect()


async def test_the_other_projects_streams_are_not_found(ws_world):
    targets = {
        **{
            f"B's {pattern}": ws_path(ws_world, pattern, ws_world.b)
            for pattern, rule in WS_ROUTES.items()
            if rule.kind == "project"
        },
        "unknown project": f"/ws/projects/{uuid.uuid4()}/",
        "unknown version": f"/ws/versions/{uuid.uuid4()}/",
        "unknown endpoint": "/ws/plans/",
    }
    failures = []
    for name, path in targets.items():
        for actor in ("owner", "manager", "staff"):
            got = await outcome(ws_world, path, actor)
            if got != 4404:
                failures.append(f"{name} as {actor}: {got}")
    assert not failures, "\n".join(failures)
