"""The pattern every realtime endpoint follows (DESIGN §5).

A subclass names its stream and who may see it; this base does the protocol: hello with
the stream's latest seq, forwarding of live events in seq order without gaps, `resume`
from the stored events (or `resync`) — also as `?after=<seq>` on connect, ping/pong,
bad-message errors, flood and size limits, and re-authorisation of every forwarded event."""

import json
import logging
import math
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from redis.exceptions import RedisError

from apps.core import events, revocation

from .signals import ws_connected, ws_disconnected

logger = logging.getLogger(__name__)

# Daphne's WebSocket stack (autobahn) lets an application close only with 1000 or
# 3000–4999; any other code raises inside Daphne and the client sees 1011 plus a logged
# traceback. So "too big" and "unavailable" are 4009 and 4011, after 1009 and 1011.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_FLOOD = 4408
CLOSE_TOO_BIG = 4009
CLOSE_UNAVAILABLE = 4011  # a dependency (Redis) is down: reconnect with backoff

MAX_FRAME_BYTES = 64 * 1024
MAX_MESSAGES_PER_SECOND = 20
MAX_SEQ = 2**63 - 1  # StreamEvent.seq is a bigint


class Deny(Exception):
    def __init__(self, code: int):
        self.code = code


class StreamConsumer(AsyncWebsocketConsumer):
    stream: str = ""
    _closed = False

    # --- what subclasses provide -------------------------------------------------
    def authenticated(self) -> bool:
        """Whether the connection has a credential this endpoint takes (a signed-in user)."""
        return bool(self.user and self.user.is_authenticated)

    async def resolve_stream(self) -> str:
        """The stream this connection follows; raise Deny(code) to refuse."""
        raise Deny(CLOSE_NOT_FOUND)

    async def still_allowed(self) -> bool:
        """Checked before every forwarded or replayed event."""
        return True

    async def event_visible(self, message: dict) -> bool:
        """Whether this connection may see an event of its stream (say, managers-only)."""
        return True

    async def event_for_reader(self, message: dict) -> dict | None:
        """The event as this connection gets it: the message itself when visible, None when
        not, or a reshaped one (say, a removal for a reader who may no longer see it)."""
        return message if await self.event_visible(message) else None

    async def presence(self) -> list:
        return []

    async def on_joined(self) -> None:
        """After hello (presence bookkeeping)."""

    async def on_left(self) -> None:
        """On disconnect of an accepted stream connection."""

    async def handle_client_message(self, kind: str, content: dict) -> bool:
        """Stream-specific client messages; return False for unknown ones."""
        return False

    # --- protocol ----------------------------------------------------------------
    async def __call__(self, scope, receive, send):
        # Channels reads the channel layer beside the socket, outside every handler here: when
        # Redis fails, that read (or a publish in a handler) raises out of the application,
        # which Daphne logs as a crash and closes with 1011. End it as "unavailable" instead.
        try:
            await super().__call__(scope, receive, send)
        except (RedisError, OSError) as exc:
            logger.warning("Channel layer failed; closing %s with %s: %s", scope.get("path"), CLOSE_UNAVAILABLE, exc)
            if not self._closed:
                await self.close(code=CLOSE_UNAVAILABLE)
            await self.disconnect(CLOSE_UNAVAILABLE)

    async def close(self, code=None, reason=None):
        self._closed = True
        await super().close(code=code, reason=reason)

    async def connect(self):
        self.user = self.scope.get("user")
        self.last_seq = 0
        self._window_start = time.monotonic()
        self._window_count = 0
        # Accept first: a close code can only reach the client after the handshake.
        await self.accept()
        if not self.authenticated():
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        try:
            self.stream = await self.resolve_stream()
        except Deny as deny:
            await self.close(code=deny.code)
            return
        try:
            await self.channel_layer.group_add(events.group_name(self.stream), self.channel_name)
        except Exception:  # noqa: BLE001 — Redis is down: refuse cleanly, the client retries
            logger.warning("Channel layer unavailable; refusing %s", self.stream, exc_info=True)
            self.stream = ""
            await self.close(code=CLOSE_UNAVAILABLE)
            return
        await self._join_session_group()
        self.last_seq, quiet_ms = await database_sync_to_async(events.stream_head)(self.stream)
        ws_connected.send(sender=type(self), stream=self.stream)
        await self.on_joined()
        await self.send_json(
            {
                "type": "hello",
                "stream": self.stream,
                "seq": self.last_seq,
                # Time since the latest event (null: none): a client whose REST data is younger
                # need not read it again on first contact.
                "quiet_ms": quiet_ms,
                "presence": await self.presence(),
            }
        )
        after = self._after_param()
        if after is not None and not (isinstance(after, int) and after >= self.last_seq):
            # Replayed before this consumer handles any live event, so the wire carries each
            # seq once and in order; a `resume` message after hello cannot promise that.
            # An `after` beyond the stream's end is left to the client (hello's seq is lower).
            await self._resume(after)

    async def disconnect(self, code):
        if self.stream:
            ws_disconnected.send(sender=type(self), stream=self.stream)
            await self.on_left()
            try:
                await self.channel_layer.group_discard(events.group_name(self.stream), self.channel_name)
                if self.scope.get("token_claims"):
                    await self.channel_layer.group_discard(revocation.session_group(self.user.pk), self.channel_name)
            except Exception:  # noqa: BLE001
                logger.info("group_discard failed for %s", self.stream)

    async def _join_session_group(self) -> None:
        """A socket opened with a token closes (4401) when that token is revoked."""
        if not self.scope.get("token_claims"):
            return
        try:
            await self.channel_layer.group_add(revocation.session_group(self.user.pk), self.channel_name)
        except Exception:  # noqa: BLE001 — the stream works without it; the token is still denied on reconnect
            logger.warning("Could not join the session group of %s", self.user.pk, exc_info=True)

    async def session_revoked(self, message):
        """Sent by core.revocation when tokens of this user are revoked."""
        if self.stream and revocation.socket_is_revoked(self.scope.get("token_claims") or {}, message):
            await self.close(code=CLOSE_UNAUTHENTICATED)

    async def websocket_receive(self, message):
        if not self.stream:
            return
        text, data = message.get("text"), message.get("bytes")
        size = len(data or b"") if text is None else len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_FRAME_BYTES:
            await self.close(code=CLOSE_TOO_BIG)
            return
        if self._flooding():
            await self.close(code=CLOSE_FLOOD)
            return
        if text is None:  # the protocol is JSON text; a binary frame is never a message
            await self.send_json({"type": "error", "code": "bad_message"})
            return
        await self.receive(text_data=text)

    async def receive(self, text_data=None, bytes_data=None):
        content = parse_message(text_data or "")
        if content is None:
            await self.send_json({"type": "error", "code": "bad_message"})
            return
        kind = content["type"]
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "resume":
            await self._resume(content.get("after"))
        elif not await self.handle_client_message(kind, content):
            await self.send_json({"type": "error", "code": "bad_message"})

    async def stream_message(self, payload):
        """A message sent to the stream's group by events.publish / send_ephemeral."""
        message = payload["message"]
        seq = message.get("seq")
        if not await self._authorised():
            return
        if seq is None:  # ephemeral
            await self.send_json(message)
            return
        if seq <= self.last_seq:
            return  # already delivered (resume or replay)
        if seq > self.last_seq + 1:
            # Another transaction's event committed first but its send was overtaken:
            # fill the gap from the table so the client sees seq in order.
            missing = await database_sync_to_async(events.events_between)(self.stream, self.last_seq, seq - 1)
            for event in missing or []:
                await self._send_event(events.wire_format(event))
        await self._send_event(message)

    # --- helpers -----------------------------------------------------------------
    def _after_param(self) -> int | str | None:
        """`?after=<seq>` of the connect URL: an int, the raw text when it is not one, or None."""
        values = parse_qs(self.scope.get("query_string", b"").decode("latin-1")).get("after")
        if not values:
            return None
        # ASCII digits only: str.isdigit() also says yes to "²" (int() fails) and "١٢" (int() reads 12).
        text = values[0]
        return int(text) if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_SEQ)) else text

    async def _resume(self, after):
        if not _is_seq(after):
            await self.send_json({"type": "error", "code": "bad_message"})
            return
        missed = await database_sync_to_async(events.events_between)(self.stream, after)
        if missed is None:
            latest = await database_sync_to_async(events.latest_seq)(self.stream)
            await self.send_json({"type": "resync", "seq": latest})
            return
        if not await self._authorised():
            return
        self.last_seq = after
        for event in missed:
            await self._send_event(events.wire_format(event))

    async def _send_event(self, message: dict):
        self.last_seq = message["seq"]
        shown = await self.event_for_reader(message)
        if shown is not None:
            await self.send_json(shown)

    async def _authorised(self) -> bool:
        if await self.still_allowed():
            return True
        await self.close(code=CLOSE_FORBIDDEN)
        return False

    def _flooding(self) -> bool:
        now = time.monotonic()
        if now - self._window_start >= 1.0:
            self._window_start, self._window_count = now, 0
        self._window_count += 1
        return self._window_count > MAX_MESSAGES_PER_SECOND

    async def send_json(self, content):
        await self.send(text_data=json.dumps(content, default=str))


def _refuse_non_finite(text: str):
    raise ValueError(f"not a finite number: {text}")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999
        _refuse_non_finite(text)
    return value


def parse_message(text: str) -> dict | None:
    """A client message: a JSON object with a string `type`, or None for anything else —
    not JSON, NaN/Infinity (not JSON either, though Python reads them), numbers too large
    for a float or an int, or nesting deep enough to exhaust the parser's recursion."""
    try:
        content = json.loads(text, parse_constant=_refuse_non_finite, parse_float=_finite_float)
    except (ValueError, RecursionError):
        return None
    if not isinstance(content, dict) or not isinstance(content.get("type"), str):
        return None
    return content


def _is_seq(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SEQ
