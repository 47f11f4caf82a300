from django.contrib import admin

from apps.core.admin_support import BigTableAdmin, ReadOnlyBigTableAdmin

from .models import (
    Asset,
    CarriedFeedback,
    Feedback,
    Reaction,
    ReviewDecision,
    ShareLink,
    Upload,
    Version,
    WatchRecord,
)


class VersionInline(admin.TabularInline):
    model = Version
    fields = ["number", "status", "review_status", "original_name", "size", "duration", "fps"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "order", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["title", "project__name"]
    list_select_related = ["project"]
    raw_id_fields = ["project", "created_by"]
    inlines = [VersionInline]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "asset", "number", "status", "review_status", "failure_code", "created_at"]
    list_filter = ["status", "review_status", "created_at"]
    search_fields = ["asset__title", "original_name", "label"]
    list_select_related = ["asset"]
    raw_id_fields = ["asset", "uploaded_by", "required_reviewers"]
    readonly_fields = ["checksum", "duration", "fps", "frame_count", "width", "height", "processed_at"]
    date_hierarchy = "created_at"


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["id", "asset", "state", "backend", "size", "part_count", "created_by", "created_at"]
    list_filter = ["state", "backend", "created_at"]
    search_fields = ["original_name", "asset__title", "created_by__email"]
    list_select_related = ["asset", "created_by"]
    raw_id_fields = ["asset", "version", "created_by"]


@admin.register(Feedback)
class FeedbackAdmin(BigTableAdmin):
    list_display = ["__str__", "author", "guest_name", "internal", "urgent", "resolved_at", "deleted_at", "created_at"]
    list_filter = ["internal", "urgent", ("resolved_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["body", "guest_name", "author__email"]
    list_select_related = ["author"]
    raw_id_fields = ["version", "parent", "author", "resolved_by", "share_link", "mentions"]
    date_hierarchy = "created_at"


@admin.register(CarriedFeedback)
class CarriedFeedbackAdmin(admin.ModelAdmin):
    """Unresolved feedback of an earlier version listed on a newer one (made by the upload
    flow, not by hand: viewable and removable here)."""

    list_display = ["feedback", "version", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["feedback__body", "version__asset__title"]
    list_select_related = ["feedback", "version"]
    raw_id_fields = ["feedback", "version"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Reaction)
class ReactionAdmin(BigTableAdmin):
    list_display = ["emoji", "feedback", "user", "created_at"]
    list_filter = ["emoji", "created_at"]
    search_fields = ["emoji", "user__email", "feedback__body"]
    list_select_related = ["feedback", "user"]
    raw_id_fields = ["feedback", "user"]


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    list_display = ["version", "reviewer", "decision", "updated_at"]
    list_filter = ["decision", "updated_at"]
    search_fields = ["reviewer__email", "version__asset__title", "comment"]
    list_select_related = ["version", "reviewer"]
    raw_id_fields = ["version", "reviewer"]


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["version", "label", "permission", "state", "expires_at", "revoked_at", "created_by"]
    list_filter = ["permission", "expires_at", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["label", "version__asset__title", "created_by__email"]
    exclude = ["password_hash"]
    readonly_fields = ["token"]
    list_select_related = ["version", "created_by"]
    raw_id_fields = ["version", "created_by"]


@admin.register(WatchRecord)
class WatchRecordAdmin(ReadOnlyBigTableAdmin):
    """What people played of a version (written only by their own players' reports); staff may
    delete a person's rows on request (privacy)."""

    deletable = True

    list_display = ["version", "viewer", "guest_name", "watched_frames", "updated_at"]
    list_filter = ["updated_at"]
    search_fields = ["viewer__email", "guest_name"]
    list_select_related = ["version", "viewer"]
    raw_id_fields = ["version", "viewer", "share_link"]
