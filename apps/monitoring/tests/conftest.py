import json
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rest_framework.test import APIClient

from apps.monitoring import netguard
from apps.monitoring.models import Host, MetricPoint, NotificationChannel
from apps.monitoring.webhooks import secret_generate, signature_verify
from apps.users.services import token_pair_for
from tests.factories import UserFactory

from .factories import AlertRuleFactory, HostFactory, MetricPointFactory, NotificationChannelFactory

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user)['access']}")
    return client


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, display_name="Operator")


@pytest.fixture
def staff_client(staff) -> APIClient:
    return client_for(staff)


@pytest.fixture
def member_client(db) -> APIClient:
    return client_for(UserFactory())


@pytest.fixture
def host(db) -> Host:
    return HostFactory(name="web-1")


def put(host: Host, metric: str, value: float, ts: datetime, labels: str = "") -> MetricPoint:
    """A raw point; also moves the host's last-seen mark like the collector does."""
    point = MetricPointFactory(host=host, metric=metric, labels=labels, ts=ts, value=value)
    if host.last_seen_at is None or ts > host.last_seen_at:
        host.last_seen_at = ts
        host.save(update_fields=["last_seen_at"])
    return point


make_rule = AlertRuleFactory  # a critical CPU > 90% rule firing at once; `channels=[...]`


@pytest.fixture
def email_channel(db) -> NotificationChannel:
    return NotificationChannelFactory(name="ops mail", locale="en")


class Receiver:
    """A real HTTP server on 127.0.0.1 that verifies Standard Webhooks signatures. `script`
    holds the status code to answer per request ("sleep" hangs past the client timeout;
    ("sleep", seconds) hangs that long, then answers 200)."""

    def __init__(self, secret: str):
        self.secret = secret
        self.requests: list[dict] = []
        self.script: list = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                action = receiver.script.pop(0) if receiver.script else 200
                receiver.requests.append(
                    {
                        "headers": headers,
                        "body": body,
                        "path": self.path,
                        "valid": signature_verify(secret=receiver.secret, headers=headers, body=body),
                    }
                )
                if action == "sleep":
                    time.sleep(2.5)
                    return
                if isinstance(action, tuple):
                    time.sleep(action[1])
                    action = 200
                if action == 302:
                    self.send_response(302)
                    self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                    self.end_headers()
                    return
                self.send_response(action)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/alerts"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def json(self, index: int = -1) -> dict:
        return json.loads(self.requests[index]["body"])


@pytest.fixture
def receiver(settings):
    settings.MONITORING_WEBHOOK_ALLOW_PRIVATE = True
    server = Receiver(secret_generate())
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def fake_dns(monkeypatch) -> Callable[[dict], None]:
    """Point host names at chosen addresses (the resolver hook of the SSRF guard)."""

    def install(table: dict[str, list[str]]):
        monkeypatch.setattr(netguard, "resolver", lambda host, port: table[host])

    return install


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)
