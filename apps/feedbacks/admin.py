from django.contrib import admin

from .models import Asset, Feedback, ReviewDecision, ShareLink, Upload, Version


class VersionInline(admin.TabularInline):
    model = Version
    fields = ["number", "status", "review_status", "original_name", "size", "duration", "fps"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "order", "created_at"]
    search_fields = ["title", "project__name"]
    list_select_related = ["project"]
    inlines = [VersionInline]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "asset", "number", "status", "review_status", "failure_code", "created_at"]
    list_filter = ["status", "review_status"]
    search_fields = ["asset__title", "original_name"]
    list_select_related = ["asset"]
    readonly_fields = ["checksum", "duration", "fps", "frame_count", "width", "height", "processed_at"]


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["id", "asset", "state", "backend", "size", "part_count", "created_by", "created_at"]
    list_filter = ["state", "backend"]
    list_select_related = ["asset", "created_by"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "guest_name", "internal", "resolved_at", "deleted_at", "created_at"]
    list_filter = ["internal"]
    search_fields = ["body", "guest_name"]
    list_select_related = ["author"]
    raw_id_fields = ["version", "parent", "author", "resolved_by", "share_link"]


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    list_display = ["version", "reviewer", "decision", "updated_at"]
    list_select_related = ["version", "reviewer"]


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["version", "permission", "state", "expires_at", "revoked_at", "created_by"]
    exclude = ["password_hash"]
    readonly_fields = ["token"]
    list_select_related = ["version", "created_by"]
