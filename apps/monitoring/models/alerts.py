"""Alert rules and alerts, silences, notification channels and templates, and the per-try
delivery log."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from apps.core.models import BaseModel

from .hosts import Host


class Severity(models.TextChoices):
    INFO = "info", "info"
    WARNING = "warning", "warning"
    CRITICAL = "critical", "critical"


class Operator(models.TextChoices):
    GT = ">", ">"
    GTE = ">=", ">="
    LT = "<", "<"
    LTE = "<=", "<="
    EQ = "==", "=="
    NE = "!=", "!="


class NotificationChannel(BaseModel):
    class Kind(models.TextChoices):
        EMAIL = "email", "email"
        WEBHOOK = "webhook", "webhook"
        SLACK = "slack", "slack"  # a Slack incoming webhook (Block Kit message)

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    enabled = models.BooleanField(default=True)
    locale = models.CharField(max_length=2, choices=settings.LANGUAGES, default="ko")
    recipients = models.JSONField(default=list, blank=True)  # email addresses
    url = models.URLField(max_length=500, blank=True)  # webhook, or Slack incoming-webhook URL
    # Standard Webhooks secret, "whsec_" + base64 key; it signs, so it is stored as is.
    secret = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(BaseModel.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"


class AlertRule(BaseModel):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=40, default="host")
    metric = models.CharField(max_length=80)
    labels = models.CharField(max_length=200, blank=True, default="")  # "" = every series
    # {"hosts": [names or ids], "name_glob": "web-*"}; {} = every host.
    host_selector = models.JSONField(default=dict, blank=True)
    operator = models.CharField(max_length=2, choices=Operator.choices, default=Operator.GT)
    threshold = models.FloatField()
    for_seconds = models.PositiveIntegerField(default=0)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.WARNING)
    channels = models.ManyToManyField(NotificationChannel, blank=True, related_name="rules")
    cooldown_seconds = models.PositiveIntegerField(default=3600)  # 0 = never re-notify
    enabled = models.BooleanField(default=True)
    template = models.CharField(max_length=60, blank=True)  # NotificationTemplate.name to use
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(BaseModel.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.metric} {self.operator} {self.threshold}"

    def clean(self):
        from ..sources import metric_known

        if not metric_known(self.source, self.metric):
            raise ValidationError({"metric": [f"Unknown metric {self.metric!r} for source {self.source!r}."]})


class Alert(BaseModel):
    class Status(models.TextChoices):
        PENDING = "pending", "pending"  # condition true, for-duration not yet reached
        FIRING = "firing", "firing"
        RESOLVED = "resolved", "resolved"

    rule = models.ForeignKey(AlertRule, on_delete=models.CASCADE, related_name="alerts")
    host = models.ForeignKey(Host, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts")
    target = models.CharField(max_length=200)  # the dedup key within the rule (host id for hosts)
    # The target's human name (host or project name) when the alert was last evaluated.
    target_label = models.CharField(max_length=200, blank=True, default="")
    labels = models.CharField(max_length=200, blank=True, default="")  # series that decided
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    value = models.FloatField(null=True, blank=True)
    pending_since = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)  # when it began firing
    resolved_at = models.DateTimeField(null=True, blank=True)
    last_evaluated_at = models.DateTimeField()
    last_notified_at = models.DateTimeField(null=True, blank=True)
    fired_notified = models.BooleanField(default=False)  # someone was told it fires
    notify_count = models.PositiveIntegerField(default=0)
    silenced = models.BooleanField(default=False)  # muted when it fired (recorded anyway)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta(BaseModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "target"],
                condition=Q(status__in=["pending", "firing"]),
                name="uniq_open_alert_per_rule_target",
            )
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="mon_alert_status")]

    def __str__(self) -> str:
        return f"{self.rule_id}/{self.target} {self.status}"


class Silence(BaseModel):
    """Mutes notifications of matching alerts between starts_at and ends_at (alerts are
    still recorded). A maintenance window is a silence of kind `maintenance`."""

    class Kind(models.TextChoices):
        SILENCE = "silence", "silence"
        MAINTENANCE = "maintenance", "maintenance"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SILENCE)
    # Every given key must match: {"rule": id, "host": name or id, "severity": s, "metric": m}.
    matchers = models.JSONField(default=dict, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(BaseModel.Meta):
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="mon_silence_window")]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_at}–{self.ends_at}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": ["Must be after starts_at."]})


class NotificationTemplate(BaseModel):
    """Subject and body for one event type and locale, in Django template syntax."""

    class Event(models.TextChoices):
        FIRING = "alert.firing", "alert.firing"
        RESOLVED = "alert.resolved", "alert.resolved"
        RENOTIFY = "alert.renotify", "alert.renotify"
        TEST = "channel.test", "channel.test"

    name = models.CharField(max_length=60, default="default")
    event_type = models.CharField(max_length=20, choices=Event.choices)
    locale = models.CharField(max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(max_length=300)
    body = models.TextField()

    class Meta(BaseModel.Meta):
        ordering = ["name", "event_type", "locale"]
        constraints = [
            models.UniqueConstraint(fields=["name", "event_type", "locale"], name="uniq_template_event_locale")
        ]

    def __str__(self) -> str:
        return f"{self.name}/{self.event_type}/{self.locale}"

    def clean(self):
        from ..templating import template_validate

        errors = {}
        for field in ("subject", "body"):
            problem = template_validate(getattr(self, field) or "")
            if problem:
                errors[field] = [problem]
        if errors:
            raise ValidationError(errors)


class Delivery(BaseModel):
    """One notification to one channel; retried until delivered or out of attempts. Its
    `message_id` is the `webhook-id`, the same on every retry."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        RETRYING = "retrying", "retrying"
        DELIVERED = "delivered", "delivered"
        FAILED = "failed", "failed"

    channel = models.ForeignKey(NotificationChannel, on_delete=models.CASCADE, related_name="deliveries")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries")
    event_type = models.CharField(max_length=20)
    message_id = models.CharField(max_length=64, default="", unique=True)
    payload = models.JSONField(default=dict)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta(BaseModel.Meta):
        pass

    def save(self, *args, **kwargs):
        if not self.message_id:
            self.message_id = f"msg_{uuid.uuid4().hex}"
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.event_type} → {self.channel_id} {self.status}"


class DeliveryAttempt(models.Model):
    id = models.BigAutoField(primary_key=True)
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField()
    at = models.DateTimeField()
    ok = models.BooleanField(default=False)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"{self.delivery_id}#{self.number} {'ok' if self.ok else self.error or self.status_code}"
