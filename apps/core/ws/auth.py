"""WebSocket authentication: `?ticket=` (browsers) or `Authorization: Bearer` (API
clients), plus the origin rule: a browser's Origin must be allowed; a connection with no
Origin header is accepted only with a Bearer token (non-browser clients)."""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError

from apps.core.api.authentication import JWTAuthentication  # with the revocation denylist

from .tickets import ticket_redeem


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin1")
    return ""


def _bearer(scope) -> str:
    auth = _header(scope, b"authorization")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else ""


@database_sync_to_async
def _active_user(user_id: str):
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


@database_sync_to_async
def _user_from_jwt(raw: str):
    """(user, token claims), or (None, None)."""
    auth = JWTAuthentication()
    try:
        token = auth.get_validated_token(raw.encode())
        return auth.get_user(token), token.payload
    except (InvalidToken, TokenError, Exception):  # noqa: BLE001 — any failure is "not authenticated"
        return None, None


class WebSocketAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        origin = _header(scope, b"origin")
        bearer = _bearer(scope)
        if origin and origin not in settings.WS_ALLOWED_ORIGINS or not origin and not bearer:
            denier = WebsocketDenier()
            return await denier(scope, receive, send)

        user = claims = grant = None
        # latin-1 reads any bytes; a ticket that was not ASCII is simply not found.
        ticket = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("ticket", [""])[0]
        if ticket:
            redeemed = await ticket_redeem(ticket)
            if redeemed and redeemed.user_id:
                user, claims = await _active_user(redeemed.user_id), redeemed.claims
            elif redeemed:
                grant = redeemed.grant  # no account: what the ticket's issuer allowed (a share link)
        elif bearer:
            user, claims = await _user_from_jwt(bearer)
        scope["user"] = user or AnonymousUser()
        # What a later revocation is matched against (StreamConsumer.session_revoked).
        scope["token_claims"] = claims if user else None
        scope["ticket_grant"] = grant
        return await super().__call__(scope, receive, send)
