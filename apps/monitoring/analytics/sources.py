"""The `analytics` alert source: ingestion health per site (from the per-minute counters
in Redis, see health.py) and active sessions. Targets are sites; with no selector every
site plus the `all` target (every request, including ones no site could be found for)."""

import fnmatch
import time
from datetime import datetime, timedelta

from django.conf import settings

from ..sources import MetricSource, Observation, register_source
from . import health

WINDOW_MINUTES = 5
HEALTH_METRICS = {
    "analytics.events_ingested": ("accepted", "events accepted in the last 5 min"),
    "analytics.events_rejected": ("rejected", "events rejected (invalid) in the last 5 min"),
    "analytics.ingestion_errors": ("errors", "ingestion requests refused (4xx except 429, 5xx) in the last 5 min"),
    "analytics.ingestion_latency_p95_ms": ("latency_p95_ms", "p95 ingestion request time in the last 5 min, ms"),
}
ACTIVE_METRIC = "analytics.active_sessions"


def sites_matching(selector: dict) -> tuple[list, bool]:
    """(sites, include the `all` target)."""
    from .models import Site

    selector = selector or {}
    sites = list(Site.objects.order_by("name"))
    wanted = selector.get("sites")
    if isinstance(wanted, list) and wanted:
        names = {str(w) for w in wanted}
        sites = [s for s in sites if s.name in names or str(s.pk) in names]
    glob = selector.get("name_glob")
    if isinstance(glob, str) and glob:
        sites = [s for s in sites if fnmatch.fnmatchcase(s.name, glob)]
    return sites, not selector


class AnalyticsSource(MetricSource):
    name = "analytics"
    selector_keys = frozenset({"sites", "name_glob"})

    def metrics(self) -> dict[str, str]:
        out = {metric: description for metric, (_key, description) in HEALTH_METRICS.items()}
        out[ACTIVE_METRIC] = "sessions with a page view or heartbeat in the last 60 s"
        return out

    def observe(self, rule, now: datetime) -> list[Observation]:
        sites, include_all = sites_matching(rule.host_selector)
        if rule.metric == ACTIVE_METRIC:
            from .models import Session

            since = now - timedelta(seconds=settings.ANALYTICS_ACTIVE_WINDOW_SECONDS)
            return [
                Observation(
                    target=str(site.pk),
                    label=site.name,
                    value=float(
                        Session.objects.filter(site=site, last_alive_at__gte=since, last_alive_at__lte=now).count()
                    ),
                )
                for site in sites
            ]
        key = HEALTH_METRICS[rule.metric][0]
        targets = [str(site.pk) for site in sites] + ([health.GLOBAL] if include_all else [])
        # The counters are per wall-clock minute; `now` in the past (previews) is not replayable.
        stats = health.health_window(targets, now=min(now.timestamp(), time.time()), minutes=WINDOW_MINUTES)
        if stats is None:
            return []  # Redis down: no fresh value, open alerts stay as they are
        names = {str(site.pk): site.name for site in sites}
        return [
            Observation(target=target, value=float(stats[target][key]), label=names.get(target, "all sites"))
            for target in targets
        ]


register_source(AnalyticsSource())
