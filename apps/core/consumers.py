from django.contrib.auth import get_user_model

from apps.core import events
from apps.core.ws.base import CLOSE_NOT_FOUND, StreamConsumer
from apps.core.ws.batching import BatchedLookup


def _active_users(user_ids: list) -> dict:
    active = get_user_model().objects.filter(pk__in=user_ids, is_active=True).values_list("pk", flat=True)
    return dict.fromkeys(active, True)


user_is_active = BatchedLookup(_active_users)


class NotificationConsumer(StreamConsumer):
    """/ws/notifications/ — the signed-in user's own notifications."""

    async def resolve_stream(self) -> str:
        return events.user_stream(self.user.pk)

    async def still_allowed(self) -> bool:
        return bool(await user_is_active(self.user.pk))


class UnknownStreamConsumer(StreamConsumer):
    """Any other path: accepted so that the 4404 close code reaches the client."""

    async def connect(self):
        await self.accept()
        await self.close(code=CLOSE_NOT_FOUND)
