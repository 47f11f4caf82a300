"""A Celery worker serves its own pod's metrics on WORKER_METRICS_PORT (on Kubernetes web and
worker pods do not share PROMETHEUS_MULTIPROC_DIR; Prometheus scrapes each worker pod and sums)."""

import socket
import time
import urllib.error
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from apps.monitoring.models import TaskRun
from apps.monitoring.tasks import collect_metrics
from tests.workers import real_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

TASK = "apps.monitoring.tasks.collect_metrics"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _scrape(port: int) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:  # noqa: S310
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _succeeded(text: str | None) -> float:
    for family in text_string_to_metric_families(text or ""):
        for sample in family.samples:
            if (
                sample.name == "vp_celery_tasks_total"
                and sample.labels.get("task") == TASK
                and sample.labels.get("state") == "succeeded"
            ):
                return sample.value
    return 0.0


def _wait(predicate, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.2)
    return None


def test_a_worker_serves_the_task_counters_of_its_processes_on_its_metrics_port(tmp_path):
    port = _free_port()
    with real_worker(
        "worker-metrics",
        WORKER_METRICS_PORT=str(port),
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path),
        MONITORING_HOST_NAME="metrics-host",
    ):
        before = _wait(lambda: _scrape(port))
        assert before is not None, "the worker's metrics port never answered"
        assert _succeeded(before) == 0

        collect_metrics.delay()
        assert _wait(lambda: _succeeded(_scrape(port)) >= 1), "vp_celery_tasks_total did not move on the worker's port"
        assert any(path.suffix == ".db" for path in tmp_path.iterdir())  # multiprocess files, summed by the server


def test_without_the_port_setting_the_worker_serves_nothing(tmp_path):
    port = _free_port()
    with real_worker("worker-no-metrics", PROMETHEUS_MULTIPROC_DIR=str(tmp_path), WORKER_METRICS_PORT=""):
        collect_metrics.delay()
        assert _wait(lambda: TaskRun.objects.filter(name=TASK, state="succeeded").exists())
        assert _scrape(port) is None
