"""HTTP per route group: the middleware's pipelined write of each request into 10 s Redis
bucket hashes (with a back-off after Redis failed), and their reads — the rule window, the
per-minute history and the overview's series."""

import logging
import time
from datetime import UTC, datetime

import redis
from django.conf import settings

logger = logging.getLogger("apps.monitoring.appmetrics")  # one logger name for the package

HTTP_KEY = "vp:app:http:{bucket}"
HISTORY_MINUTES = 30  # HTTP buckets are kept this long for the per-minute series
# Upper bounds (ms) of the latency histogram; the last bucket is open.
LATENCY_BOUNDS_MS = (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
# App label (second part of the view's module) → route group.
_GROUP_OF_APP = {"users": "auth", "ai_planning": "ai"}

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
