"""WebSocket connections: each process counts its open connections per endpoint and keeps
them in Redis (rewritten on connect/close and while any is open, expiring after a TTL);
`ws_connections` sums the live processes."""

import asyncio
import logging
import os
import socket
import time

import redis

logger = logging.getLogger("apps.monitoring.appmetrics")  # one logger name for the package

WS_KEY = "vp:app:ws:{node}"
WS_NODES = "vp:app:ws:nodes"
WS_TTL_SECONDS = 60
WS_REFRESH_SECONDS = 20

_ws_counts: dict[str, int] = {}
_ws_refresher: asyncio.Task | None = None
_ws_pending: set[asyncio.Task] = set()


def _node() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def ws_changed(endpoint: str, delta: int) -> None:
    """From the ws_connected / ws_disconnected signals, on the consumer's event loop: the count
    changes now, the Redis write is a task of that loop (receivers must not block)."""
    global _ws_refresher
    _ws_counts[endpoint] = max(0, _ws_counts.get(endpoint, 0) + delta)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    task = loop.create_task(_ws_write())
    _ws_pending.add(task)
    task.add_done_callback(_ws_pending.discard)
    if any(_ws_counts.values()):
        if _ws_refresher is None or _ws_refresher.done() or _ws_refresher.get_loop() is not loop:
            _ws_refresher = loop.create_task(_ws_refresh())
    elif _ws_refresher is not None and not _ws_refresher.done():
        _ws_refresher.cancel()
        _ws_refresher = None


async def _ws_refresh() -> None:
    while any(_ws_counts.values()):
        await asyncio.sleep(WS_REFRESH_SECONDS)
        await _ws_write()


async def _ws_write() -> None:
    from apps.core.redis_clients import redis_async_client

    node = _node()
    key = WS_KEY.format(node=node)
    counts = {endpoint: n for endpoint, n in _ws_counts.items() if n}
    try:
        async with redis_async_client() as client:
            pipe = client.pipeline(transaction=False)
            pipe.delete(key)
            if counts:
                for endpoint, n in counts.items():
                    pipe.hset(key, endpoint, n)
                pipe.expire(key, WS_TTL_SECONDS)
                pipe.zadd(WS_NODES, {node: time.time() + WS_TTL_SECONDS})
            else:
                pipe.zrem(WS_NODES, node)
            await pipe.execute()
    except (redis.RedisError, OSError) as exc:
        logger.warning("WebSocket count not recorded (Redis: %s)", exc)


def ws_connections() -> dict[str, int]:
    """Open connections per endpoint, summed over the processes that reported within the
    TTL. Raises redis.RedisError."""
    from apps.core.redis_clients import redis_client

    with redis_client() as client:
        now = time.time()
        client.zremrangebyscore(WS_NODES, "-inf", now)
        nodes = [node.decode() for node in client.zrangebyscore(WS_NODES, now, "+inf")]
        pipe = client.pipeline(transaction=False)
        for node in nodes:
            pipe.hgetall(WS_KEY.format(node=node))
        totals: dict[str, int] = {}
        for fields in pipe.execute():
            for endpoint, n in fields.items():
                totals[endpoint.decode()] = totals.get(endpoint.decode(), 0) + int(n)
    return dict(sorted(totals.items()))
