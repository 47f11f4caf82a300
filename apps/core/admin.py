from django.contrib import admin
from django.contrib.admin.models import LogEntry

from .admin_support import BigTableAdmin, ReadOnlyAdmin, ReadOnlyBigTableAdmin, label
from .models import AuditLog, Notification, NotificationPreference, StreamCursor, StreamEvent


@admin.register(Notification)
class NotificationAdmin(BigTableAdmin):
    list_display = ("title", "verb", "recipient", "read_at", "emailed_at", "created_at")
    list_filter = ("verb", ("read_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = ("title", "recipient__email", "key")
    list_select_related = ("recipient",)
    raw_id_fields = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "modes", "digest_sent_on", "updated_at")
    list_filter = ("digest_sent_on",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(StreamEvent)
class StreamEventAdmin(ReadOnlyBigTableAdmin):
    """The replay log of the realtime streams (append-only; pruned by its retention task)."""

    list_display = ("stream", "seq", "type", "created_at")
    list_filter = ("type", "created_at")
    search_fields = ("stream__exact", "type")
    ordering = ("-created_at",)


@admin.register(StreamCursor)
class StreamCursorAdmin(ReadOnlyAdmin):
    """The last sequence number given out per stream: internal state, shown for diagnosis."""

    list_display = ("stream", "last_seq")
    search_fields = ("stream",)


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyBigTableAdmin):
    list_display = ("created_at", "action", "actor", "target", "ip", "request_id")
    list_filter = ("action", "created_at")
    search_fields = ("target", "actor__email", "request_id__exact", "ip")
    list_select_related = ("actor",)
    date_hierarchy = "created_at"


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyBigTableAdmin):
    """What staff changed through this admin (Django's own record of it)."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "change_summary")
    list_filter = ("action_flag", "content_type", "action_time")
    search_fields = ("object_repr", "user__email", "object_id__exact")
    list_select_related = ("user", "content_type")
    date_hierarchy = "action_time"

    @admin.display(description=label("Change", "변경 내용"))
    def change_summary(self, entry):
        return entry.get_change_message()
