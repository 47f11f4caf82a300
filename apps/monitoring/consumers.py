import time

from channels.db import database_sync_to_async

from apps.core.ws.base import CLOSE_FORBIDDEN, Deny, StreamConsumer

from .permissions import user_may_monitor
from .services.samples import MONITORING_STREAM

RECHECK_SECONDS = 10.0


class MonitoringConsumer(StreamConsumer):
    """/ws/monitoring/ — alert.firing/resolved/acknowledged (durable, seq) and
    metrics.sample (ephemeral). Staff (or the monitoring permission) only: 4403 otherwise.
    Samples arrive every few seconds per host, so the re-authorisation before each
    forwarded message is answered from a check at most RECHECK_SECONDS old."""

    _checked_at = 0.0

    async def resolve_stream(self) -> str:
        if not await self._allowed():
            raise Deny(CLOSE_FORBIDDEN)
        self._checked_at = time.monotonic()
        return MONITORING_STREAM

    async def still_allowed(self) -> bool:
        if time.monotonic() - self._checked_at < RECHECK_SECONDS:
            return True
        allowed = await self._allowed()
        if allowed:
            self._checked_at = time.monotonic()
        return allowed

    @database_sync_to_async
    def _allowed(self) -> bool:
        user = type(self.user).objects.filter(pk=self.user.pk, is_active=True).first()
        return user is not None and user_may_monitor(user)
