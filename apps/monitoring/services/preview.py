"""How a rule would have fired over a past window, replayed on the raw history with the
engine's own semantics (worst series per host, for-duration, stale gaps), without
writing anything. For the rules editor's live preview."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ..models import MetricPoint
from ..sources import NO_DATA_METRIC, _worst, hosts_matching
from .alerts import condition_holds


def rule_preview(
    *,
    metric: str,
    operator: str,
    threshold: float,
    for_seconds: int = 0,
    labels: str = "",
    host_selector: dict | None = None,
    hours: int = 24,
    now: datetime | None = None,
) -> dict:
    now = now or timezone.now()
    start = now - timedelta(hours=hours)
    hosts = hosts_matching(host_selector or {})
    stale = timedelta(seconds=settings.MONITORING_COLLECT_INTERVAL * settings.MONITORING_STALE_INTERVALS)
    out: list[dict] = []
    if metric == NO_DATA_METRIC or not hosts:
        return {"from": start, "to": now, "hosts": out, "supported": metric != NO_DATA_METRIC}
    points = MetricPoint.objects.filter(host__in=hosts, metric=metric, ts__gte=start, ts__lte=now)
    if labels:
        points = points.filter(labels=labels)
    by_host: dict = {}
    for host_id, ts, lab, value in points.order_by("host_id", "ts").values_list("host_id", "ts", "labels", "value"):
        by_host.setdefault(host_id, {}).setdefault(ts, []).append((lab, value))
    for host in hosts:
        timeline = sorted(by_host.get(host.pk, {}).items())
        episodes, pending_since, current, last_ts = [], None, None, None
        for ts, series in timeline:
            lab, value = _worst(operator, series)
            if last_ts is not None and ts - last_ts > stale and current is None:
                pending_since = None  # a gap breaks a pending streak
            last_ts = ts
            if condition_holds(value, operator, threshold):
                pending_since = pending_since or ts
                if current is None and ts - pending_since >= timedelta(seconds=for_seconds):
                    current = {"started_at": ts, "resolved_at": None, "peak": value, "labels": lab}
                    episodes.append(current)
                elif current is not None and _worst(operator, [("", current["peak"]), ("", value)])[1] == value:
                    current["peak"], current["labels"] = value, lab
            else:
                pending_since = None
                if current is not None:
                    current["resolved_at"] = ts
                    current = None
        out.append(
            {
                "host": {"id": str(host.pk), "name": host.name},
                "points": len(timeline),
                "episodes": episodes,
                "firing_now": current is not None,
            }
        )
    return {"from": start, "to": now, "hosts": out, "supported": True}
