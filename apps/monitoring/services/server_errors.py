"""Unhandled server errors → an in-app notification for active staff, when no Sentry DSN is
set (with Sentry, Sentry is where errors are read). One notification per error kind — the
exception class and the route pattern — per MONITORING_SERVER_ERROR_NOTIFY_MINUTES, across
processes (a Redis `SET NX EX`; with Redis away, the newest such notification in the
database decides), so an error storm makes one notice, not thousands."""

import hashlib
import logging
import sys
from datetime import timedelta

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from apps.core.models import Notification
from apps.core.notify import notify
from apps.core.redis_clients import redis_client
from apps.core.request_context import current_request_id

logger = logging.getLogger(__name__)

KEY = "server.error"


def error_kind(request, exception: BaseException) -> tuple[str, str]:
    """(exception class, route pattern): bounded, never the raw path or the message."""
    match = getattr(request, "resolver_match", None)
    route = "/" + match.route if match is not None and match.route else "unmatched"
    return type(exception).__qualname__, route


def _first_in_window(kind: str, minutes: int) -> bool:
    digest = hashlib.sha256(kind.encode()).hexdigest()[:32]
    try:
        with redis_client() as client:
            return bool(client.set(f"vp:server-error:{digest}", 1, nx=True, ex=minutes * 60))
    except redis.RedisError:
        since = timezone.now() - timedelta(minutes=minutes)
        return not Notification.objects.filter(key=KEY, data__kind=kind, created_at__gte=since).exists()


def server_error_notify(*, request, exception: BaseException) -> int:
    """Notify active staff of this error unless Sentry is configured or the same kind was
    notified within the window. Returns how many notifications were made."""
    if settings.SENTRY_DSN:
        return 0
    error_class, route = error_kind(request, exception)
    kind = f"{error_class} {route}"
    if not _first_in_window(kind, settings.MONITORING_SERVER_ERROR_NOTIFY_MINUTES):
        return 0
    request_id = current_request_id()
    body = f"{type(exception).__module__}.{error_class}: {str(exception)[:300]}"
    if request_id:
        body += f"\nrequest id {request_id}"
    made = 0
    with transaction.atomic():
        for user in get_user_model().objects.filter(is_staff=True, is_active=True).only("pk", "locale"):
            sent = notify(
                user,
                key=KEY,
                params={"error": error_class, "route": route},
                body=body,
                url="/monitoring",
                data={"kind": kind, "error": error_class, "route": route, "request_id": request_id},
            )
            made += sent is not None
    return made


def on_unhandled_error(sender, request=None, exception=None, **kwargs) -> None:
    if request is None or exception is None:
        return
    try:
        server_error_notify(request=request, exception=exception)
    except Exception:  # noqa: BLE001 — reporting an error must not raise another
        logger.warning("Staff not notified of a server error", exc_info=True)


def on_request_exception(sender, request=None, **kwargs) -> None:
    """Django's got_request_exception (outside /api/, whose middleware answers first)."""
    exception = sys.exc_info()[1]
    if exception is not None:
        on_unhandled_error(sender, request=request, exception=exception)
