"""The guard of tests/server_errors.py sees what it promises to: an unhandled exception in a
view (a 500 envelope) and one escaping a WebSocket consumer; a deliberate 503 it lets pass."""

import pytest
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.testing import WebsocketCommunicator
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny

from apps.core.errors import ServiceUnavailable
from apps.core.ws.base import StreamConsumer


@api_view(["GET"])
@permission_classes([AllowAny])
def crashing_view(request):
    raise RuntimeError("a bug")


@api_view(["GET"])
@permission_classes([AllowAny])
def unavailable_view(request):
    raise ServiceUnavailable("Try again later.")


urlpatterns = [path("api/v1/crash/", crashing_view), path("api/v1/unavailable/", unavailable_view)]


class CrashingConsumer(StreamConsumer):
    async def connect(self):
        await self.accept()
        raise RuntimeError("a consumer bug")


pytestmark = pytest.mark.urls(__name__)


def test_a_500_from_an_unhandled_view_exception_is_recorded(api_client, server_errors):
    response = api_client.get("/api/v1/crash/")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert server_errors == ["django.request: Internal Server Error: /api/v1/crash/"]


def test_a_deliberate_503_is_not_a_server_error(api_client, server_errors):
    response = api_client.get("/api/v1/unavailable/")
    assert response.status_code == 503
    assert server_errors == []


async def test_an_exception_escaping_a_consumer_is_recorded(server_errors):
    application = ProtocolTypeRouter({"websocket": URLRouter([path("ws/crash/", CrashingConsumer.as_asgi())])})
    communicator = WebsocketCommunicator(application, "/ws/crash/")
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    with pytest.raises(RuntimeError, match="a consumer bug"):
        await communicator.wait(timeout=5)
    assert server_errors == [
        "exception inside the ASGI application (websocket /ws/crash/): RuntimeError('a consumer bug')"
    ]
