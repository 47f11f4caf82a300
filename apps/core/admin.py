from django.contrib import admin

from .models import AuditLog, Notification, StreamCursor, StreamEvent


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "verb", "recipient", "read_at", "created_at")
    list_filter = ("verb",)
    search_fields = ("title", "recipient__email")
    raw_id_fields = ("recipient",)


@admin.register(StreamEvent)
class StreamEventAdmin(admin.ModelAdmin):
    list_display = ("stream", "seq", "type", "created_at")
    list_filter = ("type",)
    search_fields = ("stream",)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StreamCursor)
class StreamCursorAdmin(admin.ModelAdmin):
    list_display = ("stream", "last_seq")
    search_fields = ("stream",)


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "actor", "target", "ip", "request_id")
    list_filter = ("action",)
    search_fields = ("target", "actor__email", "request_id")
    readonly_fields = [f.name for f in AuditLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
