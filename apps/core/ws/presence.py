"""Who is connected to a stream now, shared by every Daphne process through Redis.

Each connection is a member `<user_id>|<channel>` of a sorted set scored by its expiry, so a
crashed process's entries age out. A user joins when their first connection arrives and
leaves only after their last one has been gone for a grace period, so a page reload (close,
then reconnect within a second or two) does not flap."""

import asyncio
import time

from apps.core import events
from apps.core.redis_clients import redis_async_client

TTL_SECONDS = 70  # clients ping every 25 s; each message refreshes the entry
LEAVE_GRACE_SECONDS = 4.0


def _key(stream: str) -> str:
    return f"vp:presence:{stream}"


def _leaving_key(stream: str, user_id: str) -> str:
    return f"vp:presence-leaving:{stream}:{user_id}"


async def _live_users(client, stream: str) -> dict[str, int]:
    now = time.time()
    await client.zremrangebyscore(_key(stream), "-inf", now)
    counts: dict[str, int] = {}
    for member in await client.zrange(_key(stream), 0, -1):
        user_id = member.decode().split("|", 1)[0]
        counts[user_id] = counts.get(user_id, 0) + 1
    return counts


async def presence_join(*, stream: str, user_id: str, channel: str, user_data: dict) -> None:
    async with redis_async_client() as client:
        already_here = (await _live_users(client, stream)).get(user_id, 0) > 0
        returning = await client.delete(_leaving_key(stream, user_id))
        await client.zadd(_key(stream), {f"{user_id}|{channel}": time.time() + TTL_SECONDS})
        await client.expire(_key(stream), TTL_SECONDS * 2)
    if not already_here and not returning:
        await events.send_ephemeral_async(stream=stream, type="presence.joined", data={"user": user_data})


async def presence_touch(*, stream: str, user_id: str, channel: str) -> None:
    async with redis_async_client() as client:
        await client.zadd(_key(stream), {f"{user_id}|{channel}": time.time() + TTL_SECONDS})
        await client.expire(_key(stream), TTL_SECONDS * 2)


async def presence_leave(*, stream: str, user_id: str, channel: str, user_data: dict) -> None:
    async with redis_async_client() as client:
        await client.zrem(_key(stream), f"{user_id}|{channel}")
        if (await _live_users(client, stream)).get(user_id, 0) > 0:
            return
        await client.set(_leaving_key(stream, user_id), "1", px=int(LEAVE_GRACE_SECONDS * 1000) + 2000)
    asyncio.get_running_loop().create_task(_announce_leave_later(stream, user_id, user_data))


async def _announce_leave_later(stream: str, user_id: str, user_data: dict) -> None:
    await asyncio.sleep(LEAVE_GRACE_SECONDS)
    async with redis_async_client() as client:
        # A reconnect within the grace deleted the marker: the user never left.
        if not await client.delete(_leaving_key(stream, user_id)):
            return
        if (await _live_users(client, stream)).get(user_id, 0) > 0:
            return
    await events.send_ephemeral_async(stream=stream, type="presence.left", data={"user": user_data})


async def presence_user_ids(*, stream: str) -> list[str]:
    async with redis_async_client() as client:
        return list(await _live_users(client, stream))
