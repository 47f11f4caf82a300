import uuid

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    """UUID primary key and timestamps for every domain row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class StreamEvent(models.Model):
    """A durable realtime event; `seq` rises without gaps per stream so clients can resume."""

    stream = models.CharField(max_length=100)
    seq = models.PositiveBigIntegerField()
    type = models.CharField(max_length=60)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stream", "seq"], name="uniq_stream_seq")]
        ordering = ["stream", "seq"]

    def __str__(self) -> str:
        return f"{self.stream}#{self.seq} {self.type}"


class StreamCursor(models.Model):
    """The last allocated `seq` of a stream. Its row is locked while a writer allocates
    the next number, so concurrent transactions never take the same one."""

    stream = models.CharField(max_length=100, primary_key=True)
    last_seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.stream} @ {self.last_seq}"


class Notification(BaseModel):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    verb = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # The message: a key of apps.core.notify.MESSAGES and its params, rendered in the reader's
    # locale whenever it is shown. Rows from before the catalogue have no key: `title` is theirs.
    key = models.CharField(max_length=60, blank=True)
    params = models.JSONField(default=dict, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # E-mail: an instant one is due at `email_due_at` (a beat sweep sends it unless read by
    # then); `emailed_at` is set once, by the conditional update that claims the send (or by
    # the digest that carried it), so a notification is never e-mailed twice.
    email_due_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"]),
            models.Index(
                fields=["email_due_at"], name="notification_email_due", condition=models.Q(emailed_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verb} → {self.recipient_id}"


class NotificationPreference(models.Model):
    """One row per user who changed a default: e-mail mode per kind of notification
    (apps.core.notify.KINDS); a kind missing from `modes` has its default. Also the day the
    last digest went out, claimed by a conditional update so it goes once a day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="notification_preference"
    )
    modes = models.JSONField(default=dict, blank=True)
    digest_sent_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"notification preferences of {self.user_id}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from .notify import KINDS, MODES

        if not isinstance(self.modes, dict):
            raise ValidationError({"modes": "Expected an object of kind to mode."})
        for kind, mode in self.modes.items():
            if kind not in KINDS or mode not in MODES:
                raise ValidationError({"modes": f"Unknown kind or mode: {kind}={mode}"})


class AuditLog(models.Model):
    """Security-relevant actions (logins, password and role changes). Append-only."""

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60, db_index=True)
    target = models.CharField(max_length=200, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} {self.target}"
