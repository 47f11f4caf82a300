"""Celery queues: depth (priority sub-lists included) and the head message's wait, from the
`vp-published-at` header every publish gets."""

import json
import time
from datetime import datetime

from django.conf import settings

PUBLISHED_HEADER = "vp-published-at"
# kombu's Redis transport keeps priorities 3/6/9 in sub-lists "<queue>\x06\x16<n>".
_PRIORITY_SEP = "\x06\x16"
_PRIORITY_STEPS = (0, 3, 6, 9)


def stamp_published(headers: dict | None = None, **kwargs) -> None:
    """before_task_publish: when the message left, so its wait can be measured."""
    if headers is not None:
        headers.setdefault(PUBLISHED_HEADER, time.time())


def _published_at(raw: bytes | None) -> float | None:
    if not raw:
        return None
    try:
        headers = json.loads(raw).get("headers") or {}
        value = headers.get(PUBLISHED_HEADER)
        return float(value) if value is not None else None
    except (ValueError, TypeError, AttributeError):
        return None


def celery_queues(now: datetime) -> dict[str, dict]:
    """Per queue: depth (all priority lists) and the head message's wait in seconds (0 when
    empty or unknown). Raises redis.RedisError."""
    from apps.core.redis_clients import redis_client

    queues = list(settings.MONITORING_CELERY_QUEUES)
    keys = {
        queue: [queue if not step else f"{queue}{_PRIORITY_SEP}{step}" for step in _PRIORITY_STEPS] for queue in queues
    }
    with redis_client(settings.CELERY_BROKER_URL) as client:
        pipe = client.pipeline(transaction=False)
        for queue in queues:
            for key in keys[queue]:
                pipe.llen(key)
                pipe.lindex(key, -1)  # kombu LPUSHes and BRPOPs: the oldest is at the right
        replies = iter(pipe.execute())
    out = {}
    for queue in queues:
        depth, oldest = 0, None
        for _key in keys[queue]:
            length, head = next(replies), next(replies)
            depth += int(length)
            published = _published_at(head)
            if published is not None:
                oldest = published if oldest is None else min(oldest, published)
        wait = max(0.0, now.timestamp() - oldest) if oldest is not None and depth else 0.0
        out[queue] = {"depth": depth, "oldest_wait_s": round(wait, 1)}
    return out
