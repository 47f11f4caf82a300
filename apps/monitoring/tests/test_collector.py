"""Collector: rates from counter deltas (wrap, reset, reboot, NICs coming and going),
impossible values dropped, real psutil sampling stored; Redis down does not lose samples."""

import logging
import time

import psutil
import pytest

from apps.monitoring import collector
from apps.monitoring.models import Host, MetricPoint
from apps.monitoring.services.samples import host_collect

CPU = {"user": 100.0, "nice": 0.0, "system": 50.0, "idle": 800.0, "iowait": 50.0, "guest": 0.0}


def reading(ts, *, boot=1000.0, cpu=None, rx=1000, tx=2000, read=0, written=0, nics=("eth0",)):
    return {
        "ts": ts,
        "boot_time": boot,
        "cpu": cpu or dict(CPU),
        "cores": [cpu or dict(CPU)],
        "disk": {"read_bytes": read, "write_bytes": written, "read_count": 0, "write_count": 0},
        "net": {nic: {"bytes_recv": rx, "bytes_sent": tx, "errin": 0, "errout": 0} for nic in nics},
    }


def values(sample) -> dict:
    return {(m, labels): v for m, labels, v in sample.values}


def test_counter_delta_handles_wrap_and_reset():
    assert collector.counter_delta(None, 10) is None
    assert collector.counter_delta(10, 25) == 15
    assert collector.counter_delta(2**32 - 100, 50) == 150  # 32-bit wraparound
    assert collector.counter_delta(5_000_000_000, 1000) is None  # reset (64-bit counter went back)
    assert collector.counter_delta(3_000_000, 10) is None  # small counter went back: reset, not a wrap


def test_rates_and_cpu_from_two_readings():
    before = reading(100.0, rx=1000, tx=2000, written=0)
    cpu = {**CPU, "user": 130.0, "idle": 870.0}  # 30 busy of 100 elapsed ticks
    after = reading(115.0, cpu=cpu, rx=16000, tx=2000, written=150_000)
    got = values(collector.sample_compute(previous=before, current=after, gauges={}))
    assert got[("cpu.percent", "")] == pytest.approx(30.0)
    assert got[("cpu.core_percent", "0")] == pytest.approx(30.0)
    assert got[("net.rx_bytes_per_s", "eth0")] == pytest.approx(1000.0)
    assert got[("net.tx_bytes_per_s", "eth0")] == 0
    assert got[("disk.write_bytes_per_s", "")] == pytest.approx(10_000.0)


def test_an_idle_core_reads_zero_not_an_impossible_value(caplog):
    # Summed in floats, these tick counts put the idle delta a hair above the total delta.
    before_cpu = {"user": 4507.14, "nice": 0.0, "system": 91.77, "idle": 2290.13, "iowait": 54.14, "guest": 0.0}
    after_cpu = {**before_cpu, "idle": 2293.1}
    before, after = reading(100.0, cpu=before_cpu), reading(115.0, cpu=after_cpu)
    assert collector._cpu_busy(before_cpu, after_cpu) is not None
    with caplog.at_level(logging.WARNING):
        got = values(collector.sample_compute(previous=before, current=after, gauges={}))
    assert got[("cpu.core_percent", "0")] == 0.0
    assert "impossible" not in caplog.text


def test_counter_reset_gives_no_negative_rate(caplog):
    before = reading(100.0, rx=5_000_000_000)
    after = reading(115.0, rx=1000)
    with caplog.at_level(logging.INFO):
        got = values(collector.sample_compute(previous=before, current=after, gauges={}))
    assert ("net.rx_bytes_per_s", "eth0") not in got
    assert all(v >= 0 for v in got.values())
    assert "Counter reset" in caplog.text


def test_reboot_restarts_rates_and_new_nics_wait_one_sample():
    before = reading(100.0, boot=1000.0)
    after = reading(115.0, boot=99_000.0, rx=10)
    assert values(collector.sample_compute(previous=before, current=after, gauges={})) == {}
    got = values(
        collector.sample_compute(previous=reading(100.0), current=reading(115.0, nics=("eth0", "wg0")), gauges={})
    )
    assert ("net.rx_bytes_per_s", "eth0") in got and ("net.rx_bytes_per_s", "wg0") not in got


def test_impossible_values_are_dropped_with_a_log_line(caplog):
    gauges = {
        "values": [("mem.percent", "", 140.0, 100.0), ("disk.percent", "/", -3.0, 100.0), ("load.1", "", 0.5, None)]
    }
    with caplog.at_level(logging.WARNING):
        sample = collector.sample_compute(previous=None, current=reading(1.0), gauges=gauges)
    assert values(sample) == {("load.1", ""): 0.5}
    assert sorted(sample.dropped) == ["disk.percent{/}", "mem.percent{}"]
    assert "Dropped impossible value" in caplog.text


def _wait_for_cpu_time_to_advance(timeout: float = 5.0) -> None:
    start, deadline = sum(psutil.cpu_times()), time.monotonic() + timeout
    while sum(psutil.cpu_times()) == start and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.django_db
def test_real_samples_register_the_host_and_store_history():
    host, first = host_collect()
    assert host.name == "test-host" and Host.objects.count() == 1
    _wait_for_cpu_time_to_advance()  # two samples in one clock tick have no CPU rate (None, by design)
    host, second = host_collect()
    assert second > first  # rates appear from the second sample on
    metrics = set(MetricPoint.objects.values_list("metric", flat=True))
    assert {"cpu.percent", "mem.percent", "disk.percent", "load.1"} <= metrics
    cpu = MetricPoint.objects.filter(metric="cpu.percent").get()
    assert 0 <= cpu.value <= 100
    host.refresh_from_db()
    assert host.counter_state["cpu"] and host.last_seen_at is not None


@pytest.mark.django_db
def test_redis_down_still_stores_samples_and_the_live_view_degrades(settings, staff_client):
    host_collect()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    settings.REDIS_TIMEOUT = 0.2
    host, count = host_collect()
    assert MetricPoint.objects.filter(ts=host.last_seen_at).count() == count
    response = staff_client.get("/api/v1/monitoring/hosts/")
    assert response.status_code == 200
    [row] = response.json()
    assert row["status"] == "up"
    assert row["latest"]["metrics"]["mem.percent"] > 0  # rebuilt from the database


@pytest.mark.django_db
def test_collect_metrics_command_samples_a_standalone_host():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("collect_metrics", "--host", "standalone-1", "--loop", "--count", "2", "--interval", "0.1", stdout=out)
    assert out.getvalue().count("standalone-1:") == 2
    assert MetricPoint.objects.filter(host__name="standalone-1", metric="cpu.percent").count() == 1
