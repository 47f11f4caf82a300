"""Ingestion health: Prometheus metrics (per process, merged at scrape) and per-minute
counters in Redis that the `analytics` alert source reads (they are shared by every web
process). Redis being down only blinds the alert source; ingestion goes on."""

import functools
import logging
import math
import time
from datetime import UTC, datetime

import redis
from django.conf import settings
from prometheus_client import Counter, Histogram

logger = logging.getLogger(__name__)

EVENTS = Counter("vp_analytics_events", "Tracker events by site and outcome", ["site", "outcome"])
REQUESTS = Counter("vp_analytics_requests", "Tracker ingestion requests by HTTP status", ["status"])
INGEST_SECONDS = Histogram(
    "vp_analytics_ingest_duration_seconds",
    "Tracker ingestion request time",
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)

GLOBAL = "_all"  # every request, attributed to a site or not
_PREFIX = "vp:an:health:"
_KEEP_SECONDS = 2 * 3600
_LATENCY_SAMPLES = 500  # per site and minute
_BACKOFF_SECONDS = 30
_redis_down_until = 0.0  # per process


@functools.cache
def _client_for(url: str, timeout: float) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def _client() -> redis.Redis:
    """One client (and connection pool) per process: a new one per request paid a TCP connect
    and the client handshake on every tracker batch."""
    return _client_for(settings.REDIS_URL, settings.REDIS_TIMEOUT)


def _minute(ts: float) -> int:
    return int(ts // 60)


def ingestion_record(*, site_id: str | None, status: int, accepted: int, rejected: int, seconds: float) -> None:
    """One request's outcome. Errors are refused requests other than throttling; throttled
    requests (429) are counted apart."""
    site_label = site_id or "unknown"
    try:
        REQUESTS.labels(str(status)).inc()
        INGEST_SECONDS.observe(seconds)
        if accepted:
            EVENTS.labels(site_label, "accepted").inc(accepted)
        if rejected:
            EVENTS.labels(site_label, "rejected").inc(rejected)
    except Exception:  # noqa: BLE001 — metrics never break ingestion
        logger.debug("analytics metrics update failed", exc_info=True)
    global _redis_down_until
    if time.monotonic() < _redis_down_until:
        return  # Redis was just found down: do not make every request wait for its timeout
    error = 1 if status >= 400 and status != 429 else 0
    throttled = 1 if status == 429 else 0
    minute = _minute(time.time())
    try:
        with _client().pipeline(transaction=False) as pipe:
            for target in {GLOBAL, site_id} - {None}:
                key = f"{_PREFIX}{target}:{minute}"
                pipe.hincrby(key, "accepted", accepted)
                pipe.hincrby(key, "rejected", rejected)
                pipe.hincrby(key, "errors", error)
                pipe.hincrby(key, "throttled", throttled)
                pipe.expire(key, _KEEP_SECONDS)
                lat = f"{_PREFIX}lat:{target}:{minute}"
                pipe.lpush(lat, round(seconds * 1000, 3))
                pipe.ltrim(lat, 0, _LATENCY_SAMPLES - 1)
                pipe.expire(lat, _KEEP_SECONDS)
            pipe.execute()
    except redis.RedisError as exc:
        _redis_down_until = time.monotonic() + _BACKOFF_SECONDS
        logger.info("Analytics health counters not recorded for %ss (%s)", _BACKOFF_SECONDS, exc)


def health_window(targets: list[str], *, now: float, minutes: int = 5) -> dict[str, dict] | None:
    """target → {accepted, rejected, errors, latency_p95_ms} over the last `minutes` whole
    and current minutes; None when Redis is unavailable."""
    last = _minute(now)
    span = range(last - minutes + 1, last + 1)
    try:
        with _client().pipeline(transaction=False) as pipe:
            for target in targets:
                for minute in span:
                    pipe.hgetall(f"{_PREFIX}{target}:{minute}")
                    pipe.lrange(f"{_PREFIX}lat:{target}:{minute}", 0, -1)
            raw = pipe.execute()
    except redis.RedisError as exc:
        logger.info("Analytics health unavailable (%s)", exc)
        return None
    out = {}
    step = 2 * len(span)
    for index, target in enumerate(targets):
        chunk = raw[index * step : (index + 1) * step]
        totals = {"accepted": 0, "rejected": 0, "errors": 0, "throttled": 0}
        latencies: list[float] = []
        for counters, lats in zip(chunk[0::2], chunk[1::2], strict=True):
            for key in totals:
                totals[key] += int(counters.get(key.encode(), 0))
            latencies.extend(float(v) for v in lats)
        totals["latency_p95_ms"] = percentile(latencies, 0.95) if latencies else 0.0
        out[target] = totals
    return out


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (PostgreSQL's percentile_cont)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


OVERVIEW_MINUTES = 60


def ingestion_overview(now) -> dict | None:
    """The console overview's analytics section: every request (the `_all` counters shared by
    all web processes, not one process' Prometheus values) over the last hour — events
    accepted and rejected, refused requests, throttled requests, p95 request time — and the
    same per minute for its chart. None when Redis is unavailable."""
    end = min(now.timestamp(), time.time())
    last = _minute(end)
    minutes = range(last - OVERVIEW_MINUTES + 1, last + 1)
    try:
        with _client().pipeline(transaction=False) as pipe:
            for minute in minutes:
                pipe.hgetall(f"{_PREFIX}{GLOBAL}:{minute}")
                pipe.lrange(f"{_PREFIX}lat:{GLOBAL}:{minute}", 0, -1)
            raw = pipe.execute()
    except redis.RedisError as exc:
        logger.info("Analytics health unavailable (%s)", exc)
        return None
    keys = ("accepted", "rejected", "errors", "throttled")
    totals = dict.fromkeys(keys, 0)
    latencies: list[float] = []
    series = []
    for minute, counters, lats in zip(minutes, raw[0::2], raw[1::2], strict=True):
        row = {key: int(counters.get(key.encode(), 0)) for key in keys}
        values = [float(v) for v in lats]
        for key in keys:
            totals[key] += row[key]
        latencies.extend(values)
        series.append(
            {
                "ts": datetime.fromtimestamp(minute * 60, tz=UTC),
                **row,
                "latency_p95_ms": round(percentile(values, 0.95), 1) if values else None,
            }
        )
    p95 = percentile(latencies, 0.95)
    return {
        "window_minutes": OVERVIEW_MINUTES,
        **totals,
        "latency_p95_ms": round(p95, 1) if p95 is not None else None,
        "series": series,
    }
