"""Access tokens revoked at once, on every node.

A simplejwt access token is self-contained and lives `ACCESS_TOKEN_LIFETIME` (10 minutes);
logging out only blacklisted its refresh token (PostgreSQL). This module is the denylist
every authenticated request checks, in Redis, with ONE round trip (an MGET of two keys):

- `vp:auth:revoked:<jti>`   one access token (logout); expires when the token would.
- `vp:auth:epoch:<user id>` milliseconds since the epoch: every access token of that user
  issued before it is revoked (sign out everywhere, password change or reset,
  deactivation); expires after one access lifetime, when no older token is left.

Open WebSockets opened with a covered token are closed too (4401), through the channel
layer group `session_group(user)` their consumers joined (core.ws.base).

Tokens carry their issue time in milliseconds (`iat_ms`, set by `users.token_pair_for`),
so a new pair minted right after a revocation (the password-change answer) is not caught
by the second it shares with the epoch; a token without the claim counts from its `iat`.

If Redis cannot be read the check fails OPEN (logged, `vp_token_denylist_errors_total`):
the cache and the throttles make the same choice, so that a Redis blip does not sign every
user out of the API. What must hold anyway is checked in PostgreSQL on every request:
a deactivated user is refused (`is_active`), a token minted before a password change is
refused (simplejwt's `CHECK_REVOKE_TOKEN`, a hash of the password in the token), and
refresh tokens are blacklisted in PostgreSQL. Only a logged-out (or signed-out-everywhere)
access token can outlive its revocation during an outage, for at most its 10 minutes.
See docs/architecture.md, "Token revocation"."""

import asyncio
import logging
import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django_redis import get_redis_connection
from prometheus_client import Counter
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

ISSUED_MS_CLAIM = "iat_ms"
# What the check reads from a token (a WebSocket ticket keeps just these).
CHECKED_CLAIMS = ("jti", "user_id", "iat", ISSUED_MS_CLAIM)
_JTI_PREFIX = "vp:auth:revoked:"
_EPOCH_PREFIX = "vp:auth:epoch:"

DENYLIST_ERRORS = Counter(
    "vp_token_denylist_errors",
    "Token denylist reads or writes that failed because Redis was unavailable",
    ["op"],
)


def session_group(user_id) -> str:
    """The channel-layer group every WebSocket of the user signed in with a token joins, so a
    revocation also closes the sockets it covers (4401), on every node."""
    return f"sessions.{user_id}"


def socket_is_revoked(claims: dict, message: dict) -> bool:
    """Whether a `session.revoked` message covers the socket opened with these claims."""
    if message.get("jti") is not None:
        return message["jti"] == claims.get("jti")
    return _issued_ms(claims) < int(message.get("before_ms") or 0)


def _close_sockets(user_id, **message) -> None:
    async def send() -> None:
        layer = get_channel_layer()
        await asyncio.wait_for(
            layer.group_send(session_group(user_id), {"type": "session.revoked", **message}),
            timeout=settings.REDIS_TIMEOUT,
        )

    try:
        async_to_sync(send)()
    except Exception as exc:  # noqa: BLE001 — the tokens are revoked either way; sockets end on reconnect
        logger.warning("Could not close the revoked sockets of user %s: %s", user_id, exc)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def _user_id(payload) -> str:
    return str(payload.get(settings.SIMPLE_JWT.get("USER_ID_CLAIM", "user_id"), ""))


def _issued_ms(payload) -> int:
    issued = payload.get(ISSUED_MS_CLAIM)
    if isinstance(issued, int):
        return issued
    return int(payload.get("iat") or 0) * 1000


def check_keys(payload) -> list[str]:
    """The two keys one MGET reads for this token (used by the sync and async paths)."""
    return [_JTI_PREFIX + str(payload.get("jti", "")), _EPOCH_PREFIX + _user_id(payload)]


def is_revoked_by(values, payload) -> bool:
    """Given the MGET answer for `check_keys(payload)`."""
    revoked, epoch = values
    return revoked is not None or (epoch is not None and _issued_ms(payload) < int(epoch))


def token_is_revoked(payload) -> bool:
    """One round trip. Fails open when Redis is unreachable (see the module docstring)."""
    try:
        values = get_redis_connection("default").mget(check_keys(payload))
    except RedisError as exc:
        DENYLIST_ERRORS.labels(op="read").inc()
        logger.warning("Token denylist unavailable, request allowed: %s", exc)
        return False
    return is_revoked_by(values, payload)


def token_revoke(payload) -> None:
    """Revokes one access token until it would have expired anyway."""
    jti = payload.get("jti")
    if not jti:
        return
    ttl = int(payload.get("exp", 0) - time.time()) + 1
    if ttl <= 0:
        return
    try:
        get_redis_connection("default").set(_JTI_PREFIX + str(jti), b"1", ex=ttl)
    except RedisError as exc:
        DENYLIST_ERRORS.labels(op="write").inc()
        logger.warning("Token denylist unavailable, access token %s not revoked: %s", jti, exc)
    _close_sockets(_user_id(payload), jti=str(jti))


def user_tokens_revoke(user_id) -> int:
    """Revokes every access token of the user issued until now; answers the epoch (ms)."""
    epoch = now_ms()
    ttl = int(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds()) + 60
    try:
        get_redis_connection("default").set(_EPOCH_PREFIX + str(user_id), str(epoch), ex=ttl)
    except RedisError as exc:
        DENYLIST_ERRORS.labels(op="write").inc()
        logger.warning("Token denylist unavailable, tokens of user %s not revoked: %s", user_id, exc)
    _close_sockets(user_id, before_ms=epoch)
    return epoch
