from django.contrib import admin

from .models import AICacheEntry, AIJob, AISettings, AIUsage, Brief, Plan, PlanRevision, VersionDigest


@admin.register(AISettings)
class AISettingsAdmin(admin.ModelAdmin):
    list_display = ("project", "monthly_budget_usd", "approval_threshold_usd", "model")
    raw_id_fields = ("project",)


@admin.register(Brief)
class BriefAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "video_type", "target_duration_seconds", "language", "created_at")
    list_filter = ("language",)
    search_fields = ("title", "description")
    raw_id_fields = ("project", "created_by")


class PlanRevisionInline(admin.TabularInline):
    model = PlanRevision
    extra = 0
    fields = ("number", "source", "section", "author", "job", "created_at")
    readonly_fields = fields


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("id", "brief", "status", "model", "revision", "progress_percent", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("brief", "project", "created_by")
    inlines = [PlanRevisionInline]


@admin.register(AIJob)
class AIJobAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "project",
        "kind",
        "status",
        "priority",
        "risk",
        "estimated_cost_usd",
        "cost_usd",
        "attempts",
        "created_at",
    )
    list_filter = ("status", "kind", "risk")
    raw_id_fields = ("project", "plan", "created_by", "approved_by", "rejected_by")


@admin.register(AIUsage)
class AIUsageAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "project",
        "kind",
        "step",
        "model",
        "prompt_tokens",
        "completion_tokens",
        "cost_usd",
        "cache_hit",
        "outcome",
        "latency_ms",
    )
    list_filter = ("kind", "cache_hit", "outcome")
    raw_id_fields = ("project", "job")


@admin.register(AICacheEntry)
class AICacheEntryAdmin(admin.ModelAdmin):
    list_display = ("key", "model", "hits", "created_at", "expires_at")
    readonly_fields = ("key", "model", "data", "hits", "created_at", "expires_at")


@admin.register(VersionDigest)
class VersionDigestAdmin(admin.ModelAdmin):
    list_display = ("id", "version", "project", "feedback_count", "created_at", "finished_at")
    raw_id_fields = ("project", "version", "job", "requested_by")
    readonly_fields = ("result", "dropped_ids")
