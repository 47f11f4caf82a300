"""Assets, their versions (one model for both upload paths), time-coded feedback, reactions,
review decisions, carry-over links and share links (DESIGN §3 "feedbacks")."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from apps.core.models import BaseModel
from apps.projects.models import Project

from . import timecode


class Asset(BaseModel):
    """A deliverable of a project ("Main cut", "Teaser 15s"); its versions are the drafts."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="assets")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)
    order = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(BaseModel.Meta):
        ordering = ["order", "created_at"]
        indexes = [models.Index(fields=["project", "order"])]

    def __str__(self) -> str:
        return self.title


class Version(BaseModel):
    class Status(models.TextChoices):
        UPLOADING = "uploading", "Uploading"
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class ReviewStatus(models.TextChoices):
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=200, blank=True)
    # The storage name (S3 key or path under MEDIA_ROOT); empty until the bytes are there.
    file = models.FileField(max_length=500, blank=True)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100)
    checksum = models.CharField(max_length=100, blank=True)  # "sha256:…" or "s3-etag:…"
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UPLOADING, db_index=True)
    failure_code = models.CharField(max_length=30, blank=True)
    failure_reason = models.CharField(max_length=500, blank=True)
    duration = models.FloatField(null=True, blank=True)  # seconds
    fps = models.FloatField(null=True, blank=True)  # exact rate, e.g. 29.97002997 for 30000/1001
    frame_count = models.PositiveIntegerField(null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    poster = models.FileField(max_length=500, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    processing_attempts = models.PositiveSmallIntegerField(default=0)
    review_status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.IN_REVIEW)
    # Who must approve; empty means "the project's reviewer-role members" (see review rule).
    required_reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(BaseModel.Meta):
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "number"], name="uniq_version_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.asset_id} v{self.number}"

    @property
    def last_frame(self) -> int | None:
        return self.frame_count - 1 if self.frame_count else None


class Upload(BaseModel):
    """A presigned multipart upload in flight (S3, or the local stand-in in embedded mode).
    Its version waits in `uploading` until `complete`."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        COMPLETED = "completed", "Completed"
        ABORTED = "aborted", "Aborted"

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="uploads")
    version = models.OneToOneField(Version, null=True, blank=True, on_delete=models.SET_NULL, related_name="upload")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    backend = models.CharField(max_length=10)  # "s3" | "local"
    key = models.CharField(max_length=500)
    upload_id = models.CharField(max_length=1024)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    part_size = models.PositiveIntegerField()
    part_count = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    aborted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"upload {self.pk} ({self.state})"


def _share_token() -> str:
    return secrets.token_urlsafe(32)


def _share_expiry():
    return timezone.now() + timedelta(days=settings.SHARE_LINK_DEFAULT_DAYS)


class ShareLink(BaseModel):
    class Permission(models.TextChoices):
        VIEW = "view", "View"
        COMMENT = "comment", "Comment"

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=_share_token, editable=False)
    label = models.CharField(max_length=120, blank=True)
    permission = models.CharField(max_length=10, choices=Permission.choices, default=Permission.VIEW)
    password_hash = models.CharField(max_length=256, blank=True)
    expires_at = models.DateTimeField(default=_share_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)

    def __str__(self) -> str:
        return f"share {self.version_id} ({self.state})"


# What AI triage may say about a comment (the review UI shows them as badges).
TRIAGE_CATEGORIES = ("picture", "colour", "sound", "edit", "text", "other")
TRIAGE_PRIORITIES = ("low", "medium", "high", "urgent")


# The longest comment (characters). Refused above it, never cut; the client's counter reads it
# from the generated tables (scripts/server_tables.py).
FEEDBACK_BODY_MAX_LENGTH = 5000


class Feedback(BaseModel):
    """A time-coded comment. The timecode is a frame number at the version's fps (`fps` is
    copied so a carried-over comment keeps its timecode); `seconds` is the sort key."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="feedback")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guest_name = models.CharField(max_length=80, blank=True)
    share_link = models.ForeignKey(ShareLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    body = models.TextField(max_length=FEEDBACK_BODY_MAX_LENGTH)
    frame = models.PositiveIntegerField()
    end_frame = models.PositiveIntegerField(null=True, blank=True)
    fps = models.FloatField()
    seconds = models.FloatField()
    annotation = models.JSONField(null=True, blank=True)
    internal = models.BooleanField(default=False)
    # AI triage (apps/ai_planning/feedback_ai/): `urgent` skips the batching wait;
    # queued_at set and job empty = pending in the DB-backed queue; job set = sent in that
    # AIJob; `triage` = {category, priority, actionable} once the answer is in.
    urgent = models.BooleanField(default=False)
    triage = models.JSONField(null=True, blank=True)
    triage_queued_at = models.DateTimeField(null=True, blank=True)
    triage_job_id = models.UUIDField(null=True, blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        ordering = ["seconds", "created_at", "id"]
        indexes = [
            models.Index(fields=["version", "seconds"]),
            models.Index(
                fields=["triage_queued_at"],
                condition=Q(triage_queued_at__isnull=False, triage_job_id__isnull=True),
                name="feedback_triage_pending",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_frame__isnull=True) | Q(end_frame__gt=F("frame")), name="feedback_range_forward"
            ),
            models.CheckConstraint(condition=Q(fps__gt=0), name="feedback_fps_positive"),
        ]

    def clean(self):
        if self.end_frame is not None and self.end_frame <= self.frame:
            raise ValidationError({"end_frame": "The end of a range must come after its start."})
        if self.author_id is None and not self.guest_name:
            raise ValidationError({"guest_name": "A guest comment needs a name."})

    def save(self, *args, **kwargs):
        self.seconds = timecode.frame_to_seconds(self.frame, self.fps)
        super().save(*args, **kwargs)

    @property
    def smpte(self) -> str:
        return timecode.frame_to_smpte(self.frame, self.fps)

    @property
    def end_smpte(self) -> str | None:
        return None if self.end_frame is None else timecode.frame_to_smpte(self.end_frame, self.fps)

    def __str__(self) -> str:
        return f"{self.version_id} @{self.frame}"


class CarriedFeedback(BaseModel):
    """Unresolved feedback of an earlier version listed on a newer one (linked, not copied).
    It stops showing there once the feedback is resolved."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="carried_to")
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="carried_feedback")

    class Meta(BaseModel.Meta):
        constraints = [models.UniqueConstraint(fields=["feedback", "version"], name="uniq_carried_feedback")]

    def __str__(self) -> str:
        return f"{self.feedback_id} → {self.version_id}"


class Reaction(BaseModel):
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=16)

    class Meta(BaseModel.Meta):
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["feedback", "user", "emoji"], name="uniq_reaction")]

    def __str__(self) -> str:
        return f"{self.emoji} on {self.feedback_id}"


class ReviewDecision(BaseModel):
    """Each reviewer's latest decision on a version (earlier ones are in the activity log)."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="decisions")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(max_length=2000, blank=True)
    # What the decision was based on: the reviewer's watched share and the parts they had not
    # watched ([start, end) frames) when deciding. Team roles see it (README, "Review attention").
    watched_percent = models.FloatField(null=True, blank=True)
    unwatched = models.JSONField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["version", "reviewer"], name="uniq_review_decision")]

    def __str__(self) -> str:
        return f"{self.reviewer_id}: {self.decision} on {self.version_id}"


class WatchRecord(BaseModel):
    """What one person has played of one version: `ranges` are sorted, disjoint, non-touching
    [start, end) frame ranges (merged on every report). A member is `viewer`; a share-link
    guest is (`share_link`, `guest_key`), a random key their browser keeps. Deleted with the
    version (retention follows it)."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="watch_records")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    share_link = models.ForeignKey(
        ShareLink, null=True, blank=True, on_delete=models.CASCADE, related_name="watch_records"
    )
    guest_key = models.CharField(max_length=64, blank=True)
    guest_name = models.CharField(max_length=80, blank=True)
    ranges = models.JSONField(default=list)
    watched_frames = models.PositiveIntegerField(default=0)

    class Meta(BaseModel.Meta):
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "viewer"], condition=Q(viewer__isnull=False), name="uniq_watch_member"
            ),
            models.UniqueConstraint(
                fields=["share_link", "guest_key"], condition=Q(share_link__isnull=False), name="uniq_watch_guest"
            ),
            models.CheckConstraint(
                condition=Q(viewer__isnull=False, share_link__isnull=True)
                | Q(viewer__isnull=True, share_link__isnull=False),
                name="watch_member_or_guest",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.viewer_id or self.guest_name or self.guest_key} watched {self.watched_frames} of {self.version_id}"
        )
