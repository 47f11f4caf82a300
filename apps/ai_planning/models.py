from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from apps.core.models import BaseModel
from apps.projects.models import Project

from . import planning

USD = {"max_digits": 12, "decimal_places": 6}


class AISettings(BaseModel):
    """Per-project cost controls; created with the env defaults on first use."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="ai_settings")
    monthly_budget_usd = models.DecimalField(**USD, validators=[MinValueValidator(Decimal("0.01"))])
    approval_threshold_usd = models.DecimalField(**USD, validators=[MinValueValidator(Decimal("0"))])
    model = models.CharField(max_length=100, blank=True)  # blank = settings.OPENAI_MODEL

    def effective_model(self) -> str:
        return self.model or settings.OPENAI_MODEL

    def __str__(self) -> str:
        return f"AI settings of {self.project_id}"


class Brief(BaseModel):
    class Language(models.TextChoices):
        KO = "ko", "한국어"
        EN = "en", "English"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="briefs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000)
    video_type = models.CharField(max_length=100)
    target_duration_seconds = models.PositiveIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(3 * 3600)]
    )
    audience = models.CharField(max_length=300, blank=True)
    tone = models.CharField(max_length=200, blank=True)
    platform = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.KO)

    def __str__(self) -> str:
        return self.title


class Plan(BaseModel):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="plans")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plans")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    model = models.CharField(max_length=100)
    # The current revision's content (a copy of the latest PlanRevision.result); {} until generated.
    result = models.JSONField(default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    progress_step = models.CharField(max_length=20, blank=True)
    progress_percent = models.PositiveSmallIntegerField(default=0)
    # Another job (a section regeneration) currently working on this plan.
    busy = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    def save(self, *args, **kwargs):
        # Every stored shot has an id (shot maps refer to it), however the result was written.
        self.result = planning.with_shot_ids(self.result or {})
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"Plan {self.pk} of {self.brief_id} ({self.status})"


class PlanRevision(BaseModel):
    class Source(models.TextChoices):
        GENERATED = "generated", "Generated"
        REGENERATED = "regenerated", "Section regenerated"
        EDIT = "edit", "Manual edit"
        RESTORE = "restore", "Restored"
        IMAGES = "images", "Reference images"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    result = models.JSONField()
    source = models.CharField(max_length=12, choices=Source.choices)
    section = models.CharField(max_length=20, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    job = models.ForeignKey("AIJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta(BaseModel.Meta):
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="uniq_plan_revision"),
            # One revision per job and kind of write: a redelivered task cannot write twice.
            models.UniqueConstraint(
                fields=["job", "source"], condition=models.Q(job__isnull=False), name="uniq_revision_per_job"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.number}"


class AIJob(BaseModel):
    class Kind(models.TextChoices):
        PLAN = "plan", "Plan"
        REGENERATE_SECTION = "regenerate_section", "Regenerate section"
        FEEDBACK_TRIAGE = "feedback_triage", "Feedback triage"
        FEEDBACK_DIGEST = "feedback_digest", "Feedback digest"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        NEEDS_ATTENTION = "needs_attention", "Needs attention"
        REJECTED = "rejected", "Rejected"

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        NORMAL = "normal", "Normal"
        HIGH = "high", "High"
        URGENT = "urgent", "Urgent"

    class Risk(models.TextChoices):
        LOW = "low", "Low"
        HIGH = "high", "High"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ai_jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    risk = models.CharField(max_length=10, choices=Risk.choices, default=Risk.LOW)
    risk_reasons = models.JSONField(default=list, blank=True)  # the factors in English, for logs and API clients
    risk_factors = models.JSONField(default=list, blank=True)  # [{code, …amounts}], for localised UIs
    model = models.CharField(max_length=100)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs")
    params = models.JSONField(default=dict, blank=True)  # e.g. {"section": "shots"}
    estimated_tokens = models.PositiveIntegerField(default=0)
    estimated_cost_usd = models.DecimalField(**USD, default=Decimal("0"))
    cost_usd = models.DecimalField(**USD, default=Decimal("0"))
    tokens = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(max_length=60, blank=True)
    error = models.TextField(blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)  # a worker holds a running job until then
    # A queued retry waits until then; the sweep (beat) sends it (no countdown messages).
    retry_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        indexes = [models.Index(fields=["project", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.status})"


class AIUsage(models.Model):
    """One AI call (or cache hit): what it cost. Append-only."""

    class Outcome(models.TextChoices):
        OK = "ok", "OK"
        INVALID = "invalid", "Invalid answer"
        ERROR = "error", "Error"

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ai_usage")
    job = models.ForeignKey(AIJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="usage")
    kind = models.CharField(max_length=20, choices=AIJob.Kind.choices)
    step = models.CharField(max_length=30, blank=True)
    model = models.CharField(max_length=100)
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    cost_usd = models.DecimalField(**USD, default=Decimal("0"))
    cache_hit = models.BooleanField(default=False)
    latency_ms = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OK)
    http_attempts = models.PositiveSmallIntegerField(default=1)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["project", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind}/{self.step} {self.model} ${self.cost_usd}"


class AICacheEntry(models.Model):
    """A validated answer to an exact request (key = hash of model + messages + schema).
    In the database rather than Redis: shared by every worker, and a cache flush does not
    silently turn free repeats into paid calls."""

    key = models.CharField(max_length=64, primary_key=True)
    model = models.CharField(max_length=100)
    data = models.JSONField()
    hits = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.model} {self.key[:12]}"


class VersionDigest(BaseModel):
    """A summary of a version's feedback grouped by category, written by a feedback_digest job.
    `result` = {overview, groups: [{category, points: [{text, feedback_ids}]}]}; every cited id
    is a live top-level comment of this version (ids the model invented are in `dropped_ids`)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="version_digests")
    version = models.ForeignKey("feedbacks.Version", on_delete=models.CASCADE, related_name="digests")
    job = models.OneToOneField(AIJob, on_delete=models.CASCADE, related_name="digest")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(max_length=2, default="ko")
    result = models.JSONField(default=dict, blank=True)
    feedback_count = models.PositiveIntegerField(default=0)  # comments the model was shown
    dropped_ids = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["version", "-created_at"])]

    def __str__(self) -> str:
        return f"digest of {self.version_id} ({self.job_id})"


class AssetPlanLink(BaseModel):
    """The plan a deliverable was shot from (one per asset, a plan of the same project): its
    shots laid over each version's timeline (`VersionShotMap`)."""

    asset = models.OneToOneField("feedbacks.Asset", on_delete=models.CASCADE, related_name="plan_link")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="asset_links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.asset_id} ↔ {self.plan_id}"


class VersionShotMap(BaseModel):
    """A version's shot ranges as set by hand: `ranges` = [{shot_id, start_frame, end_frame}]
    in timeline order, end exclusive, no overlap, inside the version (validated by
    `shot_layout.range_errors`). Versions without one show the previous version's map or the
    plan laid end to end (`services.shots.version_shot_map`). Kept for `plan`: a map made for
    another plan is ignored after a relink."""

    version = models.OneToOneField("feedbacks.Version", on_delete=models.CASCADE, related_name="shot_map")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="shot_maps")
    ranges = models.JSONField(default=list, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"shot map of {self.version_id}"
