"""Host registration and sample ingestion."""

import logging
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from apps.core import events

from .. import collector, live
from ..models import Host, MetricPoint

logger = logging.getLogger(__name__)

MONITORING_STREAM = "monitoring"


def host_register(*, name: str, cpu_count: int | None = None, boot_time: float | None = None) -> Host:
    host, created = Host.objects.get_or_create(name=name, defaults={"cpu_count": cpu_count, "boot_time": boot_time})
    if created:
        logger.info("Host %s registered", name)
    return host


def sample_to_wire(*, host: Host, ts: datetime, values: list[tuple[str, str, float]]) -> dict:
    metrics: dict[str, dict[str, float] | float] = {}
    for metric, labels, value in values:
        if labels:
            series = metrics.setdefault(metric, {})
            if isinstance(series, dict):
                series[labels] = value
        else:
            metrics[metric] = value
    return {"host": {"id": str(host.pk), "name": host.name}, "ts": ts.isoformat(), "metrics": metrics}


def sample_ingest(
    *,
    host: Host,
    ts: datetime,
    values: list[tuple[str, str, float]],
    counter_state: dict | None = None,
    boot_time: float | None = None,
) -> int:
    """Store one sample: raw rows and the host's last-seen mark in one transaction; then
    (best effort, outside it) the live copy in Redis and a `metrics.sample` push."""
    with transaction.atomic():
        MetricPoint.objects.bulk_create(
            [MetricPoint(host=host, metric=m, labels=labels, ts=ts, value=v) for m, labels, v in values]
        )
        host.last_seen_at = ts
        fields = ["last_seen_at", "updated_at"]
        if counter_state is not None:
            host.counter_state = counter_state
            fields.append("counter_state")
        if boot_time is not None:
            host.boot_time = boot_time
            fields.append("boot_time")
        host.save(update_fields=fields)
    wire = sample_to_wire(host=host, ts=ts, values=values)
    live.latest_store(host_id=host.pk, sample=wire)
    events.send_ephemeral(stream=MONITORING_STREAM, type="metrics.sample", data=wire)
    return len(values)


def host_collect(*, name: str | None = None) -> tuple[Host, int]:
    """Sample this machine once (the beat task and the `collect_metrics` command)."""
    import psutil

    name = name or collector.host_name()
    host = host_register(name=name, cpu_count=psutil.cpu_count(), boot_time=psutil.boot_time())
    current = collector.read_counters()
    sample = collector.sample_compute(
        previous=host.counter_state or None, current=current, gauges=collector.read_gauges()
    )
    ts = datetime.fromtimestamp(sample.ts, tz=UTC)
    count = sample_ingest(host=host, ts=ts, values=sample.values, counter_state=current, boot_time=current["boot_time"])
    return host, count


def hosts_status(hosts: list[Host], now: datetime | None = None) -> dict[str, str]:
    from django.conf import settings

    now = now or timezone.now()
    interval = settings.MONITORING_COLLECT_INTERVAL
    out = {}
    for host in hosts:
        if host.last_seen_at is None:
            out[str(host.pk)] = "unknown"
            continue
        age = (now - host.last_seen_at).total_seconds()
        out[str(host.pk)] = "up" if age <= interval * settings.MONITORING_STALE_INTERVALS else "down"
    return out
