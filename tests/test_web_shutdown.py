"""The web role of the image (deploy/entrypoint.sh web) shuts down gracefully: on SIGTERM
every open WebSocket is closed with 1012 "service restart" (clients resume on another
node) and the process exits as soon as its connections are done, well inside the grace
period. A real Daphne process, real sockets, a real signal."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from apps.users.services import token_pair_for
from tests.factories import UserFactory
from tests.workers import database_url

ROOT = Path(settings.BASE_DIR)
GRACE_SECONDS = 20
ORIGIN = "http://localhost:3000"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def web_node():
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_SHUTDOWN_GRACE_SECONDS": str(GRACE_SECONDS),
        "CORS_ALLOWED_ORIGINS": ORIGIN,
    }
    process = subprocess.Popen(
        ["sh", "deploy/entrypoint.sh", "web"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or still loading
            pass
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "web node did not start"
        time.sleep(0.2)
    try:
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_sigterm_closes_websockets_with_1012_and_exits_before_the_grace_period(web_node):
    process, port = web_node
    access = token_pair_for(UserFactory())["access"]
    with contextlib.ExitStack() as stack:
        sockets = [
            stack.enter_context(
                connect(
                    f"ws://127.0.0.1:{port}/ws/notifications/",
                    origin=ORIGIN,
                    additional_headers={"Authorization": f"Bearer {access}"},
                    open_timeout=10,
                )
            )
            for _ in range(3)
        ]
        assert_closed_with_1012_on_sigterm(process, sockets)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)


def assert_closed_with_1012_on_sigterm(process, sockets):
    for ws in sockets:
        assert '"hello"' in ws.recv(timeout=10)

    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    for ws in sockets:
        with pytest.raises(ConnectionClosed):
            while True:  # anything still in flight, then the close frame
                ws.recv(timeout=10)
        assert ws.close_code == 1012
        assert ws.close_reason == "service restart"

    assert process.wait(timeout=GRACE_SECONDS + 5) == 0
    elapsed = time.monotonic() - started
    assert elapsed < GRACE_SECONDS / 2, f"took {elapsed:.1f}s: waited for the grace period instead of the sockets"
