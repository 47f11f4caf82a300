"""Admin for web analytics (models in the monitoring app's tables). Sites are edited here;
sessions, events and daily rollups are written by ingestion and the rollup task only."""

from django.contrib import admin

from apps.core.admin_support import ReadOnlyBigTableAdmin

from .models import AnalyticsRollup, Event, Session, Site


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "public_key", "owner", "retention_days", "last_event_at", "rolled_until", "created_at"]
    list_filter = ["last_event_at"]
    search_fields = ["name", "public_key__exact", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    readonly_fields = ["public_key", "last_event_at", "rolled_until"]


@admin.register(Session)
class SessionAdmin(ReadOnlyBigTableAdmin):
    list_display = [
        "started_at",
        "site",
        "sid",
        "entry_page",
        "page_count",
        "event_count",
        "duration_seconds",
        "device_class",
        "browser",
        "referrer",
        "converted",
    ]
    list_filter = ["site", "converted", "started_at"]
    search_fields = ["sid__exact", "visitor__exact", "^entry_page", "referrer__exact", "utm_campaign__exact"]
    list_select_related = ["site"]
    ordering = ["-started_at"]


@admin.register(Event)
class EventAdmin(ReadOnlyBigTableAdmin):
    list_display = ["ts", "site", "type", "path", "label", "name", "value"]
    list_filter = ["type", "site", "ts"]
    search_fields = ["^path", "session__sid__exact", "name__exact"]
    list_select_related = ["site"]
    raw_id_fields = ["session"]
    ordering = ["-ts"]


@admin.register(AnalyticsRollup)
class AnalyticsRollupAdmin(ReadOnlyBigTableAdmin):
    list_display = ["day", "site"]
    list_filter = ["site", "day"]
    search_fields = ["site__name"]
    list_select_related = ["site"]
    ordering = ["-day"]
    date_hierarchy = "day"
