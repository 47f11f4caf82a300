"""/healthz: the process answers. /readyz: the process can do its job (database, Redis,
channel layer); 503 names what failed."""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import JsonResponse

from apps.core.redis_clients import redis_client

logger = logging.getLogger(__name__)


def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_redis() -> None:
    with redis_client() as client:
        client.ping()


async def _layer_roundtrip() -> None:
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "readyz.ping"})
    await asyncio.wait_for(layer.receive(channel), timeout=settings.REDIS_TIMEOUT * 2)


async def _check_channel_layer_async() -> None:
    await asyncio.wait_for(_layer_roundtrip(), timeout=settings.REDIS_TIMEOUT * 3)


def _check_channel_layer() -> None:
    async_to_sync(_check_channel_layer_async)()


CHECKS = {"database": _check_database, "redis": _check_redis, "channel_layer": _check_channel_layer}


def readyz(request):
    results, failed = {}, []
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # noqa: BLE001 — report, never crash the probe
            logger.warning("readiness check %s failed: %s", name, exc)
            results[name] = "error"
            failed.append(name)
    status = 503 if failed else 200
    body = {"status": "unavailable" if failed else "ok", "checks": results, "failed": failed}
    return JsonResponse(body, status=status)
