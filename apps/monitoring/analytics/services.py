"""Writes for web analytics: sites, daily rollups, raw retention, and the live tick."""

import logging
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.core import events
from apps.core.services import model_update

from ..services.samples import MONITORING_STREAM
from .aggregates import raw_cutoff, rollup_data
from .ingest import site_forget
from .models import AnalyticsRollup, Event, EventType, Session, Site, site_key_generate

logger = logging.getLogger(__name__)

SITE_FIELDS = ["name", "allowed_origins", "retention_days"]
ROLLUP_DAYS_PER_RUN = 31
TICK_QUIET_MINUTES = 10


def site_create(*, owner, data: dict) -> Site:
    values = {"retention_days": settings.ANALYTICS_DEFAULT_RETENTION_DAYS}
    values.update({name: data[name] for name in SITE_FIELDS if name in data})
    return Site.objects.create(owner=owner, **values)


def site_update(*, site: Site, data: dict) -> Site:
    model_update(instance=site, fields=SITE_FIELDS, data=data)
    site_forget(site.public_key)
    return site


def site_rotate_key(*, site: Site) -> Site:
    old_key, site.public_key = site.public_key, site_key_generate()
    site.save(update_fields=["public_key", "updated_at"])
    site_forget(old_key)
    return site


def site_delete(*, site: Site) -> None:
    site.delete()
    site_forget(site.public_key)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def rollups_run(*, now: datetime | None = None) -> int:
    """Roll every complete UTC day since each site's mark (or its first session), at most
    ROLLUP_DAYS_PER_RUN per site per run; a day rolled again is replaced, never doubled."""
    now = now or timezone.now()
    today = now.astimezone(UTC).date()
    done = 0
    for site in Site.objects.all():
        day = site.rolled_until
        if day is None:
            first = (
                Session.objects.filter(site=site).order_by("started_at").values_list("started_at", flat=True).first()
            )
            if first is None:
                continue
            day = first.astimezone(UTC).date()
        for _ in range(ROLLUP_DAYS_PER_RUN):
            if day >= today:
                break
            with transaction.atomic():
                AnalyticsRollup.objects.update_or_create(site=site, day=day, defaults={"data": rollup_data(site, day)})
                day += timedelta(days=1)
                Site.objects.filter(pk=site.pk).update(rolled_until=day)
            done += 1
    return done


def retention_run(*, now: datetime | None = None) -> dict:
    """Delete raw sessions and events older than each site's retention — only days already
    rolled up (the aggregates of old ranges come from rollups)."""
    now = now or timezone.now()
    deleted = {"sessions": 0, "events": 0}
    for site in Site.objects.exclude(rolled_until=None):
        assert site.rolled_until is not None  # excluded in the query
        cutoff = min(raw_cutoff(site, now), _day_start(site.rolled_until))
        deleted["events"] += Event.objects.filter(site=site, ts__lt=cutoff).delete()[0]
        deleted["sessions"] += (
            Session.objects.filter(site=site, last_seen_at__lt=cutoff).delete()[1].get("monitoring.Session", 0)
        )
    return deleted


def tick_payload(*, site: Site, now: datetime) -> dict:
    active = Session.objects.filter(
        site=site,
        last_alive_at__gte=now - timedelta(seconds=settings.ANALYTICS_ACTIVE_WINDOW_SECONDS),
        last_alive_at__lte=now + timedelta(seconds=settings.ANALYTICS_CLOCK_SKEW_SECONDS),
    ).count()
    views = Event.objects.filter(
        site=site, type=EventType.PAGE_VIEW, ts__gt=now - timedelta(minutes=1), ts__lte=now
    ).count()
    conversions = Event.objects.filter(
        site=site, type=EventType.CONVERSION, ts__gt=now - timedelta(minutes=10)
    ).order_by("-ts", "-id")[:5]
    return {
        "site": {"id": str(site.pk), "name": site.name},
        "ts": now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "active_sessions": active,
        "page_views_last_minute": views,
        "latest_conversions": [
            {
                "ts": c.ts.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                "name": c.name,
                "value": c.value,
                "path": c.path,
                "session": str(c.session_id),
            }
            for c in conversions
        ],
    }


def tick_send(*, now: datetime | None = None) -> int:
    """One `analytics.tick` per site with events in the last few minutes (ephemeral: a
    missed tick is replaced by the next one)."""
    now = now or timezone.now()
    sites = Site.objects.filter(last_event_at__gte=now - timedelta(minutes=TICK_QUIET_MINUTES))
    sent = 0
    for site in sites:
        events.send_ephemeral(stream=MONITORING_STREAM, type="analytics.tick", data=tick_payload(site=site, now=now))
        sent += 1
    return sent
