"""Writes to rules, channels, templates and silences."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import AlertRule, NotificationChannel, NotificationTemplate, Silence
from ..netguard import url_resolve_checked
from ..webhooks import secret_generate


def _apply(instance, data: dict, fields: list[str]):
    for field in fields:
        if field in data:
            setattr(instance, field, data[field])
    instance.full_clean()
    instance.save()
    return instance


RULE_FIELDS = [
    "name",
    "description",
    "source",
    "metric",
    "labels",
    "host_selector",
    "operator",
    "threshold",
    "for_seconds",
    "severity",
    "cooldown_seconds",
    "enabled",
    "template",
]


@transaction.atomic
def rule_create(*, user, data: dict) -> AlertRule:
    rule = _apply(AlertRule(created_by=user), data, RULE_FIELDS)
    if "channels" in data:
        rule.channels.set(data["channels"])
    return rule


@transaction.atomic
def rule_update(*, rule: AlertRule, data: dict) -> AlertRule:
    rule = _apply(rule, data, RULE_FIELDS)
    if "channels" in data:
        rule.channels.set(data["channels"])
    return rule


def rule_delete(*, rule: AlertRule) -> None:
    rule.delete()


CHANNEL_FIELDS = ["name", "kind", "enabled", "locale", "recipients", "url", "secret"]


def _channel_check(channel: NotificationChannel) -> None:
    from django.core.exceptions import ValidationError

    if channel.kind == NotificationChannel.Kind.WEBHOOK:
        if not channel.url:
            raise ValidationError({"url": ["A webhook channel needs a URL."]})
        url_resolve_checked(channel.url)  # SSRF check at save (again at send)
        if not channel.secret:
            channel.secret = secret_generate()
    elif not channel.recipients:
        raise ValidationError({"recipients": ["An email channel needs at least one recipient."]})


@transaction.atomic
def channel_create(*, user, data: dict) -> NotificationChannel:
    channel = NotificationChannel(created_by=user)
    for field in CHANNEL_FIELDS:
        if field in data:
            setattr(channel, field, data[field])
    _channel_check(channel)
    return _apply(channel, {}, [])


@transaction.atomic
def channel_update(*, channel: NotificationChannel, data: dict) -> NotificationChannel:
    for field in CHANNEL_FIELDS:
        if field in data:
            setattr(channel, field, data[field])
    if data.get("rotate_secret"):
        channel.secret = secret_generate()
    _channel_check(channel)
    return _apply(channel, {}, [])


TEMPLATE_FIELDS = ["name", "event_type", "locale", "subject", "body"]


def template_create(*, data: dict) -> NotificationTemplate:
    return _apply(NotificationTemplate(), data, TEMPLATE_FIELDS)


def template_update(*, template: NotificationTemplate, data: dict) -> NotificationTemplate:
    return _apply(template, data, TEMPLATE_FIELDS)


def silence_create(*, user, data: dict) -> Silence:
    return _apply(Silence(created_by=user), data, ["kind", "matchers", "starts_at", "ends_at", "reason"])


def silence_update(*, silence: Silence, data: dict) -> Silence:
    return _apply(silence, data, ["kind", "matchers", "starts_at", "ends_at", "reason"])


def silence_expire(*, silence: Silence) -> Silence:
    """Ending a silence keeps its record (a past silence explains a quiet night)."""
    now = timezone.now()
    if silence.ends_at > now:
        silence.ends_at = max(now, silence.starts_at + timedelta(microseconds=1))
        silence.save(update_fields=["ends_at", "updated_at"])
    return silence
