"""The latest sample per host in Redis (TTL) for the live view. Redis being down degrades
the live view only: samples are in the database regardless, and the next write after
Redis returns restores it."""

import json
import logging

import redis
from django.conf import settings

from apps.core.redis_clients import redis_client

logger = logging.getLogger(__name__)

_PREFIX = "vp:mon:latest:"


def latest_store(*, host_id, sample: dict) -> bool:
    ttl = int(settings.MONITORING_COLLECT_INTERVAL * settings.MONITORING_STALE_INTERVALS) + 5
    try:
        with redis_client() as client:
            client.set(_PREFIX + str(host_id), json.dumps(sample), ex=ttl)
        return True
    except redis.RedisError as exc:
        logger.warning("Live sample not stored in Redis (%s); the database has it", exc)
        return False


def latest_many(host_ids: list) -> dict[str, dict] | None:
    """host id → latest sample; None when Redis is unavailable (callers fall back)."""
    if not host_ids:
        return {}
    try:
        with redis_client() as client:
            raw = client.mget([_PREFIX + str(host_id) for host_id in host_ids])
    except redis.RedisError as exc:
        logger.info("Live samples unavailable from Redis (%s)", exc)
        return None
    return {str(host_id): json.loads(value) for host_id, value in zip(host_ids, raw, strict=True) if value}
