"""/ws/versions/<id>/ — the live review room: feedback, reaction and version events of one
version, who is watching, where each viewer's playhead is, and who is typing.

Client → server (besides the base protocol's `ping` and `resume`):
  {"type": "presence.update", "playhead": <seconds ≥ 0>, "playing": <bool>}
  {"type": "typing", "on": <bool>}                       (members who may comment)
Both are relayed to the other connections as ephemeral messages (no seq, never replayed):
  {"type": "presence.update", "stream": …, "data": {"user": {id, display_name}, "connection": …,
   "playhead": 12.48, "playing": true}}
  {"type": "typing", "stream": …, "data": {"user": {…}, "connection": …, "on": true}}
`hello.presence` lists the viewers with their last playhead."""

import json
import logging
import math
import secrets
import time

from channels.db import database_sync_to_async
from django.utils import timezone

from apps.core import events
from apps.core.redis_clients import redis_async_client
from apps.core.ws import presence
from apps.core.ws.base import CLOSE_NOT_FOUND, Deny, StreamConsumer
from apps.projects import permissions
from apps.projects.consumers import ProjectPresenceConsumer, current_role
from apps.projects.models import Membership

from .guest_events import GUEST_GRANT, guest_event
from .models import ShareLink, Version
from .services.common import version_stream

logger = logging.getLogger(__name__)

PLAYHEAD_TTL_SECONDS = presence.TTL_SECONDS
MAX_PLAYHEAD_SECONDS = 10_000_000


def _playhead_key(stream: str) -> str:
    return f"vp:playhead:{stream}"


class VersionConsumer(ProjectPresenceConsumer):
    async def resolve_stream(self) -> str:
        self.version_id = self.scope["url_route"]["kwargs"]["version_id"]
        self.connection_id = secrets.token_hex(6)
        self.project_id = await self._project_id()
        if self.project_id is None or await self._role() is None:
            raise Deny(CLOSE_NOT_FOUND)  # unknown and not-yours look the same
        return version_stream(self.version_id)

    async def still_allowed(self) -> bool:
        self.role = await current_role((self.project_id, self.user.pk))
        return self.role is not None

    async def event_visible(self, message: dict) -> bool:
        """Events about an internal comment (created, updated, replies, reactions, resolved,
        triaged, deleted…) only for roles that see internal notes: live, gap-filled and
        replayed (`resume`, `?after=`) alike, with the role re-read before each delivery."""
        if is_internal_event(message):
            return permissions.role_allows(self.role, permissions.VIEW_INTERNAL)
        return True

    async def event_for_reader(self, message: dict) -> dict | None:
        """For a reader who may not see internal notes, a comment whose flag changed comes and
        goes like any other: made internal, it arrives as `feedback.hidden` (its id, nothing
        of its content: the client drops it with its replies); made public again, as
        `feedback.created`. Replies that stayed internal are left out of every payload."""
        if permissions.role_allows(self.role, permissions.VIEW_INTERNAL):
            return message
        return reader_event_without_internal(message)

    async def stream_message(self, payload):
        message = payload["message"]
        if message.get("type") == "version.deleted":
            await self.send_json(message)
            await self.close(code=CLOSE_NOT_FOUND)
            return
        if message.get("seq") is None and (message.get("data") or {}).get("connection") == self.connection_id:
            return  # our own playhead / typing, relayed back by the group
        await super().stream_message(payload)

    # --- client messages ---
    async def handle_client_message(self, kind: str, content: dict) -> bool:
        if kind == "presence.update":
            playhead, playing = content.get("playhead"), content.get("playing")
            if not _is_number(playhead) or not 0 <= playhead <= MAX_PLAYHEAD_SECONDS or not isinstance(playing, bool):
                await self.send_json({"type": "error", "code": "bad_message"})
                return True
            state = {"playhead": round(float(playhead), 3), "playing": playing}
            await self._remember_playhead(state)
            await self._relay("presence.update", state)
            return True
        if kind == "typing":
            on = content.get("on")
            if not isinstance(on, bool):
                await self.send_json({"type": "error", "code": "bad_message"})
                return True
            if permissions.COMMENT not in permissions.ROLE_ACTIONS.get(self.role, ()):
                await self.send_json({"type": "error", "code": "forbidden"})
                return True
            await self._relay("typing", {"on": on})
            return True
        return False

    async def _relay(self, kind: str, data: dict) -> None:
        await events.send_ephemeral_async(
            stream=self.stream, type=kind, data={"user": self._user_data(), "connection": self.connection_id, **data}
        )

    async def _remember_playhead(self, state: dict) -> None:
        try:
            async with redis_async_client() as client:
                key = _playhead_key(self.stream)
                await client.hset(key, str(self.user.pk), json.dumps({**state, "at": time.time()}))
                await client.expire(key, PLAYHEAD_TTL_SECONDS)
        except Exception as exc:  # noqa: BLE001 — best effort, like presence
            logger.info("playhead store failed: %s", exc)

    # --- presence ---
    async def presence(self) -> list:
        """[{id, display_name, playhead, playing}] — playhead/playing null until reported."""
        members = await self.present_members()
        if not members:
            return []
        try:
            async with redis_async_client() as client:
                stored = await client.hgetall(_playhead_key(self.stream))
        except Exception:  # noqa: BLE001 — viewers without their playheads
            stored = {}
        heads = {key.decode(): json.loads(value) for key, value in stored.items()}
        viewers = []
        for user in members:
            head = heads.get(user["id"]) or {}
            fresh = head and time.time() - head.get("at", 0) < PLAYHEAD_TTL_SECONDS
            viewers.append(
                {
                    **user,
                    "playhead": head.get("playhead") if fresh else None,
                    "playing": head.get("playing") if fresh else None,
                }
            )
        return viewers

    # --- database ---
    @database_sync_to_async
    def _project_id(self):
        return Version.objects.filter(pk=self.version_id).values_list("asset__project_id", flat=True).first()

    @database_sync_to_async
    def _role_query(self):
        return (
            Membership.objects.filter(project_id=self.project_id, user_id=self.user.pk)
            .values_list("role", flat=True)
            .first()
        )

    async def _role(self) -> str | None:
        self.role = await self._role_query()
        return self.role


class ShareConsumer(StreamConsumer):
    """/ws/share/?ticket=<from POST share/{token}/ws-ticket/> — a share link's guest follows the
    link's version room: the same stream and seq as members, with what the share page shows of
    comments and reactions (guest_events.py) and nothing else. The link is checked again before
    every event, so a revoked or expired one closes the socket (4403). Guests send nothing but
    the base protocol (ping, resume); they are not in the room's presence."""

    def authenticated(self) -> bool:
        return bool((self.scope.get("ticket_grant") or {}).get(GUEST_GRANT))

    async def resolve_stream(self) -> str:
        self.link_id = self.scope["ticket_grant"][GUEST_GRANT]
        version_id = await self._usable_link_version()
        if version_id is None:
            raise Deny(CLOSE_NOT_FOUND)
        return version_stream(version_id)

    async def still_allowed(self) -> bool:
        return await self._usable_link_version() is not None

    async def event_for_reader(self, message: dict) -> dict | None:
        shown = reader_event_without_internal(message)
        return guest_event(shown) if shown is not None else None

    async def stream_message(self, payload):
        if payload["message"].get("type") == "version.deleted":
            await self.close(code=CLOSE_NOT_FOUND)
            return
        if payload["message"].get("seq") is None:
            return  # members' presence, playheads and typing are theirs
        await super().stream_message(payload)

    @database_sync_to_async
    def _usable_link_version(self):
        links = ShareLink.objects.filter(pk=self.link_id, revoked_at__isnull=True, expires_at__gt=timezone.now())
        return links.values_list("version_id", flat=True).first()


def reader_event_without_internal(message: dict) -> dict | None:
    """`message` as a reader without VIEW_INTERNAL gets it (see VersionConsumer.event_for_reader)."""
    data = message.get("data") or {}
    feedback = data.get("feedback")
    if message.get("type") == "feedback.updated" and isinstance(feedback, dict) and "was_internal" in data:
        if feedback.get("internal") is True and data["was_internal"] is False:
            hidden = {key: feedback.get(key) for key in ("id", "parent_id", "version_id")}
            return {**message, "type": "feedback.hidden", "data": {"feedback": hidden}}
        if feedback.get("internal") is False and data["was_internal"] is True:
            message = {**message, "type": "feedback.created"}
    if is_internal_event(message):
        return None
    if isinstance(feedback, dict) and isinstance(feedback.get("replies"), list):
        replies = [reply for reply in feedback["replies"] if not (isinstance(reply, dict) and reply.get("internal"))]
        if len(replies) != len(feedback["replies"]):
            message = {**message, "data": {**data, "feedback": {**feedback, "replies": replies}}}
    return message


def is_internal_event(message: dict) -> bool:
    """Whether a version-room event is about an internal comment: its `feedback` (feedback.*)
    or its own `internal` flag (reaction.*) says so."""
    data = message.get("data") or {}
    feedback = data.get("feedback") or {}
    return data.get("internal") is True or (isinstance(feedback, dict) and feedback.get("internal") is True)


def _is_number(value) -> bool:
    """An int or a finite float. No float() of an int here: JSON ints can exceed a float
    (10**400 would raise); the caller's range check refuses those."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)
