"""Server-Sent Events for API clients that do not speak WebSocket.

A stream is an async iterator of text frames handed to Django's StreamingHttpResponse, which
Daphne serves on its event loop: an open stream holds no thread, and touches the database
only in short `database_sync_to_async` calls. Between reads it sleeps on a channel-layer
channel that joined the stream's group (`GroupWaker`), so a publish wakes it at once; the
stored events (`core.events`) stay the truth, and a wake-up is only a hint to read them."""

import asyncio
import contextlib
import json
import logging

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import close_old_connections, connection
from django.http import StreamingHttpResponse
from django.urls import get_resolver
from django.urls.resolvers import RoutePattern

logger = logging.getLogger(__name__)

KEEP_ALIVE = ": keep-alive\n\n"
# Sent first: Daphne writes the response headers with the first body bytes, so a client
# knows at once that the stream is open (a comment: SSE clients skip it).
OPENING = ": open\n\n"
# While the channel layer cannot be read, the stream polls the table this often instead.
POLL_SECONDS = 1.0
WAKER_FAILED = "waker.failed"  # put in the inbox when the layer stops answering


def frame(*, event: str, data: dict, id: int | None = None) -> str:
    """One event; `data` as one JSON line, so no field can break the framing."""
    head = f"id: {id}\n" if id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


def event_stream_response(frames) -> StreamingHttpResponse:
    response = StreamingHttpResponse(frames, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # proxies (nginx) must pass each frame on at once
    return response


def _recycle_connection() -> None:
    if not connection.in_atomic_block:  # a test's transaction stays open
        close_old_connections()


def database_call(function):
    """`function` as a short call on asgiref's sync thread that gives its database connection
    back afterwards (like Channels' `database_sync_to_async`): a stream stays open for minutes
    and must not keep a pooled connection all that time."""

    def call(*args, **kwargs):
        _recycle_connection()
        try:
            return function(*args, **kwargs)
        finally:
            _recycle_connection()

    return sync_to_async(call, thread_sensitive=True)


def streams_events(view_class):
    """Class decorator for a view that answers an event stream (see `ThreadlessEventStreams`)."""
    view_class.streams_events = True
    return view_class


def event_stream_routes() -> list[RoutePattern]:
    """The full routes (`api/v1/ai-jobs/<uuid:job_id>/events/`) of `@streams_events` views."""
    found = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif getattr(getattr(pattern.callback, "view_class", None), "streams_events", False):
                found.append(RoutePattern(prefix + str(pattern.pattern), is_endpoint=True))

    walk(get_resolver().url_patterns, "")
    return found


class ThreadlessEventStreams:
    """ASGI wrapper of Django's handler. Django runs each request in a ThreadSensitiveContext:
    its sync code (our middleware is sync, and so are DRF views) runs on a one-thread executor
    of the request's own, which lives as long as the request, so an open stream would keep a
    thread (idle, but one per client). Requests to a `@streams_events` view skip that context:
    their short sync parts run on asgiref's shared sync thread, where Channels consumers' database
    calls run too, and the stream itself lives on the event loop."""

    def __init__(self, django_app):
        self.django_app = django_app
        self._routes: list[RoutePattern] | None = None  # read once the URLconf is loaded

    def _streams_events(self, path: str) -> bool:
        if self._routes is None:
            self._routes = event_stream_routes()
        return any(route.match(path.removeprefix("/")) for route in self._routes)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and self._streams_events(scope["path"]):
            await self.django_app.handle(scope, receive, send)
        else:
            await self.django_app(scope, receive, send)


class GroupWaker:
    """A fresh channel-layer channel in `groups`; `wait()` returns the group messages that
    arrived (none on timeout). A background task receives, so a timed-out wait never
    cancels the layer's own receive. When the layer fails, `alive` turns false and the
    caller falls back to polling."""

    def __init__(self, groups: list[str]):
        self.groups = groups
        self.layer = get_channel_layer()
        self.channel = ""
        self.alive = False
        self._inbox: asyncio.Queue = asyncio.Queue()
        self._receiver: asyncio.Task | None = None

    async def open(self) -> "GroupWaker":
        try:
            self.channel = await self.layer.new_channel()
            for group in self.groups:
                await self.layer.group_add(group, self.channel)
        except Exception as exc:  # noqa: BLE001 — Redis is down: the stream polls instead
            logger.warning("SSE: channel layer unavailable, polling instead (%s)", exc)
            return self
        self.alive = True
        self._receiver = asyncio.create_task(self._receive())
        return self

    async def _receive(self) -> None:
        try:
            while True:
                self._inbox.put_nowait(await self.layer.receive(self.channel))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001
            logger.warning("SSE: channel layer receive failed, polling instead (%s)", exc)
            self.alive = False
            self._inbox.put_nowait({"type": WAKER_FAILED})

    async def wait(self, timeout: float) -> list[dict]:
        try:
            messages = [await asyncio.wait_for(self._inbox.get(), timeout)]
        except TimeoutError:
            return []
        while not self._inbox.empty():
            messages.append(self._inbox.get_nowait())
        return messages

    async def close(self) -> None:
        if self._receiver is not None:
            self._receiver.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._receiver
        if self.alive:
            for group in self.groups:
                with contextlib.suppress(Exception):  # the group entry expires on its own
                    await self.layer.group_discard(group, self.channel)
