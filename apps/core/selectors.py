from django.db.models import F, OrderBy, QuerySet

from .models import Notification


def nulls_last(*fields: str) -> list[OrderBy]:
    """`order_by()` terms ("name" or "-name") that put empty values last in both directions.
    PostgreSQL puts NULLs last ascending but first descending, SQLite the other way round;
    a project without a deadline belongs at the end of either list on both."""
    return [
        F(field[1:]).desc(nulls_last=True) if field.startswith("-") else F(field).asc(nulls_last=True)
        for field in fields
    ]


def notifications_for_user(*, user, unread: bool | None = None) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user)
    if unread is True:
        qs = qs.filter(read_at__isnull=True)
    elif unread is False:
        qs = qs.filter(read_at__isnull=False)
    return qs


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
