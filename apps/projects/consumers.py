import logging

from channels.db import database_sync_to_async

from apps.core.ws import presence
from apps.core.ws.base import CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, Deny, StreamConsumer
from apps.core.ws.batching import BatchedLookup
from apps.projects import permissions
from apps.projects.activity import project_stream
from apps.projects.models import Activity, Membership, Project

logger = logging.getLogger(__name__)

MANAGERS_ONLY = ("invitation.",)

# A member's current role in a project, looked up for many connections at once.
current_role = BatchedLookup(permissions.roles_of)


class ProjectPresenceConsumer(StreamConsumer):
    """A stream whose viewers are members of `self.project_id` (set by `resolve_stream`):
    presence join/leave/touch, best effort — a Redis hiccup never closes the socket."""

    project_id = None

    def _user_data(self) -> dict:
        return {"id": str(self.user.pk), "display_name": self.user.display_name}

    async def on_joined(self):
        try:
            await presence.presence_join(
                stream=self.stream, user_id=str(self.user.pk), channel=self.channel_name, user_data=self._user_data()
            )
        except Exception as exc:  # noqa: BLE001 — presence is best effort
            logger.info("presence join failed: %s", exc)

    async def on_left(self):
        try:
            await presence.presence_leave(
                stream=self.stream, user_id=str(self.user.pk), channel=self.channel_name, user_data=self._user_data()
            )
        except Exception as exc:  # noqa: BLE001
            logger.info("presence leave failed: %s", exc)

    async def present_members(self) -> list[dict] | None:
        """[{id, display_name}] of the members connected now; None when Redis cannot say."""
        try:
            user_ids = await presence.presence_user_ids(stream=self.stream)
        except Exception:  # noqa: BLE001
            return None
        return await self._members(user_ids)

    async def receive(self, text_data=None, bytes_data=None):
        if self.stream:
            try:
                await presence.presence_touch(stream=self.stream, user_id=str(self.user.pk), channel=self.channel_name)
            except Exception:  # noqa: BLE001
                pass
        await super().receive(text_data=text_data, bytes_data=bytes_data)

    @database_sync_to_async
    def _members(self, user_ids: list[str]) -> list[dict]:
        members = Membership.objects.filter(project_id=self.project_id, user_id__in=user_ids).select_related("user")
        return [{"id": str(m.user_id), "display_name": m.user.display_name} for m in members]


class ProjectConsumer(ProjectPresenceConsumer):
    """/ws/projects/<id>/ — project events and who is viewing the project now."""

    async def resolve_stream(self) -> str:
        self.project_id = self.scope["url_route"]["kwargs"]["project_id"]
        if not await self._is_member():
            # Unknown and not-yours look the same, except to someone removed from (or who left)
            # the project: a socket that was reconnecting when it happened (a fresh ticket after
            # 4401, a node restart) is told 4403 "removed", as a live one is, not 4404 "deleted".
            raise Deny(CLOSE_FORBIDDEN if await self._was_member() else CLOSE_NOT_FOUND)
        return project_stream(self.project_id)

    async def still_allowed(self) -> bool:
        return await current_role((self.project_id, self.user.pk)) is not None

    async def event_visible(self, message: dict) -> bool:
        if message["type"].startswith(MANAGERS_ONLY):
            return await self._can(permissions.MANAGE)
        if (message.get("data") or {}).get("internal") is True:
            # About a team-only note (e.g. the plan page's counts moved by one): as in the
            # version room, only for roles that see internal notes.
            role = await current_role((self.project_id, self.user.pk))
            return permissions.role_allows(role, permissions.VIEW_INTERNAL)
        return True

    async def stream_message(self, payload):
        if payload["message"].get("type") == "project.deleted":
            await self.send_json(payload["message"])
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await super().stream_message(payload)

    async def presence(self) -> list:
        return await self.present_members() or []

    # --- database ---
    @database_sync_to_async
    def _is_member(self) -> bool:
        return Membership.objects.filter(project_id=self.project_id, user_id=self.user.pk).exists()

    @database_sync_to_async
    def _was_member(self) -> bool:
        return Activity.objects.filter(
            project_id=self.project_id, verb="member.left", target_type="user", target_id=str(self.user.pk)
        ).exists()

    @database_sync_to_async
    def _can(self, action: str) -> bool:
        project = Project.objects.filter(pk=self.project_id).first()
        return project is not None and permissions.can(self.user, action, project)
