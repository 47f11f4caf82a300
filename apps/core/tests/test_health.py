"""/healthz and /readyz against the real PostgreSQL and Redis, and what still works when
Redis is unreachable (the cache fails open; realtime answers 503)."""

import socket

import pytest
from channels.layers import channel_layers

from apps.core.api import health
from apps.core.tests.assertions import assert_error
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_redis_url() -> str:
    """A loopback port nobody listens on: connections are refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def redis_down(settings, dead_redis_url):
    """Redis URL, cache and channel layer all point at the dead port."""
    channel_layers.backends = {}
    settings.REDIS_URL = dead_redis_url
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": dead_redis_url}}
    layer = settings.CHANNEL_LAYERS["default"]
    settings.CHANNEL_LAYERS = {
        "default": {**layer, "CONFIG": {**layer["CONFIG"], "hosts": [{"address": dead_redis_url}]}}
    }
    yield dead_redis_url
    channel_layers.backends = {}


def test_healthz_answers_ok_without_auth(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_database_redis_and_channel_layer_ok(client):
    channel_layers.backends = {}

    response = client.get("/readyz")

    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "channel_layer": "ok"},
        "failed": [],
    }


def test_readyz_answers_503_naming_redis_and_channel_layer_when_redis_is_down(client, redis_down):
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "redis": "error", "channel_layer": "error"},
        "failed": ["redis", "channel_layer"],
    }


def test_readyz_answers_503_naming_the_database_when_it_fails(client, monkeypatch):
    def database_down() -> None:
        raise ConnectionError("database unreachable")

    monkeypatch.setitem(health.CHECKS, "database", database_down)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert response.json()["checks"]["redis"] == "ok"


def test_login_still_works_when_redis_is_down(api_client, user, redis_down):
    response = api_client.post("/api/v1/auth/login/", {"email": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 200, response.content
    assert set(response.json()) == {"access", "refresh", "user", "device_token"}


def test_wrong_password_still_answers_401_when_redis_is_down(api_client, user, redis_down):
    response = api_client.post("/api/v1/auth/login/", {"email": user.email, "password": "Wrong-Password-1"})

    assert_error(response, 401, "invalid_credentials")


def test_authenticated_rest_calls_work_when_redis_is_down(auth_client, redis_down):
    assert auth_client.get("/api/v1/users/me/").status_code == 200


def test_ws_ticket_answers_503_when_redis_is_down(auth_client, redis_down):
    response = auth_client.post("/api/v1/auth/ws-ticket/")

    assert_error(response, 503, "service_unavailable", details=set())
