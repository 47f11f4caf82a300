"""Output serializers shared by the API views and the realtime event payloads."""

from rest_framework import serializers

from .models import (
    Alert,
    AlertRule,
    Anomaly,
    Backup,
    Delivery,
    DeliveryAttempt,
    Host,
    NotificationChannel,
    NotificationTemplate,
    Silence,
    TaskRun,
)


class HostBriefOut(serializers.ModelSerializer):
    class Meta:
        model = Host
        fields = ["id", "name"]
        read_only_fields = fields


class HostOut(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    latest = serializers.SerializerMethodField()

    class Meta:
        model = Host
        fields = [
            "id",
            "name",
            "display_name",
            "labels",
            "cpu_count",
            "boot_time",
            "last_seen_at",
            "status",
            "latest",
            "created_at",
        ]
        read_only_fields = fields

    def get_status(self, host) -> str:
        return self.context.get("status", {}).get(str(host.pk), "unknown")

    def get_latest(self, host) -> dict | None:
        """The latest sample ({ts, metrics}) from Redis, or from the database when Redis is down."""
        return self.context.get("latest", {}).get(str(host.pk))


class RuleBriefOut(serializers.ModelSerializer):
    class Meta:
        model = AlertRule
        fields = ["id", "name", "source", "metric", "severity"]
        read_only_fields = fields


class UserRefOut(serializers.Serializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField()


class AlertOut(serializers.ModelSerializer):
    rule = RuleBriefOut(read_only=True)
    host = HostBriefOut(read_only=True, allow_null=True)
    acknowledged_by = UserRefOut(read_only=True, allow_null=True)
    threshold = serializers.FloatField(source="rule.threshold", read_only=True)
    operator = serializers.CharField(source="rule.operator", read_only=True)
    source = serializers.CharField(source="rule.source", read_only=True)

    class Meta:
        model = Alert
        fields = [
            "id",
            "rule",
            "source",
            "host",
            "target",
            "target_label",
            "labels",
            "status",
            "severity",
            "value",
            "operator",
            "threshold",
            "pending_since",
            "started_at",
            "resolved_at",
            "last_evaluated_at",
            "last_notified_at",
            "notify_count",
            "silenced",
            "acknowledged_by",
            "acknowledged_at",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ChannelBriefOut(serializers.ModelSerializer):
    class Meta:
        model = NotificationChannel
        fields = ["id", "name", "kind"]
        read_only_fields = fields


class RuleOut(serializers.ModelSerializer):
    channels = ChannelBriefOut(many=True, read_only=True)
    open_alerts = serializers.SerializerMethodField()

    class Meta:
        model = AlertRule
        fields = [
            "id",
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
            "channels",
            "cooldown_seconds",
            "enabled",
            "template",
            "open_alerts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_open_alerts(self, rule) -> int:
        count = getattr(rule, "open_alerts", None)
        return count if count is not None else rule.alerts.filter(status__in=["pending", "firing"]).count()


class ChannelOut(serializers.ModelSerializer):
    secret_hint = serializers.SerializerMethodField()
    # A CharField, not the model's URLField: email channels have no URL ("").
    url = serializers.CharField(read_only=True, help_text="The webhook URL; empty for email channels.")

    class Meta:
        model = NotificationChannel
        fields = [
            "id",
            "name",
            "kind",
            "enabled",
            "locale",
            "recipients",
            "url",
            "secret_hint",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_secret_hint(self, channel) -> str:
        return f"…{channel.secret[-4:]}" if channel.secret else ""


class ChannelWithSecretOut(ChannelOut):
    """Only when a channel is created or its secret rotated: the secret itself."""

    secret = serializers.CharField(read_only=True)

    class Meta(ChannelOut.Meta):
        fields = [*ChannelOut.Meta.fields, "secret"]
        read_only_fields = fields


class TemplateOut(serializers.ModelSerializer):
    class Meta:
        model = NotificationTemplate
        fields = ["id", "name", "event_type", "locale", "subject", "body", "created_at", "updated_at"]
        read_only_fields = fields


class SilenceOut(serializers.ModelSerializer):
    created_by = UserRefOut(read_only=True, allow_null=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = Silence
        fields = ["id", "kind", "matchers", "starts_at", "ends_at", "reason", "created_by", "active", "created_at"]
        read_only_fields = fields

    def get_active(self, silence) -> bool:
        from django.utils import timezone

        now = timezone.now()
        return silence.starts_at <= now < silence.ends_at


class DeliveryAttemptOut(serializers.ModelSerializer):
    class Meta:
        model = DeliveryAttempt
        fields = ["number", "at", "ok", "status_code", "latency_ms", "error"]
        read_only_fields = fields


class DeliveryOut(serializers.ModelSerializer):
    attempt_log = DeliveryAttemptOut(many=True, read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "channel_id",
            "alert_id",
            "event_type",
            "message_id",
            "subject",
            "status",
            "attempts",
            "next_attempt_at",
            "delivered_at",
            "last_error",
            "attempt_log",
            "created_at",
        ]
        read_only_fields = fields


class TaskRunOut(serializers.ModelSerializer):
    class Meta:
        model = TaskRun
        fields = [
            "task_id",
            "name",
            "state",
            "queue",
            "eta",
            "worker",
            "retries",
            "started_at",
            "finished_at",
            "runtime_ms",
            "error",
            "retryable",
        ]
        read_only_fields = fields

    retryable = serializers.SerializerMethodField()

    def get_retryable(self, run: TaskRun) -> bool:
        """A failed run whose arguments were kept can be sent again."""
        return run.state == TaskRun.State.FAILED and run.args is not None


class AnomalyOut(serializers.ModelSerializer):
    host = HostBriefOut(read_only=True)

    class Meta:
        model = Anomaly
        fields = [
            "id",
            "host",
            "metric",
            "labels",
            "detected_at",
            "value",
            "baseline_mean",
            "baseline_std",
            "score",
            "method",
        ]
        read_only_fields = fields


class BackupOut(serializers.ModelSerializer):
    class Meta:
        model = Backup
        fields = ["id", "status", "engine", "file", "size", "sha256", "created_at", "finished_at", "error"]
        read_only_fields = fields
