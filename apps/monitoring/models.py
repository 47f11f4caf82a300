"""Monitoring: hosts and their metric history, alert rules and alerts, silences, notification
channels/templates with a per-try delivery log, Celery task runs, anomalies and backups."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from apps.core.models import BaseModel


class Host(BaseModel):
    """A machine that sends samples; rows register themselves on the first sample."""

    name = models.CharField(max_length=200, unique=True)
    display_name = models.CharField(max_length=200, blank=True)
    labels = models.JSONField(default=dict, blank=True)
    boot_time = models.FloatField(null=True, blank=True)
    cpu_count = models.PositiveIntegerField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The previous raw counters (CPU times, disk and NIC byte counts) for rate computation:
    # in the database, not process memory, because successive samples run in different
    # worker processes.
    counter_state = models.JSONField(default=dict, blank=True)

    class Meta(BaseModel.Meta):
        ordering = ["name"]
        permissions = [("access_monitoring", "Can use the monitoring pages and API")]

    def __str__(self) -> str:
        return self.name


class MetricPoint(models.Model):
    """One raw value (kept 7 days). `labels` names the series inside a metric: a mount
    point, an interface, a core; "" for single-series metrics."""

    id = models.BigAutoField(primary_key=True)
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="points")
    metric = models.CharField(max_length=80)
    labels = models.CharField(max_length=200, blank=True, default="")
    ts = models.DateTimeField()
    value = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["host", "metric", "labels", "ts"], name="mon_point_series_ts"),
            models.Index(fields=["ts"], name="mon_point_ts"),
        ]

    def __str__(self) -> str:
        return f"{self.host_id} {self.metric}{{{self.labels}}}={self.value}@{self.ts}"


class Resolution(models.TextChoices):
    RAW = "raw", "raw"
    HOUR = "hour", "hour"
    DAY = "day", "day"


class MetricRollup(models.Model):
    """Aggregates of one series over an hour (kept 90 days) or a day (kept 2 years)."""

    id = models.BigAutoField(primary_key=True)
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="rollups")
    metric = models.CharField(max_length=80)
    labels = models.CharField(max_length=200, blank=True, default="")
    resolution = models.CharField(max_length=4, choices=[(Resolution.HOUR, "hour"), (Resolution.DAY, "day")])
    bucket = models.DateTimeField()
    count = models.PositiveIntegerField()
    min = models.FloatField()
    max = models.FloatField()
    avg = models.FloatField()
    p95 = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "host", "metric", "labels", "bucket"], name="uniq_rollup_bucket"
            )
        ]
        indexes = [models.Index(fields=["resolution", "bucket"], name="mon_rollup_res_bucket")]

    def __str__(self) -> str:
        return f"{self.resolution} {self.host_id} {self.metric}{{{self.labels}}}@{self.bucket}"


class RollupCursor(models.Model):
    """Up to where (exclusive) each resolution has been rolled up: the incremental mark."""

    resolution = models.CharField(max_length=4, primary_key=True)
    rolled_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.resolution} < {self.rolled_until}"


class HttpMetricMinute(models.Model):
    """One route group's HTTP outcomes over one minute, folded from the 10-second Redis
    buckets of appmetrics (kept there 30 minutes) by `fold_http_metrics`: requests, 5xx and
    the latency histogram counts (upper bounds appmetrics.LATENCY_BOUNDS_MS, the last slot
    open), so a p95 over any period merges histograms instead of averaging p95s."""

    id = models.BigAutoField(primary_key=True)
    group = models.CharField(max_length=40)
    minute = models.DateTimeField()
    requests = models.PositiveIntegerField()
    errors = models.PositiveIntegerField()
    histogram = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "minute"], name="uniq_http_minute")]
        indexes = [models.Index(fields=["minute"], name="mon_http_minute")]

    def __str__(self) -> str:
        return f"{self.group}@{self.minute}"


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
        from .sources import metric_known

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
        from .templating import template_validate

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


class TaskRun(models.Model):
    """A Celery task execution, recorded from Celery signals (what Flower shows): from its
    publishing (`queued`) to its end. Name, arguments and queue are kept so that a failed
    run can be sent again."""

    class State(models.TextChoices):
        QUEUED = "queued", "queued"
        STARTED = "started", "started"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"
        RETRY = "retry", "retry"
        REVOKED = "revoked", "revoked"

    id = models.BigAutoField(primary_key=True)
    task_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200, db_index=True)
    state = models.CharField(max_length=10, choices=State.choices)
    queue = models.CharField(max_length=200, blank=True, db_index=True)
    # JSON arguments (the Celery serializer); null when too large to keep (then no retry).
    args = models.JSONField(null=True, blank=True)
    kwargs = models.JSONField(null=True, blank=True)
    eta = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    retries = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(db_index=True)  # while queued: when it was sent
    finished_at = models.DateTimeField(null=True, blank=True)
    runtime_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.name} {self.state}"


class Anomaly(BaseModel):
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="anomalies")
    metric = models.CharField(max_length=80)
    labels = models.CharField(max_length=200, blank=True, default="")
    detected_at = models.DateTimeField(db_index=True)
    value = models.FloatField()
    baseline_mean = models.FloatField()
    baseline_std = models.FloatField()
    score = models.FloatField()  # z-score of the recent mean against the baseline
    method = models.CharField(max_length=20, default="zscore")

    def __str__(self) -> str:
        return f"{self.host_id} {self.metric} z={self.score:.1f}"


class Backup(BaseModel):
    class Status(models.TextChoices):
        RUNNING = "running", "running"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    engine = models.CharField(max_length=20)  # postgresql | sqlite
    file = models.CharField(max_length=500, blank=True)  # name in the backup storage
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"backup {self.created_at:%Y-%m-%d %H:%M} {self.status}"


class OpsReport(BaseModel):
    """A weekly (ISO week, Monday–Sunday) or monthly operations report, built by a Celery
    task from the report sections (report_sections.py) into `data`. One per (kind, period)."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", "weekly"
        MONTHLY = "monthly", "monthly"

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        BUILDING = "building", "building"
        READY = "ready", "ready"
        FAILED = "failed", "failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    period_start = models.DateField()  # first day (UTC)
    period_end = models.DateField()  # last day, inclusive (UTC)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    data = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(BaseModel.Meta):
        ordering = ["-period_start", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "period_start"], name="uniq_report_kind_period")]

    def __str__(self) -> str:
        return f"{self.kind} report {self.period_start}–{self.period_end} {self.status}"
