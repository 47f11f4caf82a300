"""Processing through a real Celery worker process and the real Redis broker (eager mode
hides serialization differences — DESIGN §8)."""

import time

import pytest

from apps.feedbacks.models import Version
from apps.feedbacks.tasks import process_version
from tests.workers import real_worker

from .conftest import put_file
from .factories import VersionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def worker(media_root):
    # The worker reads the same local storage as this test.
    with real_worker("feedbacks", MEDIA_ROOT=str(media_root), AWS_STORAGE_BUCKET_NAME="") as process:
        yield process


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
