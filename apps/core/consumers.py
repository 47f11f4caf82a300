from channels.db import database_sync_to_async

from apps.core import events
from apps.core.ws.base import CLOSE_NOT_FOUND, StreamConsumer


class NotificationConsumer(StreamConsumer):
    """/ws/notifications/ — the signed-in user's own notifications."""

    async def resolve_stream(self) -> str:
        return events.user_stream(self.user.pk)

    async def still_allowed(self) -> bool:
        return await database_sync_to_async(self._user_active)()

    def _user_active(self) -> bool:
        return type(self.user).objects.filter(pk=self.user.pk, is_active=True).exists()


class UnknownStreamConsumer(StreamConsumer):
    """Any other /ws/ path: accepted so that the 4404 close code reaches the client."""

    async def connect(self):
        await self.accept()
        await self.close(code=CLOSE_NOT_FOUND)
