from channels.db import database_sync_to_async

from apps.core.ws.base import CLOSE_FORBIDDEN, Deny, StreamConsumer

from .permissions import user_may_monitor
from .services.samples import MONITORING_STREAM


class MonitoringConsumer(StreamConsumer):
    """/ws/monitoring/ — alert.firing/resolved/acknowledged (durable, seq) and
    metrics.sample (ephemeral). Staff (or the monitoring permission) only: 4403 otherwise."""

    async def resolve_stream(self) -> str:
        if not await self._allowed():
            raise Deny(CLOSE_FORBIDDEN)
        return MONITORING_STREAM

    async def still_allowed(self) -> bool:
        return await self._allowed()

    @database_sync_to_async
    def _allowed(self) -> bool:
        user = type(self.user).objects.filter(pk=self.user.pk, is_active=True).first()
        return user is not None and user_may_monitor(user)
