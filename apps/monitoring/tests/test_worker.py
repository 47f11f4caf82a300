"""Monitoring tasks through a real Celery worker process and the Redis broker (eager mode
hides serialization differences, DESIGN §8)."""

import time

import pytest
from django.utils import timezone

from apps.monitoring.models import Delivery, Host, MetricPoint, TaskRun
from apps.monitoring.services.notify import channel_send_test
from apps.monitoring.tasks import collect_metrics, sweep_deliveries
from tests.workers import real_worker

from .factories import NotificationChannelFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def worker():
    with real_worker(
        "mon", WEBHOOK_ALLOW_PRIVATE="1", MONITORING_HOST_NAME="worker-host", WEBHOOK_RETRY_BASE_SECONDS="1"
    ):
        yield


def _wait(predicate, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_webhook_and_collection_run_in_a_real_worker(worker, receiver):
    channel = NotificationChannelFactory(
        name="pager", kind="webhook", url=receiver.url, secret=receiver.secret, recipients=[]
    )
    receiver.script = [500, 200]  # the first try fails: its retry is due 1 s later
    delivery = channel_send_test(channel=channel)  # committed: on_commit enqueues at once
    assert _wait(lambda: Delivery.objects.get(pk=delivery.pk).status == "retrying")
    time.sleep(max(0.0, (Delivery.objects.get(pk=delivery.pk).next_attempt_at - timezone.now()).total_seconds()))
    sweep_deliveries.delay()  # the beat's sweep sends the retry (no countdown message waits in a worker)
    assert _wait(lambda: Delivery.objects.get(pk=delivery.pk).status == "delivered", timeout=40)
    assert [r["valid"] for r in receiver.requests] == [True, True]
    assert Delivery.objects.get(pk=delivery.pk).attempts == 2

    collect_metrics.delay()
    assert _wait(lambda: MetricPoint.objects.filter(host__name="worker-host").exists())
    assert Host.objects.filter(name="worker-host").exists()
    assert _wait(
        lambda: TaskRun.objects.filter(name="apps.monitoring.tasks.collect_metrics", state="succeeded").exists()
    )
