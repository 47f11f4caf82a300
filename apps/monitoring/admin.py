from django.contrib import admin

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


@admin.register(Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ["name", "last_seen_at", "cpu_count"]
    search_fields = ["name"]
    exclude = ["counter_state"]


@admin.register(AlertRule)
class AlertRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "metric", "operator", "threshold", "severity", "enabled"]
    list_filter = ["enabled", "severity"]
    filter_horizontal = ["channels"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["rule", "host", "status", "severity", "value", "started_at", "resolved_at", "acknowledged_at"]
    list_filter = ["status", "severity"]
    raw_id_fields = ["rule", "host", "acknowledged_by"]


@admin.register(Silence)
class SilenceAdmin(admin.ModelAdmin):
    list_display = ["kind", "starts_at", "ends_at", "reason"]


@admin.register(NotificationChannel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "enabled"]
    exclude = ["secret"]


@admin.register(NotificationTemplate)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "event_type", "locale"]


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    readonly_fields = ["number", "at", "ok", "status_code", "latency_ms", "error"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["event_type", "channel", "status", "attempts", "created_at"]
    list_filter = ["status"]
    inlines = [AttemptInline]
    raw_id_fields = ["alert"]


@admin.register(TaskRun)
class TaskRunAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "retries", "started_at", "runtime_ms"]
    list_filter = ["state"]


@admin.register(Anomaly)
class AnomalyAdmin(admin.ModelAdmin):
    list_display = ["host", "metric", "labels", "score", "detected_at"]


@admin.register(Backup)
class BackupAdmin(admin.ModelAdmin):
    list_display = ["created_at", "status", "engine", "size", "file"]
