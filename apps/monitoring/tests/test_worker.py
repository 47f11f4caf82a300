"""Monitoring tasks through a real Celery worker process and the Redis broker (eager mode
hides serialization differences, DESIGN §8)."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from apps.monitoring.models import Delivery, Host, MetricPoint, NotificationChannel, TaskRun
from apps.monitoring.services.notify import channel_send_test
from apps.monitoring.tasks import collect_metrics
from config.celery import app as celery_app

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker():
    queue = f"test-mon-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": _database_url(),
           "REDIS_URL": settings.REDIS_URL, "CELERY_TASK_ALWAYS_EAGER": "0", "WEBHOOK_ALLOW_PRIVATE": "1",
           "MONITORING_HOST_NAME": "worker-host", "WEBHOOK_RETRY_BASE_SECONDS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "-Q", queue,
         "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        process.terminate()
        process.wait(timeout=20)


def _wait(predicate, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_webhook_and_collection_run_in_a_real_worker(worker, receiver):
    channel = NotificationChannel.objects.create(name="pager", kind="webhook", url=receiver.url,
                                                 secret=receiver.secret)
    receiver.script = [500, 200]  # the first try fails: the worker schedules the retry itself
    delivery = channel_send_test(channel=channel)  # committed: on_commit enqueues at once
    assert _wait(lambda: Delivery.objects.get(pk=delivery.pk).status == "delivered", timeout=40)
    assert [r["valid"] for r in receiver.requests] == [True, True]
    assert Delivery.objects.get(pk=delivery.pk).attempts == 2

    collect_metrics.delay()
    assert _wait(lambda: MetricPoint.objects.filter(host__name="worker-host").exists())
    assert Host.objects.filter(name="worker-host").exists()
    assert _wait(lambda: TaskRun.objects.filter(name="apps.monitoring.tasks.collect_metrics",
                                                state="succeeded").exists())
