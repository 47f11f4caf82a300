"""Host sampling with psutil.

Rates and CPU % come from the difference of two counter readings, never from a blocking
interval or psutil's stateful `cpu_percent()` (DESIGN §8). The previous readings travel in
`state` (stored on the Host row), because two samples usually run in different processes.
Counters that go backwards are either a 32-bit wrap (the small forward step past 2**32 is
used) or a reset (reboot, NIC re-created): then that rate is skipped for one sample. Values
that cannot be true (a CPU over 100 %, a negative or absurd rate) are dropped with a log
line."""

import logging
import os
import socket
import time
from dataclasses import dataclass, field

import psutil

logger = logging.getLogger(__name__)

PSEUDO_FS = {
    "autofs",
    "binfmt_misc",
    "bpf",
    "cgroup",
    "cgroup2",
    "configfs",
    "debugfs",
    "devpts",
    "devtmpfs",
    "efivarfs",
    "fusectl",
    "hugetlbfs",
    "mqueue",
    "nsfs",
    "overlay",
    "proc",
    "pstore",
    "ramfs",
    "rpc_pipefs",
    "securityfs",
    "squashfs",
    "sysfs",
    "tmpfs",
    "tracefs",
    "fuse.lxcfs",
    "nfsd",
    "iso9660",
}
MAX_BYTES_PER_S = 200e9  # beyond any NIC or disk we run: a glitch
MAX_OPS_PER_S = 10e6
WRAP_32 = 2**32


@dataclass
class Sample:
    ts: float
    values: list[tuple[str, str, float]] = field(default_factory=list)  # (metric, labels, value)
    dropped: list[str] = field(default_factory=list)

    def add(self, metric: str, labels: str, value: float | None, low: float = 0.0, high: float | None = None):
        if value is None:
            return
        if value != value or value < low or (high is not None and value > high):  # NaN or out of range
            logger.warning("Dropped impossible value %s{%s}=%r", metric, labels, value)
            self.dropped.append(f"{metric}{{{labels}}}")
            return
        self.values.append((metric, labels, float(value)))


def host_name() -> str:
    from django.conf import settings

    return settings.MONITORING_HOST_NAME or socket.gethostname()


def counter_delta(previous: float | None, current: float) -> float | None:
    """Forward step of a monotonic counter, or None when it cannot be known (first reading,
    or a reset). A 32-bit counter that wrapped moves forward by (2**32 - prev) + cur."""
    if previous is None:
        return None
    if current >= previous:
        return current - previous
    if previous < WRAP_32 and WRAP_32 - previous + current < WRAP_32 / 4:
        return WRAP_32 - previous + current
    return None  # reset: reboot, driver reload, NIC re-created


def _cpu_busy(prev: dict, cur: dict) -> float | None:
    # guest time is already counted in user/nice on Linux; iowait counts as idle.
    def totals(times: dict) -> tuple[float, float]:
        total = sum(v for k, v in times.items() if k not in ("guest", "guest_nice"))
        idle = times.get("idle", 0.0) + times.get("iowait", 0.0)
        return total, idle

    t0, i0 = totals(prev)
    t1, i1 = totals(cur)
    d_total, d_idle = t1 - t0, i1 - i0
    if d_total <= 0 or d_idle < 0:
        return None
    # An idle core's idle delta can exceed the summed total by a float rounding error.
    return max(0.0, 100.0 * (1.0 - d_idle / d_total))


def _mounts() -> list:
    seen, out = set(), []
    for part in psutil.disk_partitions(all=False):
        if part.fstype in PSEUDO_FS or part.device in seen or part.mountpoint.startswith(("/snap", "/proc", "/sys")):
            continue
        seen.add(part.device)
        out.append(part.mountpoint)
    return out or ["/"]


def read_counters() -> dict:
    """The raw, monotonic readings rates are computed from."""
    disk = psutil.disk_io_counters(perdisk=False)
    return {
        "ts": time.time(),
        "boot_time": psutil.boot_time(),
        "cpu": psutil.cpu_times()._asdict(),
        "cores": [t._asdict() for t in psutil.cpu_times(percpu=True)],
        "disk": disk._asdict() if disk else {},
        "net": {nic: c._asdict() for nic, c in psutil.net_io_counters(pernic=True).items()},
    }


def sample_compute(*, previous: dict | None, current: dict, gauges: dict) -> Sample:
    """Turn two counter readings and the current gauges into one sample (pure: tested
    with made-up readings)."""
    sample = Sample(ts=current["ts"])
    for metric, labels, value, high in gauges.get("values", []):
        sample.add(metric, labels, value, high=high)
    if not previous or previous.get("boot_time") and abs(previous["boot_time"] - current["boot_time"]) > 5:
        if previous:
            logger.info("Host rebooted (boot time changed); rates restart from this sample")
        return sample
    elapsed = current["ts"] - previous["ts"]
    if elapsed <= 0 or elapsed > 3600:
        return sample

    sample.add("cpu.percent", "", _cpu_busy(previous.get("cpu", {}), current["cpu"]), high=100.0)
    for index, (p, c) in enumerate(zip(previous.get("cores", []), current["cores"], strict=False)):
        sample.add("cpu.core_percent", str(index), _cpu_busy(p, c), high=100.0)

    def rate(prev_value, cur_value, metric, labels, high):
        delta = counter_delta(prev_value, cur_value) if cur_value is not None else None
        if delta is None:
            if prev_value is not None and cur_value is not None:
                logger.info("Counter reset for %s{%s}; rate skipped once", metric, labels)
            return
        sample.add(metric, labels, delta / elapsed, high=high)

    pd, cd = previous.get("disk", {}), current["disk"]
    rate(pd.get("read_bytes"), cd.get("read_bytes"), "disk.read_bytes_per_s", "", MAX_BYTES_PER_S)
    rate(pd.get("write_bytes"), cd.get("write_bytes"), "disk.write_bytes_per_s", "", MAX_BYTES_PER_S)
    rate(pd.get("read_count"), cd.get("read_count"), "disk.read_iops", "", MAX_OPS_PER_S)
    rate(pd.get("write_count"), cd.get("write_count"), "disk.write_iops", "", MAX_OPS_PER_S)
    for nic, counters in current["net"].items():
        before = previous.get("net", {}).get(nic)
        if not before:  # a NIC that just appeared: no rate yet
            continue
        rate(before.get("bytes_recv"), counters.get("bytes_recv"), "net.rx_bytes_per_s", nic, MAX_BYTES_PER_S)
        rate(before.get("bytes_sent"), counters.get("bytes_sent"), "net.tx_bytes_per_s", nic, MAX_BYTES_PER_S)
        rate(before.get("errin"), counters.get("errin"), "net.rx_errors_per_s", nic, MAX_OPS_PER_S)
        rate(before.get("errout"), counters.get("errout"), "net.tx_errors_per_s", nic, MAX_OPS_PER_S)
    return sample


def read_gauges() -> dict:
    values = []
    try:
        load1, load5, load15 = os.getloadavg()
        values += [("load.1", "", load1, None), ("load.5", "", load5, None), ("load.15", "", load15, None)]
    except OSError:
        pass
    mem, swap = psutil.virtual_memory(), psutil.swap_memory()
    values += [
        ("mem.used_bytes", "", mem.total - mem.available, float(mem.total)),
        ("mem.percent", "", mem.percent, 100.0),
        ("swap.used_bytes", "", swap.used, float(swap.total) if swap.total else None),
        ("swap.percent", "", swap.percent, 100.0),
    ]
    for mount in _mounts():
        try:
            usage = psutil.disk_usage(mount)
        except OSError:
            continue
        values += [
            ("disk.used_bytes", mount, usage.used, float(usage.total)),
            ("disk.total_bytes", mount, usage.total, None),
            ("disk.percent", mount, usage.percent, 100.0),
        ]
    return {"values": values}
