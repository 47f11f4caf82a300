"""Operations records: Celery task runs, backups and the weekly/monthly operations reports."""

from django.conf import settings
from django.db import models

from apps.core.models import BaseModel


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
