from channels.db import database_sync_to_async

from apps.core import events
from apps.core.ws.base import StreamConsumer


class NotificationConsumer(StreamConsumer):
    """/ws/notifications/ — the signed-in user's own notifications."""

    async def resolve_stream(self) -> str:
        return events.user_stream(self.user.pk)

    async def still_allowed(self) -> bool:
        return await database_sync_to_async(self._user_active)()

    def _user_active(self) -> bool:
        return type(self.user).objects.filter(pk=self.user.pk, is_active=True).exists()
