"""Aggregates for `GET monitoring/analytics/`. A range is answered from raw sessions and
events where they are still kept, and from daily rollups for days older than the site's
retention. Both sides produce the same "partial" (counters + breakdown dicts) which are
merged, so there is one code path for the totals and top lists."""

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDay, TruncHour, TruncMinute

from .health import percentile
from .models import AnalyticsRollup, Event, EventType, Session, Site

INTERVALS = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1)}
_TRUNC = {"minute": TruncMinute, "hour": TruncHour, "day": TruncDay}
VITAL_THRESHOLDS = {"LCP": [2500, 4000], "CLS": [0.1, 0.25], "INP": [200, 500]}
BOUNCE_SECONDS = 10
ROLLUP_CAP = 200  # entries kept per breakdown in a daily rollup


def bounced_q() -> Q:
    """At most one page view, no conversion and under 10 s."""
    return Q(page_count__lte=1, converted=False, duration_seconds__lt=BOUNCE_SECONDS)


def raw_partial(site: Site, start: datetime, end: datetime) -> dict:
    sessions = Session.objects.filter(site=site, started_at__gte=start, started_at__lt=end)
    totals = sessions.aggregate(
        sessions=Count("id"),
        visitors=Count("visitor", distinct=True),
        bounces=Count("id", filter=bounced_q()),
        duration_sum=Sum("duration_seconds"),
        converted_sessions=Count("id", filter=Q(converted=True)),
    )
    events = Event.objects.filter(site=site, ts__gte=start, ts__lt=end)
    views = events.filter(type=EventType.PAGE_VIEW)
    conversions = events.filter(type=EventType.CONVERSION)

    def counts(field: str) -> dict:
        return {row[field]: row["n"] for row in sessions.values(field).annotate(n=Count("id"))}

    vitals: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for path, name, value in events.filter(type=EventType.VITAL).values_list("path", "name", "value"):
        vitals[path][name].append(value)
    clicks = events.filter(type=EventType.CLICK)
    return {
        "sessions": totals["sessions"],
        "visitors": totals["visitors"],
        "bounces": totals["bounces"],
        "duration_sum": totals["duration_sum"] or 0.0,
        "converted_sessions": totals["converted_sessions"],
        "page_views": views.count(),
        "conversions": conversions.count(),
        "conversion_value": conversions.aggregate(v=Sum("value"))["v"] or 0.0,
        "pages": {
            r["path"]: [r["n"], r["v"]]
            for r in views.values("path").annotate(n=Count("id"), v=Count("session__visitor", distinct=True))
        },
        "entry": counts("entry_page"),
        "exit": counts("exit_page"),
        "referrers": counts("referrer"),
        "devices": counts("device_class"),
        "browsers": counts("browser"),
        "conv_names": {
            r["name"]: [r["n"], r["v"] or 0.0]
            for r in conversions.values("name").annotate(n=Count("id"), v=Sum("value"))
        },
        "conv_pages": {
            r["path"]: [r["s"], r["c"]]
            for r in views.values("path").annotate(
                s=Count("session", distinct=True), c=Count("session", distinct=True, filter=Q(session__converted=True))
            )
        },
        "clicks": {r["label"]: r["n"] for r in clicks.values("label").annotate(n=Count("id"))},
        "event_types": {r["type"]: r["n"] for r in events.values("type").annotate(n=Count("id"))},
        "vitals": {
            path: {name: [percentile(values, 0.75), len(values)] for name, values in names.items()}
            for path, names in vitals.items()
        },
    }


def _cap(mapping: dict, key=lambda value: value) -> dict:
    return dict(sorted(mapping.items(), key=lambda item: -key(item[1]))[:ROLLUP_CAP])


def rollup_data(site: Site, day: date) -> dict:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    data = raw_partial(site, start, start + timedelta(days=1))
    for name in ("entry", "exit", "referrers", "devices", "browsers", "clicks"):
        data[name] = _cap(data[name])
    for name in ("pages", "conv_names", "conv_pages"):
        data[name] = _cap(data[name], key=lambda value: value[0])
    data["vitals"] = dict(
        sorted(data["vitals"].items(), key=lambda item: -sum(v[1] for v in item[1].values()))[:ROLLUP_CAP]
    )
    return data


def _merge(parts: list[dict]) -> dict:
    out = {
        key: 0
        for key in (
            "sessions",
            "visitors",
            "bounces",
            "duration_sum",
            "converted_sessions",
            "page_views",
            "conversions",
            "conversion_value",
        )
    }
    dicts = {name: Counter() for name in ("entry", "exit", "referrers", "devices", "browsers", "clicks", "event_types")}
    pairs = {name: defaultdict(lambda: [0, 0]) for name in ("pages", "conv_names", "conv_pages")}
    vitals: dict = defaultdict(lambda: defaultdict(lambda: [0.0, 0]))  # weighted sum of p75, samples
    for part in parts:
        for key in out:
            out[key] += part.get(key) or 0
        for name, counter in dicts.items():
            counter.update(part.get(name) or {})
        for name, acc in pairs.items():
            for key, (a, b) in (part.get(name) or {}).items():
                acc[key][0] += a
                acc[key][1] += b
        for path, names in (part.get("vitals") or {}).items():
            for name, (p75, n) in names.items():
                if p75 is not None and n:
                    vitals[path][name][0] += p75 * n
                    vitals[path][name][1] += n
    out.update(dicts)
    out.update(pairs)
    out["vitals"] = {
        path: {name: (s / n if n else None, n) for name, (s, n) in names.items()} for path, names in vitals.items()
    }
    return out


def _series_raw(site: Site, start: datetime, end: datetime, interval: str) -> dict[datetime, dict]:
    trunc = _TRUNC[interval]
    points: dict[datetime, dict] = defaultdict(
        lambda: {"page_views": 0, "sessions": 0, "visitors": 0, "conversions": 0}
    )
    events = Event.objects.filter(
        site=site, ts__gte=start, ts__lt=end, type__in=[EventType.PAGE_VIEW, EventType.CONVERSION]
    )
    for row in events.annotate(b=trunc("ts", tzinfo=UTC)).values("b", "type").annotate(n=Count("id")):
        points[row["b"]]["page_views" if row["type"] == EventType.PAGE_VIEW else "conversions"] += row["n"]
    sessions = Session.objects.filter(site=site, started_at__gte=start, started_at__lt=end)
    for row in (
        sessions.annotate(b=trunc("started_at", tzinfo=UTC))
        .values("b")
        .annotate(n=Count("id"), v=Count("visitor", distinct=True))
    ):
        points[row["b"]]["sessions"] += row["n"]
        points[row["b"]]["visitors"] += row["v"]
    return points


def _floor(ts: datetime, interval: str) -> datetime:
    ts = ts.astimezone(UTC)
    if interval == "minute":
        return ts.replace(second=0, microsecond=0)
    if interval == "hour":
        return ts.replace(minute=0, second=0, microsecond=0)
    return ts.replace(hour=0, minute=0, second=0, microsecond=0)


def auto_interval(start: datetime, end: datetime) -> str:
    span = end - start
    if span <= timedelta(hours=6):
        return "minute"
    if span <= timedelta(days=7):
        return "hour"
    return "day"


def raw_cutoff(site: Site, now: datetime) -> datetime:
    """Raw rows older than this (start of a UTC day) may be pruned, once rolled up."""
    return _floor(now - timedelta(days=site.retention_days), "day")


def answer_cutoff(site: Site, now: datetime) -> datetime:
    """Before this, rollups answer; from it on, raw rows. Retention never deletes a day
    that is not rolled up, so raw rows are complete from here."""
    if site.rolled_until is None:
        return datetime.min.replace(tzinfo=UTC)
    return min(raw_cutoff(site, now), datetime.combine(site.rolled_until, time.min, tzinfo=UTC))


def analytics_compute(*, site: Site, start: datetime, end: datetime, interval: str, limit: int, now: datetime) -> dict:
    cutoff = answer_cutoff(site, now)
    parts, series = [], defaultdict(lambda: {"page_views": 0, "sessions": 0, "visitors": 0, "conversions": 0})
    source = "raw"
    if start < cutoff:
        interval = "day"
        source = "rollup" if end <= cutoff else "mixed"
        last_day = (min(end, cutoff) - timedelta(microseconds=1)).date()
        rows = AnalyticsRollup.objects.filter(site=site, day__gte=start.date(), day__lte=last_day)
        for row in rows.order_by("day"):
            parts.append(row.data)
            bucket = datetime.combine(row.day, time.min, tzinfo=UTC)
            for key in series[bucket]:
                series[bucket][key] += row.data.get(key) or 0
    if end > cutoff:
        raw_start = max(start, cutoff)
        parts.append(raw_partial(site, raw_start, end))
        for bucket, values in _series_raw(site, raw_start, end, interval).items():
            for key, value in values.items():
                series[bucket][key] += value
    merged = _merge(parts)
    sessions = merged["sessions"]

    def top(mapping: dict, label: str) -> list[dict]:
        return [
            {label: key, "sessions": n}
            for key, n in sorted(mapping.items(), key=lambda item: (-item[1], item[0]))[:limit]
        ]

    points = []
    step = INTERVALS[interval]
    bucket = _floor(start, interval)
    while bucket < end:
        points.append(
            {
                "ts": _iso(bucket),
                **series.get(bucket, {"page_views": 0, "sessions": 0, "visitors": 0, "conversions": 0}),
            }
        )
        bucket += step
    vitals = []
    for path, names in merged["vitals"].items():
        row = {"path": path}
        for name in ("LCP", "CLS", "INP"):
            p75, n = names.get(name, (None, 0))
            row[f"{name.lower()}_p75"] = round(p75, 4) if p75 is not None else None
            row[f"{name.lower()}_samples"] = n
        vitals.append(row)
    vitals.sort(key=lambda r: (-(r["lcp_samples"] + r["cls_samples"] + r["inp_samples"]), r["path"]))
    return {
        "site": {"id": str(site.pk), "name": site.name},
        "from": _iso(start),
        "to": _iso(end),
        "interval": interval,
        "source": source,
        "totals": {
            "visitors": merged["visitors"],
            "sessions": sessions,
            "page_views": merged["page_views"],
            "bounce_rate": round(merged["bounces"] / sessions, 4) if sessions else 0.0,
            "avg_session_duration_seconds": round(merged["duration_sum"] / sessions, 2) if sessions else 0.0,
            "conversions": merged["conversions"],
            "conversion_value": round(merged["conversion_value"], 2),
            "converted_sessions": merged["converted_sessions"],
            "conversion_rate": round(merged["converted_sessions"] / sessions, 4) if sessions else 0.0,
        },
        "top_pages": [
            {"path": p, "page_views": v[0], "visitors": v[1]}
            for p, v in sorted(merged["pages"].items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        ],
        "entry_pages": top(merged["entry"], "path"),
        "exit_pages": top(merged["exit"], "path"),
        "referrers": top(merged["referrers"], "referrer"),
        "devices": top(merged["devices"], "device_class"),
        "browsers": top(merged["browsers"], "browser"),
        "top_clicks": [
            {"label": k, "clicks": n} for k, n in sorted(merged["clicks"].items(), key=lambda i: (-i[1], i[0]))[:limit]
        ],
        "events_by_type": {kind: merged["event_types"].get(kind, 0) for kind in EventType.values},
        "conversions_by_name": [
            {"name": k, "count": v[0], "value": round(v[1], 2)}
            for k, v in sorted(merged["conv_names"].items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        ],
        "conversion_pages": [
            {
                "path": k,
                "sessions": v[0],
                "converted_sessions": v[1],
                "conversion_rate": round(v[1] / v[0], 4) if v[0] else 0.0,
            }
            for k, v in sorted(merged["conv_pages"].items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        ],
        "vitals": vitals[:limit],
        "vital_thresholds": VITAL_THRESHOLDS,
        "series": points,
    }


def _iso(ts: datetime) -> str:
    return ts.astimezone(UTC).isoformat().replace("+00:00", "Z")
