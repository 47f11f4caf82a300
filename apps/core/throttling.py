"""Rate limits per user and per IP, and stricter ones for authentication."""

import logging
import math
import re
import time
import uuid

from django.core.cache import cache
from django_redis import get_redis_connection
from redis.exceptions import RedisError
from rest_framework import throttling

logger = logging.getLogger(__name__)

_RATE = re.compile(r"^(\d+)/(\d*)(s|sec|m|min|h|hour|d|day)$")
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str | None) -> tuple[int | None, int | None]:
    """'20/min', '5/15min', '1000/day' → (requests, seconds)."""
    if rate is None:
        return None, None
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Bad throttle rate {rate!r}")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _UNIT_SECONDS[unit]


# The requests of the last `window` seconds as a sorted set scored by time: drop the old
# ones, count, and record this one if under the limit, in one atomic round trip. DRF's own
# throttle reads and rewrites a pickled list of every timestamp (two round trips, more
# bytes the busier the caller, and concurrent requests overwrite each other's count).
_SLIDING_WINDOW = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('EXPIRE', KEYS[1], math.ceil(window))
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {count, oldest[2] or false}
"""
_script = None


def _sliding_window():
    global _script
    if _script is None:
        _script = get_redis_connection("default").register_script(_SLIDING_WINDOW)
    return _script


def _window_hit(key: str, *, now: float, window: float, limit: int) -> tuple[int, float]:
    """Records a request under `key` if fewer than `limit` were made in the last `window`
    seconds: (requests already in the window, time of the oldest). Raises RedisError."""
    count, oldest = _sliding_window()(
        keys=[cache.make_key(key)], args=[now, window, limit, f"{now}:{uuid.uuid4().hex}"]
    )
    return count, float(oldest) if oldest is not None else now


def rate_limit_wait(key: str, rate: str) -> int | None:
    """The sliding window for a caller outside DRF (a plain Django view): None when the
    request is allowed (and recorded), else whole seconds to wait. Fails open like the
    throttles."""
    limit, window = parse_rate(rate)
    now = time.time()
    try:
        count, oldest = _window_hit(key, now=now, window=window, limit=limit)
    except RedisError as exc:
        logger.warning("Rate limit %s skipped: %s", key, exc)
        return None
    if count < limit:
        return None
    return max(1, math.ceil(window - (now - oldest)))


class _Throttle:
    """Our rate syntax ('5/15min') and the one-round-trip sliding window. Like the cache,
    a throttle fails open: a Redis outage must not take the API down."""

    def parse_rate(self, rate):
        return parse_rate(rate)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        try:
            count, self.oldest = _window_hit(self.key, now=self.now, window=self.duration, limit=self.num_requests)
        except RedisError as exc:
            logger.warning("Throttle %s skipped: %s", self.scope, exc)
            return True
        return count < self.num_requests

    def wait(self):
        """Seconds until the oldest request in the window leaves it."""
        return max(0.0, self.duration - (self.now - self.oldest))


class UserRateThrottle(_Throttle, throttling.UserRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # anonymous callers are covered by the IP throttle
        return super().get_cache_key(request, view)


class IPRateThrottle(_Throttle, throttling.SimpleRateThrottle):
    scope = "ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AuthRateThrottle(IPRateThrottle):
    """Per-IP limit on the unauthenticated auth endpoints (login, register, reset)."""

    scope = "auth"


class LoginFailureLimiter:
    """Failed logins, counted so that nobody can lock a chosen account from elsewhere:

    - per (account, IP) — `login_failure`: one place guessing one password;
    - per IP — `login_failure_ip`: one place trying many accounts (credential stuffing);
    - per account — `login_failure_account`: a generous ceiling against a botnet spread
      over many IPs;
    - per known device — `login_failure`: a browser that signed in to this account before
      (its signed token, see users.tokens) is judged only by its own failures, so neither
      the per-account ceiling nor a shared IP locks its owner out.

    Past a limit, login answers 429 with the seconds until that counter's window ends.
    A successful login clears its (account, IP) and device counters only: the per-IP and
    per-account counts stay (credential stuffing, a botnet). Fails open like the cache."""

    def __init__(self):
        from django.conf import settings

        rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        self.pair = parse_rate(rates["login_failure"])
        self.ip = parse_rate(rates["login_failure_ip"])
        self.account = parse_rate(rates["login_failure_account"])

    def _limits(self, email: str, ip: str, device: str | None) -> dict[str, tuple[int, int]]:
        email = email.strip().lower()
        if device:
            return {f"login-fail:device:{device}": self.pair, f"login-fail:account:{email}": self.account}
        return {
            f"login-fail:pair:{email}:{ip}": self.pair,
            f"login-fail:ip:{ip}": self.ip,
            f"login-fail:account:{email}": self.account,
        }

    def _checked(self, email: str, ip: str, device: str | None) -> dict[str, tuple[int, int]]:
        limits = self._limits(email, ip, device)
        if device:  # a known device passes the account ceiling
            limits.pop(f"login-fail:account:{email.strip().lower()}")
        return limits

    def blocked(self, *, email: str, ip: str, device: str | None = None) -> int | None:
        """None when a login may be tried, else whole seconds until it may."""
        limits = self._checked(email, ip, device)
        counts = cache.get_many(list(limits))
        waits = []
        for key, count in counts.items():
            limit, window = limits[key]
            if count >= limit:
                ttl = cache.ttl(key) if hasattr(cache, "ttl") else None
                waits.append(int(ttl) if ttl and ttl > 0 else window)
        return max(waits) if waits else None

    def record_failure(self, *, email: str, ip: str, device: str | None = None) -> None:
        limits = self._limits(email, ip, device)
        if device:  # its failures count on the IP as well
            limits[f"login-fail:ip:{ip}"] = self.ip
        for key, (_limit, window) in limits.items():
            if cache.add(key, 1, window) is False:
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, window)

    def reset(self, *, email: str, ip: str, device: str | None = None) -> None:
        keys = [f"login-fail:pair:{email.strip().lower()}:{ip}"]
        if device:
            keys.append(f"login-fail:device:{device}")
        cache.delete_many(keys)
