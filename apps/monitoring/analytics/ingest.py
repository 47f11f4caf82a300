"""Tracker batch ingestion: per-event validation, session stitching and the bulk insert,
all in one transaction per request."""

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from apps.core.text import unstorable_char

from .models import Event, EventType, Session, Site
from .ua import ua_reduce

ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Paths whose segment after these is a secret (share-link, invitation, unsubscribe tokens):
# it is never stored (the tracker leaves it out too; analytics_scrub_tokens cleans old rows).
TOKEN_PATH_RE = re.compile(r"(/(?:share|invitations|unsubscribe)/)[^/?#]+")


def redact_path(path: str) -> str:
    """`/share/abc123/x` → `/share/:token/x`."""
    return TOKEN_PATH_RE.sub(r"\1:token", path)


VITALS = {"LCP": 600_000.0, "CLS": 100.0, "INP": 600_000.0}  # name → largest plausible value
UTM_KEYS = ("source", "medium", "campaign", "term", "content")
MAX_EVENT_JSON = 2048
EVENT_TYPES = frozenset(EventType.values)  # the enum's `values` builds a new list per call
SITE_CACHE_SECONDS = 60
LAST_EVENT_EVERY = timedelta(seconds=5)
_last_event_written: dict = {}  # site id → when this process last wrote Site.last_event_at


@dataclass
class CleanEvent:
    type: str
    ts: datetime
    sid: str
    path: str
    label: str = ""
    name: str = ""
    value: float | None = None
    ref: str = ""
    utm: dict = field(default_factory=dict)


def _reason(field_name: str, code: str, message: str) -> dict:
    return {"field": field_name, "code": code, "message": message}


def _text(raw: dict, key: str, limit: int, reasons: list, *, required: bool = False) -> str:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            reasons.append(_reason(key, "required", f"`{key}` is required."))
        return ""
    if not isinstance(value, str) or unstorable_char(value):
        reasons.append(_reason(key, "invalid", f"`{key}` must be a string without control characters."))
        return ""
    if len(value) > limit:
        reasons.append(_reason(key, "too_long", f"`{key}` is longer than {limit} characters."))
        return ""
    return value


def event_validate(raw, *, now: datetime, encoded_size: int) -> tuple[CleanEvent | None, list[dict]]:
    """One tracker event → (clean event, []) or (None, reasons)."""
    if not isinstance(raw, dict):
        return None, [_reason("", "invalid", "An event must be an object.")]
    if encoded_size > MAX_EVENT_JSON:
        return None, [_reason("", "too_large", f"An event must be at most {MAX_EVENT_JSON} bytes of JSON.")]
    reasons: list[dict] = []
    kind = raw.get("type")
    if kind not in EVENT_TYPES:
        reasons.append(_reason("type", "unknown_type", f"Unknown event type {str(kind)[:40]!r}."))
    ts = None
    raw_ts = raw.get("ts")
    if isinstance(raw_ts, bool) or not isinstance(raw_ts, int | float) or not math.isfinite(raw_ts):
        reasons.append(
            _reason("ts", "invalid" if raw_ts is not None else "required", "`ts` must be epoch milliseconds.")
        )
    else:
        try:
            ts = datetime.fromtimestamp(raw_ts / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            reasons.append(_reason("ts", "out_of_range", "`ts` is not a plausible time."))
        else:
            if ts > now + timedelta(seconds=settings.ANALYTICS_CLOCK_SKEW_SECONDS):
                reasons.append(_reason("ts", "in_future", "`ts` is in the future."))
            elif ts < now - timedelta(hours=settings.ANALYTICS_MAX_EVENT_AGE_HOURS):
                reasons.append(_reason("ts", "too_old", "`ts` is too old."))
            # A client clock a little ahead is clamped to ours, so "active in the last
            # 60 s" and the time series stay on the server's clock.
            ts = min(ts, now)
    sid = raw.get("sid")
    if not (isinstance(sid, str) and ID_RE.match(sid)):
        reasons.append(
            _reason("sid", "invalid" if sid else "required", "`sid` must be 8–64 characters of A-Z a-z 0-9 _ -.")
        )
    path = _text(raw, "path", 500, reasons, required=True)
    if path and not path.startswith("/"):
        reasons.append(_reason("path", "invalid", "`path` must start with /."))
    clean = CleanEvent(type=str(kind), ts=ts, sid=sid if isinstance(sid, str) else "", path=redact_path(path))
    if kind == EventType.CLICK:
        clean.label = _text(raw, "label", 200, reasons)
    elif kind == EventType.CONVERSION:
        clean.name = _text(raw, "name", 100, reasons, required=True)
        clean.value = _number(raw, "value", 1e9, reasons, required=False, allow_negative=True)
    elif kind == EventType.VITAL:
        name = raw.get("name")
        if name not in VITALS:
            reasons.append(_reason("name", "invalid", "`name` must be LCP, CLS or INP."))
        else:
            clean.name = name
            clean.value = _number(raw, "value", VITALS[name], reasons, required=True, allow_negative=False)
    elif kind == EventType.PAGE_VIEW:
        clean.ref = _text(raw, "ref", 1000, reasons)
        utm = raw.get("utm")
        if utm is not None:
            if not isinstance(utm, dict) or set(utm) - set(UTM_KEYS):
                reasons.append(_reason("utm", "invalid", f"`utm` keys are {', '.join(UTM_KEYS)}."))
            else:
                clean.utm = {key: _text(utm, key, 200, reasons) for key in UTM_KEYS if key in utm}
    return (None, reasons) if reasons else (clean, [])


def _number(raw: dict, key: str, limit: float, reasons: list, *, required: bool, allow_negative: bool):
    value = raw.get(key)
    if value is None:
        if required:
            reasons.append(_reason(key, "required", f"`{key}` is required."))
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        reasons.append(_reason(key, "invalid", f"`{key}` must be a finite number."))
        return None
    if value > limit or value < (-limit if allow_negative else 0):
        reasons.append(_reason(key, "out_of_range", f"`{key}` is out of range."))
        return None
    return float(value)


def _referrer_host(ref: str, own_host: str) -> str:
    try:
        host = (urlsplit(ref).hostname or "")[:255]
    except ValueError:
        return ""
    return "" if host == own_host else host


def site_for_key(public_key: str) -> Site | None:
    """The site of a tracker key. Every batch needs it, so it is cached (shared by all web
    processes) for SITE_CACHE_SECONDS; writes to a site call `site_forget`, so an edit or a
    key rotation applies to the next batch (a batch that read the site just before the write
    can put the old copy back, which the short expiry bounds)."""
    cache_key = f"an-site:{public_key}"
    site = cache.get(cache_key)
    if site is None:
        site = Site.objects.filter(public_key=public_key).first()
        if site is not None:
            cache.set(cache_key, site, SITE_CACHE_SECONDS)
    return site


def site_forget(*public_keys: str) -> None:
    cache.delete_many([f"an-site:{key}" for key in public_keys])


@dataclass
class _Open:
    session: Session
    new: bool
    dirty: bool = False


def events_ingest(
    *, site: Site, visitor: str, events: list[CleanEvent], user_agent: str, origin: str, now: datetime
) -> int:
    """Store the valid events of one batch and create/extend their sessions (same
    transaction). A session continues while its `sid`'s events are less than the idle gap
    apart; a longer gap opens a new session row."""
    if not events:
        return 0
    idle = timedelta(minutes=settings.ANALYTICS_SESSION_IDLE_MINUTES)
    own_host = urlsplit(origin).hostname or ""
    browser, os_name, device = ua_reduce(user_agent)
    events = sorted(events, key=lambda e: e.ts)
    with transaction.atomic():
        _lock_sids(site, {e.sid for e in events})
        existing = (
            Session.objects.select_for_update()
            .filter(site=site, sid__in={e.sid for e in events}, last_seen_at__gte=events[0].ts - idle)
            .order_by("started_at")
        )
        by_sid: dict[str, list[_Open]] = {}
        for session in existing:
            by_sid.setdefault(session.sid, []).append(_Open(session, new=False))
        rows = []
        for event in events:
            opened = _session_for(by_sid.setdefault(event.sid, []), event, idle)
            if opened is None:
                opened = _Open(
                    Session(
                        site=site,
                        sid=event.sid,
                        visitor=visitor,
                        started_at=event.ts,
                        last_seen_at=event.ts,
                        entry_page=event.path,
                        exit_page=event.path,
                        device_class=device,
                        browser=browser,
                        os=os_name,
                    ),
                    new=True,
                )
                by_sid[event.sid].append(opened)
            _apply(opened, event, own_host)
            rows.append(
                Event(
                    site_id=site.pk,
                    session_id=opened.session.pk,
                    type=event.type,
                    ts=event.ts,
                    path=event.path,
                    label=event.label,
                    name=event.name,
                    value=event.value,
                )
            )
        opened_all = [o for items in by_sid.values() for o in items]
        Session.objects.bulk_create([o.session for o in opened_all if o.new])
        changed = [o.session for o in opened_all if o.dirty and not o.new]
        if changed:
            Session.objects.bulk_update(
                changed,
                [
                    "started_at",
                    "last_seen_at",
                    "last_alive_at",
                    "entry_page",
                    "exit_page",
                    "page_count",
                    "event_count",
                    "duration_seconds",
                    "referrer",
                    "utm_source",
                    "utm_medium",
                    "utm_campaign",
                    "utm_term",
                    "utm_content",
                    "converted",
                ],
            )
        Event.objects.bulk_create(rows)
    # Outside the transaction and at most every few seconds per process: the hot site row
    # is not locked by every batch (and the cached site's own value is not fresh).
    written = _last_event_written.get(site.pk)
    if written is None or now - written > LAST_EVENT_EVERY:
        _last_event_written[site.pk] = now
        Site.objects.filter(pk=site.pk).update(last_event_at=now)
    return len(rows)


def _lock_sids(site: Site, sids: set[str]) -> None:
    """Two requests for a new `sid` at once (a beacon racing a heartbeat) must not open two
    sessions: on PostgreSQL a transaction-scoped advisory lock per (site, sid) serialises
    them (row locks cannot: there is no row yet). SQLite serialises writers anyway."""
    if connection.vendor != "postgresql":
        return
    keys = [
        int.from_bytes(hashlib.blake2b(f"{site.pk}:{sid}".encode(), digest_size=8).digest(), "big", signed=True)
        for sid in sorted(sids)  # a fixed order: no deadlock between two batches
    ]
    with connection.cursor() as cursor:  # one round trip, taken in the array's order
        cursor.execute("SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key", [keys])


def _session_for(candidates: list[_Open], event: CleanEvent, idle: timedelta) -> _Open | None:
    for opened in reversed(candidates):
        s = opened.session
        if s.started_at - idle < event.ts < s.last_seen_at + idle:
            return opened
    return None


def _apply(opened: _Open, event: CleanEvent, own_host: str) -> None:
    s = opened.session
    opened.dirty = True
    s.event_count += 1
    if event.ts < s.started_at:
        s.started_at = event.ts
        s.entry_page = event.path
    if event.ts >= s.last_seen_at:
        s.last_seen_at = event.ts
        s.exit_page = event.path
    if event.type in (EventType.PAGE_VIEW, EventType.HEARTBEAT) and (
        s.last_alive_at is None or event.ts > s.last_alive_at
    ):
        s.last_alive_at = event.ts
    if event.type == EventType.PAGE_VIEW:
        first_view = s.page_count == 0
        s.page_count += 1
        if first_view:
            s.referrer = _referrer_host(event.ref, own_host) if event.ref else ""
            for key in UTM_KEYS:
                setattr(s, f"utm_{key}", event.utm.get(key, ""))
    elif event.type == EventType.CONVERSION:
        s.converted = True
    s.duration_seconds = (s.last_seen_at - s.started_at).total_seconds()
