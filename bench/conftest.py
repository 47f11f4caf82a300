"""Benchmark plumbing: a real Daphne (HTTP + WebSocket) on the benchmark's own database,
a small load generator, and the report every benchmark adds its rows to.

Benchmarks run under pytest (for its database setup and fixtures) but assert nothing about
speed: each prints measured values, the same-run baseline, the ratio and whether the target
was met; the summary is appended to bench/results.md."""

from __future__ import annotations

import concurrent.futures
import datetime
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests.workers import database_url

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.md"
DAPHNE = str(Path(sys.executable).parent / "daphne")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://")


@pytest.fixture
def bench_server():
    """Start Daphne with bench.settings on a free port (or the one given); extra env per benchmark."""
    started: list[Server] = []

    def start(port: int | None = None, **extra_env: str) -> Server:
        port = port or free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": database_url(),
            "THROTTLE_USER": "10000000/min",
            "THROTTLE_IP": "10000000/min",
            "DJANGO_LOG_LEVEL": "WARNING",
            "CORS_ALLOWED_ORIGINS": "http://127.0.0.1:3000",
            **extra_env,
        }
        process = subprocess.Popen(
            [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = Server(url=f"http://127.0.0.1:{port}", process=process)
        started.append(server)
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                    return server
            except (requests.ConnectionError, requests.Timeout):  # not listening yet, or still loading
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the benchmark server did not start")
            time.sleep(0.2)

    yield start
    for server in started:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()


@dataclass
class Load:
    requests: int
    seconds: float
    latencies_ms: list[float]
    statuses: set[int]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        return percentile(self.latencies_ms, 95)


def http_load(url: str, *, total: int, concurrency: int, headers: dict | None = None) -> Load:
    """`total` GETs spread over `concurrency` keep-alive connections."""
    per_worker = total // concurrency

    def worker() -> tuple[list[float], set[int]]:
        session = requests.Session()
        latencies, statuses = [], set()
        for _ in range(per_worker):
            start = time.perf_counter()
            response = session.get(url, headers=headers, timeout=30)
            latencies.append((time.perf_counter() - start) * 1000)
            statuses.add(response.status_code)
        return latencies, statuses

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda _: worker(), range(concurrency)))
    elapsed = time.perf_counter() - start
    return Load(
        requests=per_worker * concurrency,
        seconds=elapsed,
        latencies_ms=[latency for latencies, _ in results for latency in latencies],
        statuses=set().union(*(statuses for _, statuses in results)),
    )


@dataclass
class Row:
    bench: str
    measure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    passed: bool | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)

    def add(
        self,
        bench: str,
        measure: str,
        value: str,
        *,
        baseline: str = "",
        ratio: str = "",
        target: str = "",
        passed: bool | None = None,
    ) -> None:
        self.rows.append(Row(bench, measure, value, baseline, ratio, target, passed))

    def table(self) -> str:
        header = "| benchmark | measure | value | baseline | ratio | target | result |\n|---|---|---|---|---|---|---|\n"
        verdict = {True: "PASS", False: "FAIL", None: ""}
        return header + "".join(
            f"| {r.bench} | {r.measure} | {r.value} | {r.baseline} | {r.ratio} | {r.target} | {verdict[r.passed]} |\n"
            for r in self.rows
        )


_REPORT = Report()


@pytest.fixture
def report() -> Report:
    return _REPORT


def _machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        memory = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:
        memory = ""
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{platform.node()} — {os.cpu_count()} CPUs {model}{memory}, {system}"


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def pytest_terminal_summary(terminalreporter):
    if not _REPORT.rows:
        return
    table = _REPORT.table()
    terminalreporter.write_sep("=", "benchmark results")
    terminalreporter.write_line(table)
    failed = [r for r in _REPORT.rows if r.passed is False]
    terminalreporter.write_line(f"{len(failed)} target(s) missed" if failed else "every target met")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    database = connection.settings_dict["ENGINE"].rsplit(".", 1)[-1]
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(f"\n## {stamp} · commit {_commit()} · {database}\n\n{_machine()}\n\n{table}")
