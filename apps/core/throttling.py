"""Rate limits per user and per IP, and stricter ones for authentication."""

import re

from django.core.cache import cache
from rest_framework import throttling

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


class _RateParsing:
    def parse_rate(self, rate):
        return parse_rate(rate)


class UserRateThrottle(_RateParsing, throttling.UserRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # anonymous callers are covered by the IP throttle
        return super().get_cache_key(request, view)


class IPRateThrottle(_RateParsing, throttling.SimpleRateThrottle):
    scope = "ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AuthRateThrottle(IPRateThrottle):
    """Per-IP limit on the unauthenticated auth endpoints (login, register, reset)."""

    scope = "auth"


class LoginFailureLimiter:
    """Counts failed logins per email and per IP; past the limit, login answers 429 until
    the window passes. Successful logins do not reset the IP counter (credential stuffing)."""

    scope = "login_failure"

    def __init__(self):
        from django.conf import settings

        rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]
        self.limit, self.window = parse_rate(rate)

    def _keys(self, email: str, ip: str) -> list[str]:
        return [f"login-fail:email:{email.lower()}", f"login-fail:ip:{ip}"]

    def blocked(self, *, email: str, ip: str) -> bool:
        counts = cache.get_many(self._keys(email, ip))
        return any(count >= self.limit for count in counts.values())

    def record_failure(self, *, email: str, ip: str) -> None:
        for key in self._keys(email, ip):
            if cache.add(key, 1, self.window) is False:
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, self.window)

    def reset(self, *, email: str) -> None:
        cache.delete(f"login-fail:email:{email.lower()}")
