import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from apps.core.sse import ThreadlessEventStreams  # noqa: E402
from apps.core.ws.auth import WebSocketAuthMiddleware  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Server-Sent Events hold no thread while open (apps/core/sse.py).
        "http": ThreadlessEventStreams(django_asgi_app),
        # Origin and authentication are both checked by WebSocketAuthMiddleware.
        "websocket": WebSocketAuthMiddleware(URLRouter(websocket_urlpatterns)),
    }
)
