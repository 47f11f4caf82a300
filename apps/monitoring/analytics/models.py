"""Web analytics rows. Loaded by the analytics app (AnalyticsConfig); `app_label` keeps them
in the monitoring app's tables and its one migration history."""

import secrets

from django.conf import settings
from django.db import models

from apps.core.models import BaseModel


def site_key_generate() -> str:
    return "vps_" + secrets.token_urlsafe(18)


class Site(BaseModel):
    """A website that embeds the tracker. `public_key` identifies it in the snippet; it is
    not a secret (anyone can read a page's source), so origins are what guard ingestion."""

    name = models.CharField(max_length=200)
    public_key = models.CharField(max_length=64, unique=True, default=site_key_generate)
    allowed_origins = models.JSONField(default=list, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="analytics_sites"
    )
    retention_days = models.PositiveIntegerField(default=90)
    last_event_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Daily rollups exist for every UTC day before this date.
    rolled_until = models.DateField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        app_label = "monitoring"  # tables and migrations stay monitoring's
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Session(BaseModel):
    """One visit: events of a tracker session id (`sid`) less than 30 min apart."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="sessions")
    sid = models.CharField(max_length=64)
    visitor = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    # Last page_view or heartbeat: what "active" means.
    last_alive_at = models.DateTimeField(null=True, blank=True)
    entry_page = models.CharField(max_length=500, blank=True)
    exit_page = models.CharField(max_length=500, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    event_count = models.PositiveIntegerField(default=0)
    duration_seconds = models.FloatField(default=0)
    device_class = models.CharField(max_length=16, blank=True)
    browser = models.CharField(max_length=32, blank=True)
    os = models.CharField(max_length=32, blank=True)
    referrer = models.CharField(max_length=255, blank=True)  # external host only; "" = direct
    utm_source = models.CharField(max_length=200, blank=True)
    utm_medium = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)
    utm_term = models.CharField(max_length=200, blank=True)
    utm_content = models.CharField(max_length=200, blank=True)
    converted = models.BooleanField(default=False)

    class Meta(BaseModel.Meta):
        app_label = "monitoring"  # tables and migrations stay monitoring's
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["site", "sid", "last_seen_at"], name="an_session_sid"),
            models.Index(fields=["site", "started_at"], name="an_session_started"),
            models.Index(fields=["site", "last_alive_at"], name="an_session_alive"),
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.sid} {self.started_at}"


class EventType(models.TextChoices):
    PAGE_VIEW = "page_view", "page_view"
    CLICK = "click", "click"
    CONVERSION = "conversion", "conversion"
    HEARTBEAT = "heartbeat", "heartbeat"
    VITAL = "vital", "vital"


class Event(models.Model):
    id = models.BigAutoField(primary_key=True)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="events")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=16, choices=EventType.choices)
    ts = models.DateTimeField()
    path = models.CharField(max_length=500)
    label = models.CharField(max_length=200, blank=True)  # click label
    name = models.CharField(max_length=100, blank=True)  # conversion name or vital (LCP, CLS, INP)
    value = models.FloatField(null=True, blank=True)

    class Meta:
        app_label = "monitoring"  # tables and migrations stay monitoring's
        indexes = [
            models.Index(fields=["site", "type", "ts"], name="an_event_site_type_ts"),
            models.Index(fields=["ts"], name="an_event_ts"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.path} @{self.ts}"


class AnalyticsRollup(models.Model):
    """One site's UTC day: the counters and capped breakdowns the aggregates need, so a
    range older than the raw retention can still be answered."""

    id = models.BigAutoField(primary_key=True)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="rollups")
    day = models.DateField()
    data = models.JSONField(default=dict)

    class Meta:
        app_label = "monitoring"  # tables and migrations stay monitoring's
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="uniq_analytics_rollup_day")]

    def __str__(self) -> str:
        return f"{self.site_id} {self.day}"
