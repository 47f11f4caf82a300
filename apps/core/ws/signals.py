"""Hooks for observers of WebSocket connections (monitoring counts open connections).
Sent from the consumer's event loop: receivers must be quick and never block."""

from django.dispatch import Signal

ws_connected = Signal()  # kwargs: stream
ws_disconnected = Signal()  # kwargs: stream
