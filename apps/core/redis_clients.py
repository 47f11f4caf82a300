"""Clients for the direct uses of Redis (ws tickets, presence, playheads, live monitoring
values, health checks): on REDIS_URL (or the URL given) with REDIS_TIMEOUT for connecting
and reading, so a call fails fast instead of hanging while Redis is away. A new client per
call: use it in a `with` / `async with` block (or close it)."""

import redis
import redis.asyncio as aredis
from django.conf import settings


def redis_client(url: str | None = None) -> redis.Redis:
    return redis.Redis.from_url(
        url or settings.REDIS_URL,
        socket_timeout=settings.REDIS_TIMEOUT,
        socket_connect_timeout=settings.REDIS_TIMEOUT,
    )


def redis_async_client() -> aredis.Redis:
    return aredis.Redis.from_url(
        settings.REDIS_URL,
        socket_timeout=settings.REDIS_TIMEOUT,
        socket_connect_timeout=settings.REDIS_TIMEOUT,
    )
