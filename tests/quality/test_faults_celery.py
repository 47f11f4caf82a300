"""Fault injection: the Celery worker is SIGKILLed in the middle of processing a version
(its ffmpeg is held up by a wrapper until the kill). Because tasks are `acks_late`, the
message is still unacknowledged: a fresh worker gets it again, the version ends `ready`
with its result written once and one `version.ready` event — no duplicates."""

import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from apps.core.models import Notification, StreamEvent
from apps.feedbacks.models import Version
from apps.feedbacks.tasks import process_version
from apps.feedbacks.tests.conftest import put_file
from apps.feedbacks.tests.factories import VersionFactory
from config.celery import app as celery_app

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _slow_ffmpeg(folder) -> str:
    """The first ffmpeg call of the run hangs (the worker is killed meanwhile); later ones
    are the real ffmpeg."""
    wrapper = folder / "ffmpeg"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'if [ ! -e "{folder}/first" ]; then touch "{folder}/first"; sleep 60; fi\n'
        f'exec "{settings.FFMPEG_BINARY}" "$@"\n'
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return str(wrapper)


@pytest.fixture
def start_worker(tmp_path, media_root):
    queue = f"test-kill-{os.getpid()}-{time.monotonic_ns()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.quality.worker_settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(media_root),
        "AWS_STORAGE_BUCKET_NAME": "",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "FFMPEG_BINARY": _slow_ffmpeg(tmp_path),
    }
    workers = []

    def start() -> subprocess.Popen:
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
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the kill takes its ffmpeg too
        )
        workers.append(process)
        return process

    previous = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield start, tmp_path
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        for process in workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_killed_worker_s_task_is_redelivered_and_done_once(start_worker, media_root, clip_bytes):
    start, folder = start_worker
    version = put_file(media_root, VersionFactory(processing=True), clip_bytes)
    first = start()

    process_version.delay(str(version.pk))
    assert _wait(lambda: (folder / "first").exists(), 60), "the worker never started the task"
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    assert Version.objects.get(pk=version.pk).status == Version.Status.PROCESSING

    start()  # a replacement worker, as a supervisor would start
    assert _wait(lambda: Version.objects.get(pk=version.pk).status != Version.Status.PROCESSING, 90), (
        "the task was not redelivered after the worker died"
    )

    done = Version.objects.get(pk=version.pk)
    assert done.status == Version.Status.READY, done.failure_reason
    assert done.processing_attempts == 2  # the killed run and the redelivered one
    time.sleep(1)  # anything duplicated would land now
    streams = list(
        StreamEvent.objects.filter(type="version.ready", data__version__id=str(version.pk)).values_list(
            "stream", flat=True
        )
    )
    assert streams and len(streams) == len(set(streams)), streams  # once per stream (project, version)
    assert Notification.objects.filter(verb="version.ready").count() == 1  # the uploader, once
    assert len(list((media_root / "posters").rglob("*.jpg"))) == 1
