"""Single-use WebSocket tickets: a browser cannot set headers on a WebSocket, so it trades
its access token for a 30-second ticket and connects with ?ticket=. The ticket remembers
which token it was issued for: if that token is revoked within the 30 seconds, the ticket
no longer opens a socket.

A ticket may instead carry a `grant` and no user: the right to follow one stream that an
app gave someone without an account (a share link's guest, apps.feedbacks); the consumer
of that stream reads it from `scope["ticket_grant"]`."""

import json
import secrets
from typing import NamedTuple

import redis
from django.conf import settings

from apps.core import revocation
from apps.core.errors import ServiceUnavailable
from apps.core.redis_clients import redis_async_client, redis_client

_PREFIX = "vp:wsticket:"


class Redeemed(NamedTuple):
    user_id: str | None
    claims: dict | None  # of the access token the ticket was traded for
    grant: dict | None


def ticket_issue(*, user_id=None, token: dict | None = None, grant: dict | None = None) -> str:
    """`token`: the payload of the access token the ticket is traded for; `grant`: what a
    ticket without a user may follow (JSON)."""
    assert (user_id is None) != (grant is None), "a ticket is for a user or carries a grant"
    ticket = secrets.token_urlsafe(32)
    claims = {key: token[key] for key in revocation.CHECKED_CLAIMS if key in token} if token else None
    value = json.dumps({"user_id": str(user_id) if user_id else None, "token": claims, "grant": grant})
    try:
        with redis_client() as client:
            client.set(_PREFIX + ticket, value, ex=settings.WS_TICKET_TTL)
    except redis.RedisError as exc:
        raise ServiceUnavailable("Realtime is unavailable right now.") from exc
    return ticket


async def ticket_redeem(ticket: str) -> Redeemed | None:
    """Who the ticket was issued to (a user and their token's claims, or a grant), once; None
    if unknown, used, expired, or its token revoked since."""
    if not ticket or len(ticket) > 100:
        return None
    client = redis_async_client()
    try:
        value = await client.getdel(_PREFIX + ticket)
        if not value:
            return None
        stored = json.loads(value)
        claims = stored["token"]
        if claims and await _revoked(client, claims):
            return None
    except redis.RedisError:
        return None
    finally:
        await client.aclose()
    return Redeemed(stored["user_id"], claims, stored.get("grant"))


async def _revoked(client, claims: dict) -> bool:
    try:
        return revocation.is_revoked_by(await client.mget(revocation.check_keys(claims)), claims)
    except redis.RedisError as exc:  # fails open, like every request (core.revocation)
        revocation.DENYLIST_ERRORS.labels(op="read").inc()
        revocation.logger.warning("Token denylist unavailable, ticket allowed: %s", exc)
        return False
