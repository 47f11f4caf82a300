import logging
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import events
from .models import AuditLog, Notification
from .request_context import current_request_id

logger = logging.getLogger(__name__)


def model_update(*, instance, fields: list[str] | tuple[str, ...], data: dict, clean_exclude: list[str] | None = None):
    """Copies the `fields` present in `data` onto `instance` and saves it, validated
    (`full_clean(exclude=clean_exclude)`), only when one really changes (as HackSoft's
    styleguide). The save writes only the changed columns (and `updated_at`), so it cannot
    overwrite what another request changed meanwhile. Returns (instance, changes): changes
    is {field: {"before": old, "after": new}} with JSON-ready values (dates in ISO 8601,
    decimals as strings), the activity log's shape; empty when nothing was saved."""
    changes = {
        field: {"before": _plain(getattr(instance, field)), "after": _plain(data[field])}
        for field in fields
        if field in data and getattr(instance, field) != data[field]
    }
    for field in changes:
        setattr(instance, field, data[field])
    if changes:
        instance.full_clean(exclude=clean_exclude)
        updated = list(changes)
        if any(field.name == "updated_at" for field in instance._meta.concrete_fields):
            updated.append("updated_at")
        instance.save(update_fields=updated)
    return instance, changes


def _plain(value):
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def notification_create(
    *,
    recipient,
    key: str,
    params: dict | None = None,
    verb: str = "",
    body: str = "",
    url: str = "",
    data: dict | None = None,
    email_due_at=None,
) -> Notification:
    """A notification with message `key` (one of `notify.MESSAGES`, else ValueError) and its
    params; it is read in its reader's language (list, realtime event, e-mail). Most callers
    want `notify.notify`, which also applies the recipient's e-mail preferences."""
    from .notify import notification_text
    from .serializers import NotificationOut

    params = {
        name: value if isinstance(value, int | float | bool) else str(value) for name, value in (params or {}).items()
    }
    notification = Notification.objects.create(
        recipient=recipient,
        verb=verb or key,
        title=notification_text(key, params, recipient.locale),
        body=body,
        url=url,
        data=data or {},
        key=key,
        params=params,
        email_due_at=email_due_at,
    )
    events.publish(
        stream=events.user_stream(recipient.pk),
        type="notification.created",
        data=NotificationOut(notification, context={"locale": recipient.locale}).data,  # the recipient reads it
    )
    return notification


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
        # Other tabs and devices of the same user update their badge.
        events.publish(
            stream=events.user_stream(notification.recipient_id),
            type="notification.read",
            data={"id": str(notification.pk), "read_at": notification.read_at.isoformat()},
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    now = timezone.now()
    updated = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now, updated_at=now)
    if updated:
        events.publish(
            stream=events.user_stream(user.pk),
            type="notification.read_all",
            data={"updated": updated, "read_at": now.isoformat()},
        )
    return updated


def audit_record(*, action: str, actor=None, target: str = "", request=None, data: dict | None = None) -> AuditLog:
    """Security-relevant actions: login ok/failed, password and role changes."""
    ip = client_ip(request) if request is not None else None
    entry = AuditLog.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        target=target,
        ip=ip,
        request_id=current_request_id(),
        data=data or {},
    )
    logger.info("audit %s", action, extra={"audit_target": target, "actor_id": str(getattr(actor, "pk", ""))})
    return entry


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is trivially spoofed unless a trusted proxy
    # rewrites it (Daphne's --proxy-headers does that in production).
    return request.META.get("REMOTE_ADDR") or None
