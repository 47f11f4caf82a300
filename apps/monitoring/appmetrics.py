"""Application metrics the product measures itself, for alert rules (source `app`).

Prometheus counters live in each process, so the rule engine cannot read them; these are
kept in Redis, shared by every Daphne and Celery process on every node:

- HTTP: the middleware adds each request to a `MONITORING_APP_BUCKET_SECONDS` (10 s) hash
  `vp:app:http:<bucket>` — request count, 5xx count and a latency histogram per route group
  — in one pipelined write (no write at all for `MONITORING_APP_BACKOFF_SECONDS` after
  Redis failed, so a Redis outage costs no request a timeout). The rule reads the buckets of
  the last `MONITORING_APP_WINDOW_SECONDS` (300 s): `http.error_rate` = 5xx / requests in %,
  `http.p95_ms` = the 95th percentile from the histogram (linear inside its bucket).
  A route group is the app that serves the route (`auth`, `projects`, `feedbacks`, `ai`,
  `monitoring`, `analytics`, `core`, `admin`, `other`), never a path.
- WebSocket: each process counts its open connections per endpoint (`notifications`,
  `project`, `monitoring`, ...) in `vp:app:ws:<host>:<pid>`, rewritten on every connect and
  close and every `WS_REFRESH_SECONDS` while any is open, expiring after `WS_TTL_SECONDS`
  (a killed process stops counting within a minute). `ws.connections` sums the live ones.
- Celery: `celery.queue_depth` is the broker list length per queue (priority sub-lists
  included); `celery.oldest_wait_s` is the age of the message at the head of the queue, from
  the `vp-published-at` header every publish gets (`before_task_publish`).
- `ai.error_rate` and any other metric an upper app owns are registered with
  `register_app_metric()` (apps.ai_planning does it for AI calls): monitoring imports none.

Targets (the rule's selector `{"targets": [...]}`; `{}` = every target with data, plus any
target that still has an open alert, which then sees 0 and resolves): route groups for
`http.*`, endpoints for `ws.connections`, queues for `celery.*`, `all` for `ai.error_rate`."""

import asyncio
import json
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import redis
from django.conf import settings

from .sources import MetricSource, Observation, register_source

logger = logging.getLogger(__name__)

HTTP_KEY = "vp:app:http:{bucket}"
WS_KEY = "vp:app:ws:{node}"
WS_NODES = "vp:app:ws:nodes"
WS_TTL_SECONDS = 60
WS_REFRESH_SECONDS = 20
PUBLISHED_HEADER = "vp-published-at"
HISTORY_MINUTES = 30  # HTTP buckets are kept this long for the per-minute series
# Upper bounds (ms) of the latency histogram; the last bucket is open.
LATENCY_BOUNDS_MS = (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
# kombu's Redis transport keeps priorities 3/6/9 in sub-lists "<queue>\x06\x16<n>".
_PRIORITY_SEP = "\x06\x16"
_PRIORITY_STEPS = (0, 3, 6, 9)
# App label (second part of the view's module) → route group.
_GROUP_OF_APP = {"users": "auth", "ai_planning": "ai"}

APP_METRICS: dict[str, str] = {
    "http.error_rate": "share of HTTP responses that were 5xx over the window, % (targets: route groups)",
    "http.p95_ms": "95th percentile HTTP response time over the window, ms (targets: route groups)",
    "http.requests": "HTTP requests over the window, count (targets: route groups)",
    "ws.connections": "open WebSocket connections, all processes (targets: endpoints)",
    "celery.queue_depth": "messages waiting in a Celery queue, count (targets: queues)",
    "celery.oldest_wait_s": "age of the oldest waiting message in a Celery queue, s (targets: queues)",
}


@dataclass(frozen=True)
class AppMetric:
    """A metric an upper app contributes: `observe(now, window_seconds)` returns
    (target, value, label) rows."""

    name: str
    description: str
    observe: Callable[[datetime, int], list[tuple[str, float, str]]]


_EXTRA: dict[str, AppMetric] = {}


def register_app_metric(metric: AppMetric) -> None:
    _EXTRA[metric.name] = metric


# --- Redis -------------------------------------------------------------------------------

_client: redis.Redis | None = None
_down_until = 0.0


def _redis() -> redis.Redis | None:
    """One client (and connection pool) per process; None while backing off after a failure."""
    global _client
    if time.monotonic() < _down_until:
        return None
    if _client is None:
        _client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=settings.REDIS_TIMEOUT, socket_connect_timeout=settings.REDIS_TIMEOUT
        )
    return _client


def _failed(exc: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + settings.MONITORING_APP_BACKOFF_SECONDS
    logger.warning("Application metrics not recorded (Redis: %s)", exc)


# --- HTTP --------------------------------------------------------------------------------


def route_group(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "other"
    func = getattr(match.func, "view_class", None) or getattr(match.func, "cls", None) or match.func
    module = getattr(func, "__module__", "") or ""
    if module.startswith("apps.monitoring.analytics"):
        return "analytics"
    if module.startswith("django.contrib.admin"):
        return "admin"
    parts = module.split(".")
    if len(parts) > 1 and parts[0] == "apps":
        return _GROUP_OF_APP.get(parts[1], parts[1])
    return "other"


def _latency_slot(ms: float) -> int:
    for index, bound in enumerate(LATENCY_BOUNDS_MS):
        if ms <= bound:
            return index
    return len(LATENCY_BOUNDS_MS)


def http_record(*, group: str, status: int, seconds: float, at: float | None = None) -> None:
    """One request, one pipelined write. Never raises."""
    client = _redis()
    if client is None:
        return
    bucket_seconds = settings.MONITORING_APP_BUCKET_SECONDS
    key = HTTP_KEY.format(bucket=int((at if at is not None else time.time()) // bucket_seconds))
    try:
        pipe = client.pipeline(transaction=False)
        pipe.hincrby(key, f"{group}|n", 1)
        if status >= 500:
            pipe.hincrby(key, f"{group}|5xx", 1)
        pipe.hincrby(key, f"{group}|b{_latency_slot(seconds * 1000)}", 1)
        pipe.expire(key, int(max(settings.MONITORING_APP_WINDOW_SECONDS, HISTORY_MINUTES * 60) + 2 * bucket_seconds))
        pipe.execute()
    except redis.RedisError as exc:
        _failed(exc)


def histogram_percentile(histogram: list[int], q: float) -> float:
    """The q-quantile (ms) of a latency histogram (counts per LATENCY_BOUNDS_MS slot), linear
    inside its slot; 0 for an empty one. Histograms of several buckets merge by adding."""
    total = sum(histogram)
    return _percentile(list(histogram), total, q) if total else 0.0


def _percentile(histogram: list[int], total: int, q: float) -> float:
    wanted = q * total
    seen = 0
    lower = 0.0
    for index, count in enumerate(histogram):
        upper = LATENCY_BOUNDS_MS[index] if index < len(LATENCY_BOUNDS_MS) else LATENCY_BOUNDS_MS[-1]
        if count and seen + count >= wanted:
            return round(lower + (upper - lower) * (wanted - seen) / count, 1)
        seen += count
        lower = upper
    return float(LATENCY_BOUNDS_MS[-1])


def _http_buckets(first: int, last: int) -> list[dict]:
    from apps.core.redis_clients import redis_client

    with redis_client() as client:
        pipe = client.pipeline(transaction=False)
        for bucket in range(first, last + 1):
            pipe.hgetall(HTTP_KEY.format(bucket=bucket))
        return pipe.execute()


def _http_summary(hashes: list[dict]) -> dict[str, dict]:
    """Per route group over the given bucket hashes: requests, errors, error_rate (%), p95_ms."""
    groups = _http_counts(hashes)
    out = {}
    for group, row in sorted(groups.items()):
        total = row["requests"]
        out[group] = {
            "requests": total,
            "errors": row["errors"],
            "error_rate": round(row["errors"] / total * 100, 2) if total else 0.0,
            "p95_ms": _percentile(row["histogram"], total, 0.95) if total else 0.0,
        }
    return out


def _http_counts(hashes: list[dict]) -> dict[str, dict]:
    """Per route group over the given bucket hashes: requests, errors and the histogram."""
    groups: dict[str, dict] = {}
    slots = len(LATENCY_BOUNDS_MS) + 1
    for fields in hashes:
        for raw_field, raw_value in fields.items():
            group, _, part = raw_field.decode().rpartition("|")
            row = groups.setdefault(group, {"requests": 0, "errors": 0, "histogram": [0] * slots})
            value = int(raw_value)
            if part == "n":
                row["requests"] += value
            elif part == "5xx":
                row["errors"] += value
            elif part.startswith("b") and part[1:].isdigit() and int(part[1:]) < slots:
                row["histogram"][int(part[1:])] += value
    return groups


def http_minutes(first: datetime, last: datetime) -> list[tuple[datetime, dict[str, dict]]]:
    """The minutes [first, last) (both whole minutes), each with its per-route-group counts
    {group: {requests, errors, histogram}} from the Redis buckets (empty dict: no traffic).
    Only minutes within the last HISTORY_MINUTES still exist. Raises redis.RedisError."""
    bucket_seconds = settings.MONITORING_APP_BUCKET_SECONDS
    per_minute = max(1, 60 // bucket_seconds)
    start = int(first.timestamp()) // 60
    minutes = max(0, int(last.timestamp()) // 60 - start)
    if not minutes:
        return []
    first_bucket = start * 60 // bucket_seconds
    hashes = _http_buckets(first_bucket, first_bucket + minutes * per_minute - 1)
    return [
        (
            datetime.fromtimestamp((start + index) * 60, tz=UTC),
            _http_counts(hashes[index * per_minute : (index + 1) * per_minute]),
        )
        for index in range(minutes)
    ]


def http_window(now: datetime) -> dict[str, dict]:
    """Per route group over the window ending at `now`. Raises redis.RedisError."""
    bucket_seconds = settings.MONITORING_APP_BUCKET_SECONDS
    last = int(now.timestamp() // bucket_seconds)
    first = int((now.timestamp() - settings.MONITORING_APP_WINDOW_SECONDS) // bucket_seconds) + 1
    return _http_summary(_http_buckets(first, last))


def http_series(now: datetime, *, minutes: int = HISTORY_MINUTES) -> list[dict]:
    """One row per minute over the last `minutes` (oldest first): {at, groups: {group: the
    window summary of that minute}} — the sparklines of an overview. Raises redis.RedisError."""
    bucket_seconds = settings.MONITORING_APP_BUCKET_SECONDS
    per_minute = max(1, 60 // bucket_seconds)
    last = int(now.timestamp() // bucket_seconds)
    first = last - minutes * per_minute + 1
    hashes = _http_buckets(first, last)
    rows = []
    for index in range(minutes):
        chunk = hashes[index * per_minute : (index + 1) * per_minute]
        ends_at = (first + (index + 1) * per_minute) * bucket_seconds
        rows.append({"at": datetime.fromtimestamp(ends_at, tz=UTC), "groups": _http_summary(chunk)})
    return rows


# --- WebSocket ---------------------------------------------------------------------------

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


# --- Celery ------------------------------------------------------------------------------


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


# --- the source --------------------------------------------------------------------------


def app_values(metric: str, now: datetime) -> list[tuple[str, float, str]]:
    """(target, value, label) for one metric now. Raises redis.RedisError."""
    if metric in _EXTRA:
        return _EXTRA[metric].observe(now, settings.MONITORING_APP_WINDOW_SECONDS)
    if metric.startswith("http."):
        field = {"http.error_rate": "error_rate", "http.p95_ms": "p95_ms", "http.requests": "requests"}[metric]
        return [(group, float(row[field]), group) for group, row in http_window(now).items()]
    if metric == "ws.connections":
        return [(endpoint, float(n), endpoint) for endpoint, n in ws_connections().items()]
    if metric.startswith("celery."):
        field = {"celery.queue_depth": "depth", "celery.oldest_wait_s": "oldest_wait_s"}[metric]
        return [(queue, float(row[field]), queue) for queue, row in celery_queues(now).items()]
    return []


def app_snapshot(now: datetime) -> dict[str, list[dict]]:
    """Every app metric now, per target (for the API); a metric whose store is unreachable
    is an empty list."""
    out = {}
    for metric in sorted(AppSource().metrics()):
        try:
            rows = app_values(metric, now)
        except redis.RedisError:
            rows = []
        out[metric] = [{"target": target, "value": value} for target, value, _label in rows]
    return out


def app_http_series(now: datetime) -> list[dict]:
    """`http_series` for the API: per minute, per route group; empty when Redis is away."""
    try:
        return http_series(now)
    except redis.RedisError:
        return []


class AppSource(MetricSource):
    name = "app"
    selector_keys = frozenset({"targets"})

    def metrics(self) -> dict[str, str]:
        return {**APP_METRICS, **{name: metric.description for name, metric in _EXTRA.items()}}

    def observe(self, rule, now: datetime) -> list[Observation]:
        from .models import Alert

        try:
            rows = app_values(rule.metric, now)
        except redis.RedisError as exc:
            logger.warning("App metric %s unreadable: %s", rule.metric, exc)
            return []  # no fresh value: open alerts stay as they are
        wanted = {str(t) for t in (rule.host_selector or {}).get("targets") or []}
        values = {target: (value, label) for target, value, label in rows if not wanted or target in wanted}
        # A watched target without data (no traffic in the window, a process gone) is 0, so
        # its open alert resolves.
        still_open = set(
            Alert.objects.filter(rule=rule, status__in=["pending", "firing"]).values_list("target", flat=True)
        )
        for target in (wanted | still_open) - set(values):
            values[target] = (0.0, target)
        return [
            Observation(target=target, value=value, label=label) for target, (value, label) in sorted(values.items())
        ]


register_source(AppSource())
