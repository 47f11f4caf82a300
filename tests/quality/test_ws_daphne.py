"""The realtime protocol's refusals through a real Daphne over real sockets.

An in-process WebsocketCommunicator passes any close code through; Daphne's WebSocket stack
(autobahn) raises on every application close code but 1000 and 3000–4999, so a 1009 or 1011
from a consumer ended as a crash: the client saw 1011 and the server logged a traceback. Only
a real Daphne shows that, so these cases run against one, and read its log afterwards."""

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.conf import settings
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from apps.users.services import token_pair_for
from scripts.ports import free_port
from tests.factories import UserFactory
from tests.workers import database_url

pytestmark = pytest.mark.django_db(transaction=True)

DAPHNE = str(Path(sys.executable).parent / "daphne")
BAD = {"type": "error", "code": "bad_message"}


def crashes_in(log_text: str) -> list[str]:
    """Lines of a Daphne log (JSON lines, see LOGGING) that report an error: Daphne's
    "Exception inside application" and anything else logged at ERROR or above."""
    found = []
    for line in log_text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            record = {}
        level = record.get("level") if isinstance(record, dict) else None
        if "Exception inside application" in line or level in ("ERROR", "CRITICAL"):
            found.append(line)
    return found


@contextmanager
def daphne(log: Path, **extra_env: str):
    """A Daphne serving config.asgi on the test database; yields its ws:// base URL."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        **extra_env,
    }
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # not listening yet, or still loading
                pass
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield f"ws://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def _server(django_db_setup, django_db_blocker, tmp_path_factory):
    log = tmp_path_factory.mktemp("daphne") / "daphne.log"
    with django_db_blocker.unblock(), daphne(log) as base:
        yield base, log


@pytest.fixture
def server(_server):
    """(ws base URL, a function asserting that nothing crashed in the server since this test began)."""
    base, log = _server
    start = log.stat().st_size

    def assert_no_crash_logged() -> None:
        with log.open("rb") as file:
            file.seek(start)
            text = file.read().decode(errors="replace")
        assert not crashes_in(text)

    return base, assert_no_crash_logged


@pytest.fixture
def bearer():
    return {"Authorization": f"Bearer {token_pair_for(UserFactory())['access']}"}


@contextmanager
def opened(url: str, bearer: dict, *, hello: bool = True):
    with connect(url, additional_headers=bearer, open_timeout=10) as ws:
        if hello:
            greeting = json.loads(ws.recv(timeout=10))
            assert greeting["type"] == "hello", greeting
        yield ws


def close_code_after(ws) -> int:
    with pytest.raises(ConnectionClosed):
        while True:  # anything in flight, then the close frame
            ws.recv(timeout=10)
    return ws.close_code


def test_a_frame_over_64_kb_is_closed_with_4009_through_daphne(server, bearer):
    base, assert_no_crash_logged = server
    with opened(f"{base}/ws/notifications/", bearer) as ws:
        ws.send(json.dumps({"type": "ping", "pad": "x" * 70_000}))
        assert close_code_after(ws) == 4009
    # Over Daphne's own 1 MiB message limit autobahn drops the connection itself (1006).
    with opened(f"{base}/ws/notifications/", bearer) as ws:
        ws.send("x" * (1024 * 1024 + 1))
        assert close_code_after(ws) == 1006
    assert_no_crash_logged()


def test_hostile_frames_and_queries_get_bad_message_through_daphne(server, bearer):
    base, assert_no_crash_logged = server
    with opened(f"{base}/ws/notifications/?after=%C2%B2", bearer) as ws:  # ?after=²
        assert json.loads(ws.recv(timeout=10)) == BAD
        for frame in (
            '{"type": "resume", "after": ' + "[" * 20_000 + "]" * 20_000 + "}",
            '{"type": "resume", "after": NaN}',
            json.dumps({"type": "ping"}).encode(),  # binary
        ):
            ws.send(frame)
            assert json.loads(ws.recv(timeout=10)) == BAD, frame
        ws.send(json.dumps({"type": "ping"}))
        assert json.loads(ws.recv(timeout=10)) == {"type": "pong"}
    assert_no_crash_logged()


@pytest.mark.parametrize("path", ["/", "/ws", "/api/v1/", "/healthz"])
def test_a_websocket_to_a_path_that_is_no_stream_is_closed_with_4404_not_a_500(server, bearer, path):
    base, assert_no_crash_logged = server
    try:
        with opened(f"{base}{path}", bearer, hello=False) as ws:
            assert close_code_after(ws) == 4404
    except InvalidStatus as refused:
        pytest.fail(f"{path}: the handshake was refused with {refused.response.status_code}")
    assert_no_crash_logged()


def test_redis_unavailable_closes_with_4011_through_daphne(tmp_path, bearer):
    """The channel layer cannot be reached: a clean 'try again later' code, not a crash."""
    log = tmp_path / "daphne.log"
    with daphne(log, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0") as base:
        with opened(f"{base}/ws/notifications/", bearer, hello=False) as ws:
            assert close_code_after(ws) == 4011
    assert not crashes_in(log.read_text(errors="replace"))
