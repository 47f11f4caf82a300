"""Fault injection: the Celery worker is SIGKILLed in the middle of processing a version
(its ffmpeg is held up by a wrapper until the kill). Because tasks are `acks_late`, the
message is still unacknowledged: a fresh worker gets it again, the version ends `ready`
with its result written once and one `version.ready` event — no duplicates."""

import os
import signal
import stat
import subprocess
import time

import pytest
from django.conf import settings

from apps.core.models import Notification, StreamEvent
from apps.feedbacks.models import Version
from apps.feedbacks.tasks import process_version
from apps.feedbacks.tests.conftest import put_file
from apps.feedbacks.tests.factories import VersionFactory
from tests.workers import start_worker as start_worker_process
from tests.workers import tasks_routed_to, worker_env, worker_queue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


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
    queue = worker_queue("kill")
    env = worker_env(
        queue,
        DJANGO_SETTINGS_MODULE="tests.quality.worker_settings",
        MEDIA_ROOT=str(media_root),
        AWS_STORAGE_BUCKET_NAME="",
        FFMPEG_BINARY=_slow_ffmpeg(tmp_path),
    )
    workers = []

    def start() -> subprocess.Popen:
        # Its own process group: the kill takes its ffmpeg too.
        workers.append(start_worker_process(queue, env, start_new_session=True))
        return workers[-1]

    try:
        with tasks_routed_to(queue):
            yield start, tmp_path
    finally:
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
