"""Single-use WebSocket tickets: a browser cannot set headers on a WebSocket, so it trades
its access token for a 30-second ticket and connects with ?ticket=."""

import secrets

import redis
import redis.asyncio as aredis
from django.conf import settings

from apps.core.errors import ServiceUnavailable

_PREFIX = "vp:wsticket:"


def _client() -> redis.Redis:
    return redis.Redis.from_url(
        settings.REDIS_URL,
        socket_timeout=settings.REDIS_TIMEOUT,
        socket_connect_timeout=settings.REDIS_TIMEOUT,
    )


def ticket_issue(*, user_id) -> str:
    ticket = secrets.token_urlsafe(32)
    try:
        with _client() as client:
            client.set(_PREFIX + ticket, str(user_id), ex=settings.WS_TICKET_TTL)
    except redis.RedisError as exc:
        raise ServiceUnavailable("Realtime is unavailable right now.") from exc
    return ticket


async def ticket_redeem(ticket: str) -> str | None:
    """The user id the ticket was issued to, once; None if unknown, used or expired."""
    if not ticket or len(ticket) > 100:
        return None
    client = aredis.Redis.from_url(
        settings.REDIS_URL,
        socket_timeout=settings.REDIS_TIMEOUT,
        socket_connect_timeout=settings.REDIS_TIMEOUT,
    )
    try:
        value = await client.getdel(_PREFIX + ticket)
    except redis.RedisError:
        return None
    finally:
        await client.aclose()
    return value.decode() if value else None
