from django.contrib import admin

from apps.core.admin_support import BigTableAdmin, ReadOnlyAdmin, ReadOnlyBigTableAdmin

from .models import (
    AICacheEntry,
    AIJob,
    AISettings,
    AIUsage,
    AssetPlanLink,
    Brief,
    Plan,
    PlanRevision,
    VersionDigest,
    VersionShotMap,
)


@admin.register(AISettings)
class AISettingsAdmin(admin.ModelAdmin):
    list_display = ("project", "monthly_budget_usd", "approval_threshold_usd", "model", "updated_at")
    list_filter = ("model",)
    search_fields = ("project__name",)
    list_select_related = ("project",)
    raw_id_fields = ("project",)


@admin.register(Brief)
class BriefAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "video_type", "target_duration_seconds", "language", "created_at")
    list_filter = ("language", "created_at")
    search_fields = ("title", "description", "project__name")
    list_select_related = ("project",)
    raw_id_fields = ("project", "created_by")
    date_hierarchy = "created_at"


class PlanRevisionInline(admin.TabularInline):
    model = PlanRevision
    extra = 0
    fields = ("number", "source", "section", "author", "job", "created_at")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("id", "brief", "project", "status", "model", "revision", "progress_percent", "created_at")
    list_filter = ("status", "busy", "created_at")
    search_fields = ("brief__title", "project__name", "id__exact")
    list_select_related = ("brief", "project")
    raw_id_fields = ("brief", "project", "created_by")
    inlines = [PlanRevisionInline]
    date_hierarchy = "created_at"


@admin.register(PlanRevision)
class PlanRevisionAdmin(ReadOnlyAdmin):
    """Every saved state of a plan (append-only: a restore writes a new revision)."""

    list_display = ("plan", "number", "source", "section", "author", "job", "created_at")
    list_filter = ("source", "created_at")
    search_fields = ("plan__brief__title", "author__email", "plan__id__exact")
    list_select_related = ("plan", "author", "job")
    date_hierarchy = "created_at"


@admin.register(AIJob)
class AIJobAdmin(BigTableAdmin):
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
    list_filter = ("status", "kind", "risk", "priority", "created_at")
    search_fields = ("project__name", "error_code", "id__exact")
    list_select_related = ("project",)
    raw_id_fields = ("project", "plan", "created_by", "approved_by", "rejected_by")
    date_hierarchy = "created_at"


@admin.register(AIUsage)
class AIUsageAdmin(ReadOnlyBigTableAdmin):
    """One row per model call (the cost ledger; append-only)."""

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
    list_filter = ("kind", "cache_hit", "outcome", "created_at")
    search_fields = ("project__name", "model__exact", "error")
    list_select_related = ("project",)
    raw_id_fields = ("project", "job")
    date_hierarchy = "created_at"


@admin.register(AICacheEntry)
class AICacheEntryAdmin(admin.ModelAdmin):
    list_display = ("key", "model", "hits", "created_at", "expires_at")
    list_filter = ("model", "expires_at")
    search_fields = ("key__exact", "model")
    readonly_fields = ("key", "model", "data", "hits", "created_at", "expires_at")

    def has_add_permission(self, request):
        return False


@admin.register(VersionDigest)
class VersionDigestAdmin(admin.ModelAdmin):
    list_display = ("id", "version", "project", "language", "feedback_count", "created_at", "finished_at")
    list_filter = ("language", "created_at")
    search_fields = ("project__name", "version__asset__title")
    list_select_related = ("version", "project")
    raw_id_fields = ("project", "version", "job", "requested_by")
    readonly_fields = ("result", "dropped_ids")


@admin.register(AssetPlanLink)
class AssetPlanLinkAdmin(admin.ModelAdmin):
    """Which plan each deliverable was shot from (plan ↔ cut)."""

    list_display = ("asset", "plan", "linked_by", "updated_at")
    list_filter = ("updated_at",)
    search_fields = ("asset__title", "plan__brief__title", "asset__project__name")
    list_select_related = ("asset", "plan__brief", "linked_by")
    raw_id_fields = ("asset", "plan", "linked_by")


@admin.register(VersionShotMap)
class VersionShotMapAdmin(admin.ModelAdmin):
    """Shot ranges adjusted by hand on a version's timeline."""

    list_display = ("version", "plan", "edited_by", "updated_at")
    list_filter = ("updated_at",)
    search_fields = ("version__asset__title", "plan__brief__title", "version__id__exact")
    list_select_related = ("version", "plan__brief", "edited_by")
    raw_id_fields = ("version", "plan", "edited_by")
