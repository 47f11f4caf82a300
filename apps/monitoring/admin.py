"""Admin for monitoring's own tables (web analytics has its own, analytics/admin.py).
Raw points, rollups and delivery attempts are append-only: viewable, never edited."""

from django.contrib import admin

from apps.core.admin_support import BigTableAdmin, ReadOnlyAdmin, ReadOnlyBigTableAdmin, label

from .models import (
    Alert,
    AlertRule,
    Anomaly,
    Backup,
    Delivery,
    DeliveryAttempt,
    Host,
    HttpMetricMinute,
    MetricPoint,
    MetricRollup,
    NotificationChannel,
    NotificationTemplate,
    OpsReport,
    RollupCursor,
    Silence,
    TaskRun,
)


@admin.register(Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ["name", "display_name", "last_seen_at", "cpu_count", "created_at"]
    list_filter = ["last_seen_at"]
    search_fields = ["name", "display_name"]
    exclude = ["counter_state"]


@admin.register(MetricPoint)
class MetricPointAdmin(ReadOnlyBigTableAdmin):
    """Raw samples (kept 7 days, pruned by the retention task). No DISTINCT-over-the-table
    filters and only exact-match search, so the changelist stays cheap at millions of rows."""

    list_display = ["ts", "host", "metric", "labels", "value"]
    list_filter = ["host", "ts"]
    search_fields = ["metric__exact", "host__name__exact", "labels__exact"]
    list_select_related = ["host"]
    ordering = ["-ts"]


@admin.register(MetricRollup)
class MetricRollupAdmin(ReadOnlyBigTableAdmin):
    list_display = ["bucket", "resolution", "host", "metric", "labels", "count", "min", "avg", "p95", "max"]
    list_filter = ["resolution", "host", "bucket"]
    search_fields = ["metric__exact", "host__name__exact", "labels__exact"]
    list_select_related = ["host"]
    ordering = ["-bucket"]


@admin.register(HttpMetricMinute)
class HttpMetricMinuteAdmin(ReadOnlyBigTableAdmin):
    """HTTP requests, 5xx and latency histogram per route group per minute (from Redis)."""

    list_display = ["minute", "group", "requests", "errors"]
    list_filter = ["group", "minute"]
    search_fields = ["group__exact"]
    ordering = ["-minute"]


@admin.register(RollupCursor)
class RollupCursorAdmin(ReadOnlyAdmin):
    """Up to where each resolution is rolled up: internal state of the rollup task."""

    list_display = ["resolution", "rolled_until"]
    search_fields = ["resolution"]


@admin.register(AlertRule)
class AlertRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "source", "metric", "operator", "threshold", "for_seconds", "severity", "enabled"]
    list_filter = ["enabled", "severity", "source"]
    search_fields = ["name", "metric", "description"]
    filter_horizontal = ["channels"]
    raw_id_fields = ["created_by"]


@admin.register(Alert)
class AlertAdmin(BigTableAdmin):
    list_display = ["rule", "target_label", "host", "status", "severity", "value", "started_at", "resolved_at"]
    list_filter = ["status", "severity", "silenced", "started_at"]
    search_fields = ["rule__name", "target", "target_label", "host__name"]
    list_select_related = ["rule", "host"]
    raw_id_fields = ["rule", "host", "acknowledged_by"]
    date_hierarchy = "created_at"


@admin.register(Silence)
class SilenceAdmin(admin.ModelAdmin):
    list_display = ["kind", "starts_at", "ends_at", "reason", "created_by"]
    list_filter = ["kind", "starts_at"]
    search_fields = ["reason"]
    list_select_related = ["created_by"]
    raw_id_fields = ["created_by"]


@admin.register(NotificationChannel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "locale", "enabled"]
    list_filter = ["kind", "enabled", "locale"]
    search_fields = ["name", "url"]
    exclude = ["secret"]
    raw_id_fields = ["created_by"]


@admin.register(NotificationTemplate)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "event_type", "locale", "subject"]
    list_filter = ["event_type", "locale"]
    search_fields = ["name", "subject"]


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    readonly_fields = ["number", "at", "ok", "status_code", "latency_ms", "error"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(BigTableAdmin):
    list_display = ["event_type", "channel", "status", "attempts", "delivered_at", "created_at"]
    list_filter = ["status", "channel", "created_at"]
    search_fields = ["message_id__exact", "event_type", "subject", "last_error"]
    list_select_related = ["channel"]
    inlines = [AttemptInline]
    raw_id_fields = ["alert"]
    date_hierarchy = "created_at"


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(ReadOnlyBigTableAdmin):
    list_display = ["at", "delivery", "channel", "number", "ok", "status_code", "latency_ms", "error"]
    list_filter = ["ok", "at"]
    search_fields = ["delivery__message_id__exact", "error"]
    list_select_related = ["delivery__channel"]
    ordering = ["-at"]

    @admin.display(description=label("Channel", "채널"))
    def channel(self, attempt):
        return attempt.delivery.channel


@admin.register(TaskRun)
class TaskRunAdmin(ReadOnlyBigTableAdmin):
    """Recorded from Celery's signals; revoke and retry live in the console's tasks view."""

    deletable = True
    list_display = ["name", "state", "queue", "retries", "worker", "started_at", "runtime_ms"]
    list_filter = ["state", "queue", "started_at"]
    search_fields = ["name", "task_id__exact", "error"]
    date_hierarchy = "started_at"


@admin.register(Anomaly)
class AnomalyAdmin(BigTableAdmin):
    list_display = ["host", "metric", "labels", "score", "value", "method", "detected_at"]
    list_filter = ["method", "host", "detected_at"]
    search_fields = ["metric__exact", "host__name__exact"]
    list_select_related = ["host"]
    raw_id_fields = ["host"]


@admin.register(Backup)
class BackupAdmin(admin.ModelAdmin):
    list_display = ["created_at", "status", "engine", "size", "file", "finished_at"]
    list_filter = ["status", "engine"]
    search_fields = ["file", "sha256", "error"]


@admin.register(OpsReport)
class OpsReportAdmin(admin.ModelAdmin):
    """Weekly and monthly reports, built by a Celery task (the console shows and sends them)."""

    list_display = ["kind", "period_start", "period_end", "status", "generated_at", "emailed_at"]
    list_filter = ["kind", "status"]
    search_fields = ["error"]
    list_select_related = ["created_by"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["data", "generated_at", "emailed_at"]
    date_hierarchy = "period_start"
