"""Pluggable metric sources for the rule engine (registered here: `host`, `anomaly`; by the
analytics package: `analytics`; by apps.ai_planning in its AppConfig.ready(): `ai`).

A source knows its metric names and, given a rule and the time, says the current value of
each target the rule watches (a host, a project, a site…). The engine does the rest (for
-duration, dedup, silences, cooldown, notifications), so a new kind of rule — say AI cost
per project or analytics ingestion errors — is a new `MetricSource` registered with
`register_source()`, with no change to the engine."""

import fnmatch
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max

# Host metrics the collector writes. Units are in the name or the description.
HOST_METRICS: dict[str, str] = {
    "cpu.percent": "CPU busy %, all cores",
    "cpu.core_percent": "CPU busy % per core (labels: core number)",
    "load.1": "load average, 1 min",
    "load.5": "load average, 5 min",
    "load.15": "load average, 15 min",
    "mem.used_bytes": "memory used, bytes",
    "mem.percent": "memory used %",
    "swap.used_bytes": "swap used, bytes",
    "swap.percent": "swap used %",
    "disk.used_bytes": "disk used per mount, bytes (labels: mount point)",
    "disk.total_bytes": "disk size per mount, bytes (labels: mount point)",
    "disk.percent": "disk used % per mount (labels: mount point)",
    "disk.read_bytes_per_s": "disk read, bytes/s",
    "disk.write_bytes_per_s": "disk write, bytes/s",
    "disk.read_iops": "disk reads/s",
    "disk.write_iops": "disk writes/s",
    "net.rx_bytes_per_s": "network received, bytes/s (labels: interface)",
    "net.tx_bytes_per_s": "network sent, bytes/s (labels: interface)",
    "net.rx_errors_per_s": "network receive errors/s (labels: interface)",
    "net.tx_errors_per_s": "network send errors/s (labels: interface)",
}
# Computed by the engine, not stored: how many collector intervals a host has been silent.
NO_DATA_METRIC = "host.missed_intervals"


@dataclass(frozen=True)
class Observation:
    target: str  # dedup key within the rule
    value: float
    host_id: uuid.UUID | None = None  # the Host, when the target is one
    labels: str = ""
    label: str = ""  # human name of the target


class MetricSource(ABC):
    name = ""
    # Keys a rule's `host_selector` (the target selector) may use with this source.
    selector_keys: frozenset[str] = frozenset({"hosts", "name_glob"})

    @abstractmethod
    def metrics(self) -> dict[str, str]:
        """Metric name → description, for the rule editor."""

    @abstractmethod
    def observe(self, rule, now: datetime) -> list[Observation]:
        """Current values for every target of the rule. A target that has no fresh value
        is left out (its open alert, if any, stays as it is)."""

    def forecasts(self, now: datetime) -> list[dict]:
        """Rows for the forecasts page (e.g. month-end AI cost per project); most sources have none."""
        return []


_SOURCES: dict[str, MetricSource] = {}


def register_source(source: MetricSource) -> None:
    _SOURCES[source.name] = source


def source_get(name: str) -> MetricSource | None:
    return _SOURCES.get(name)


def source_forecasts(name: str, *, now: datetime) -> list[dict]:
    """The registered source's forecast rows, or none when no app registered it."""
    found = source_get(name)
    return found.forecasts(now) if found is not None else []


def sources_all() -> dict[str, MetricSource]:
    return dict(_SOURCES)


def metric_known(source: str, metric: str) -> bool:
    found = source_get(source)
    return found is not None and metric in found.metrics()


def _worst(operator: str, values: list[tuple[str, float]]) -> tuple[str, float]:
    """The series most likely to break the rule: the highest for > and >=, the lowest for <."""
    if operator in ("<", "<="):
        return min(values, key=lambda item: item[1])
    return max(values, key=lambda item: item[1])


def hosts_matching(selector: dict):
    from .models import Host

    hosts = Host.objects.all()
    wanted = [str(item) for item in (selector or {}).get("hosts") or []]
    if wanted:
        ids = [w for w in wanted if is_uuid(w)]
        hosts = hosts.filter(name__in=wanted) | hosts.filter(pk__in=ids)
    glob = (selector or {}).get("name_glob")
    result = list(hosts.order_by("name"))
    if glob:
        result = [host for host in result if fnmatch.fnmatchcase(host.name, glob)]
    return result


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class HostSource(MetricSource):
    """Host metrics from the raw table: per host, the newest value of each series within
    the staleness window; with several series (mounts, NICs) and no label filter, the
    worst series decides, so there is still one alert per rule and host."""

    name = "host"

    def metrics(self) -> dict[str, str]:
        return {**HOST_METRICS, NO_DATA_METRIC: "collector intervals since the host's last sample"}

    def observe(self, rule, now: datetime) -> list[Observation]:
        from .models import MetricPoint

        hosts = hosts_matching(rule.host_selector)
        interval = settings.MONITORING_COLLECT_INTERVAL
        if rule.metric == NO_DATA_METRIC:
            out = []
            for host in hosts:
                if host.last_seen_at is None:
                    continue
                missed = max(0.0, (now - host.last_seen_at).total_seconds() / interval)
                out.append(Observation(target=str(host.pk), value=round(missed, 2), host_id=host.pk, label=host.name))
            return out
        if not hosts:
            return []
        fresh_after = now - timedelta(seconds=interval * settings.MONITORING_STALE_INTERVALS)
        points = MetricPoint.objects.filter(host__in=hosts, metric=rule.metric, ts__gt=fresh_after, ts__lte=now)
        if rule.labels:
            points = points.filter(labels=rule.labels)
        newest = points.values("host_id", "labels").annotate(latest=Max("ts"))
        latest_ts = {(row["host_id"], row["labels"]): row["latest"] for row in newest}
        values: dict[object, list[tuple[str, float]]] = {}
        if latest_ts:
            rows = points.filter(ts__in={ts for ts in latest_ts.values()}).values_list(
                "host_id", "labels", "ts", "value"
            )
            for host_id, labels, ts, value in rows:
                if latest_ts.get((host_id, labels)) == ts:
                    values.setdefault(host_id, []).append((labels, value))
        names = {host.pk: host.name for host in hosts}
        out = []
        for host_id, series in values.items():
            labels, value = _worst(rule.operator, series)
            out.append(
                Observation(
                    target=str(host_id), value=value, host_id=host_id, labels=labels, label=names.get(host_id, "")
                )
            )
        return out


class AnomalySource(MetricSource):
    """Alerting on anomalies: per host, the largest |z| among anomalies detected in the
    last 15 minutes (0 when there is none, so the alert resolves)."""

    name = "anomaly"

    def metrics(self) -> dict[str, str]:
        return {"anomaly.score": "largest |z-score| of a recent anomaly on the host (any watched metric)"}

    def observe(self, rule, now: datetime) -> list[Observation]:
        from .models import Anomaly

        hosts = hosts_matching(rule.host_selector)
        recent = Anomaly.objects.filter(
            host__in=hosts, detected_at__gt=now - timedelta(minutes=15), detected_at__lte=now
        )
        worst: dict = {}
        for host_id, metric, score in recent.values_list("host_id", "metric", "score"):
            if abs(score) > worst.get(host_id, ("", 0.0))[1]:
                worst[host_id] = (metric, abs(score))
        return [
            Observation(
                target=str(h.pk),
                value=worst.get(h.pk, ("", 0.0))[1],
                host_id=h.pk,
                labels=worst.get(h.pk, ("", 0.0))[0],
                label=h.name,
            )
            for h in hosts
            if h.last_seen_at is not None
        ]


register_source(HostSource())
register_source(AnomalySource())
