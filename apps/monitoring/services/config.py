"""Writes to rules, channels, templates and silences."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.services import model_update

from .. import slack
from ..models import AlertRule, NotificationChannel, NotificationTemplate, Silence
from ..netguard import url_resolve_checked
from ..webhooks import secret_generate


def _create(model, data: dict, fields: list[str], **preset):
    """A new `model` row from the `fields` present in `data` (and `preset`), validated."""
    instance = model(**preset, **{field: data[field] for field in fields if field in data})
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
    rule = _create(AlertRule, data, RULE_FIELDS, created_by=user)
    if "channels" in data:
        rule.channels.set(data["channels"])
    return rule


@transaction.atomic
def rule_update(*, rule: AlertRule, data: dict) -> AlertRule:
    model_update(instance=rule, fields=RULE_FIELDS, data=data)
    if "channels" in data:
        rule.channels.set(data["channels"])
    return rule


def rule_delete(*, rule: AlertRule) -> None:
    rule.delete()


CHANNEL_FIELDS = ["name", "kind", "enabled", "locale", "recipients", "url", "secret"]


def _channel_values(channel: NotificationChannel, data: dict) -> dict:
    """The channel fields of `data`, checked against what `channel` will hold once they are
    saved on it; a webhook without a secret gets one, a Slack URL must be Slack's."""
    values = {field: data[field] for field in CHANNEL_FIELDS if field in data}
    after = {field: values.get(field, getattr(channel, field)) for field in CHANNEL_FIELDS}
    if after["kind"] == NotificationChannel.Kind.WEBHOOK:
        if not after["url"]:
            raise ValidationError({"url": ["A webhook channel needs a URL."]})
        url_resolve_checked(after["url"])  # SSRF check at save (again at send)
        if not after["secret"]:
            values["secret"] = secret_generate()
    elif after["kind"] == NotificationChannel.Kind.SLACK:
        if not after["url"]:
            raise ValidationError({"url": ["A Slack channel needs its incoming-webhook URL."]})
        slack.url_validate(after["url"])
        url_resolve_checked(after["url"])  # SSRF check at save (again at send)
    elif not after["recipients"]:
        raise ValidationError({"recipients": ["An email channel needs at least one recipient."]})
    return values


@transaction.atomic
def channel_create(*, user, data: dict) -> NotificationChannel:
    values = _channel_values(NotificationChannel(), data)
    return _create(NotificationChannel, values, list(values), created_by=user)


@transaction.atomic
def channel_update(*, channel: NotificationChannel, data: dict) -> NotificationChannel:
    if data.get("rotate_secret"):
        data = {**data, "secret": secret_generate()}
    model_update(instance=channel, fields=CHANNEL_FIELDS, data=_channel_values(channel, data))
    return channel


TEMPLATE_FIELDS = ["name", "event_type", "locale", "subject", "body"]


def template_create(*, data: dict) -> NotificationTemplate:
    return _create(NotificationTemplate, data, TEMPLATE_FIELDS)


def template_update(*, template: NotificationTemplate, data: dict) -> NotificationTemplate:
    return model_update(instance=template, fields=TEMPLATE_FIELDS, data=data)[0]


SILENCE_FIELDS = ["kind", "matchers", "starts_at", "ends_at", "reason"]


def silence_create(*, user, data: dict) -> Silence:
    return _create(Silence, data, SILENCE_FIELDS, created_by=user)


def silence_update(*, silence: Silence, data: dict) -> Silence:
    return model_update(instance=silence, fields=SILENCE_FIELDS, data=data)[0]


def silence_expire(*, silence: Silence) -> Silence:
    """Ending a silence keeps its record (a past silence explains a quiet night)."""
    now = timezone.now()
    if silence.ends_at > now:
        silence.ends_at = max(now, silence.starts_at + timedelta(microseconds=1))
        silence.save(update_fields=["ends_at", "updated_at"])
    return silence
