"""Processing through a real Celery worker process and the real Redis broker (eager mode
hides serialization differences — DESIGN §8)."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from apps.feedbacks.models import Version
from apps.feedbacks.tasks import process_version
from config.celery import app as celery_app

from .conftest import put_file
from .factories import VersionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(media_root):
    queue = f"test-feedbacks-{os.getpid()}-{time.monotonic_ns()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(media_root),  # the worker reads the same local storage
        "AWS_STORAGE_BUCKET_NAME": "",
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "-Q",
            queue,
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield process
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        process.terminate()
        process.wait(timeout=20)


def _wait_for(version_id, states, timeout=45) -> Version:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        version = Version.objects.get(pk=version_id)
        if version.status in states:
            return version
        time.sleep(0.2)
    return Version.objects.get(pk=version_id)


def test_a_real_worker_processes_a_clip_and_a_broken_file(worker, media_root, clip_bytes):
    good = put_file(media_root, VersionFactory(processing=True), clip_bytes)
    broken = put_file(media_root, VersionFactory(processing=True), b"definitely not a video" * 100)

    process_version.delay(str(good.pk))
    process_version.delay(str(broken.pk))
    process_version.delay(str(good.pk))  # a redelivery: nothing happens twice

    done = _wait_for(good.pk, {"ready", "failed"})
    failed = _wait_for(broken.pk, {"ready", "failed"})
    if done.status == "processing":
        worker.terminate()
        pytest.fail("the worker did not process the version: " + worker.stdout.read().decode()[-2000:])
    assert done.status == "ready", done.failure_reason
    assert (done.frame_count, done.width, done.height, done.fps) == (50, 320, 240, 25)
    assert (media_root / done.poster.name).read_bytes()[:3] == b"\xff\xd8\xff"
    assert (failed.status, failed.failure_code) == ("failed", "not_a_video")
    time.sleep(0.5)
    assert len(list((media_root / "posters").rglob("*.jpg"))) == 1
