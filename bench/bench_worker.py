"""Worker throughput: how many real tasks one Celery worker process with one slot (the solo
pool) runs per minute, for the capacity figures in docs/deploy.md. Each task goes through the
real Redis broker and is recorded like any other (TaskRun); the rate is the count over the time
from the first start to the last finish, so it includes the broker round trip and the ack.

- default queue: `deliver_email` (Django's dummy email backend: everything but the SMTP call)
- media queue: `process_version` of a 10-second 1080p H.264 clip (ffmpeg probe + poster)

No same-run baseline: these are sizes, not targets."""

import time

import pytest

from apps.core.tasks import deliver_email
from apps.feedbacks.models import Version
from apps.feedbacks.tasks import process_version
from apps.feedbacks.tests.conftest import ffmpeg, put_file
from apps.feedbacks.tests.factories import VersionFactory
from apps.monitoring.models import TaskRun
from tests.workers import real_worker

EMAILS = 300
VERSIONS = 20


@pytest.fixture(scope="module")
def hd_clip(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("clips") / "hd.mp4"
    source = "testsrc2=duration=10:size=1920x1080:rate=25"
    ffmpeg("-f", "lavfi", "-i", source, "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", str(out))
    return out.read_bytes()


def _rate(name: str, count: int, timeout: float) -> tuple[float, float]:
    """(jobs per minute, median ms per job) once `count` runs of `name` have finished."""
    runs = TaskRun.objects.filter(name=name)
    deadline = time.monotonic() + timeout
    while runs.filter(finished_at__isnull=False).count() < count:
        assert time.monotonic() < deadline, f"{runs.filter(finished_at__isnull=False).count()}/{count} {name} done"
        time.sleep(0.5)
    first = min(runs.values_list("started_at", flat=True))
    last = max(runs.values_list("finished_at", flat=True))
    runtimes = sorted(runs.values_list("runtime_ms", flat=True))
    return count / (last - first).total_seconds() * 60, runtimes[len(runtimes) // 2]


@pytest.mark.django_db(transaction=True)
def test_jobs_per_minute_of_one_worker_slot(report, settings, tmp_path, hd_clip):
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    versions = [put_file(media, VersionFactory(processing=True), hd_clip) for _ in range(VERSIONS)]
    backend = "django.core.mail.backends.dummy.EmailBackend"
    with real_worker("bench", EMAIL_BACKEND=backend, MEDIA_ROOT=str(media), AWS_STORAGE_BUCKET_NAME=""):
        for n in range(EMAILS):
            deliver_email.delay(to=f"reviewer{n}@example.com", subject="리뷰 요청", text="본문", html="<p>본문</p>")
        emails = _rate(deliver_email.name, EMAILS, timeout=300)
        for version in versions:
            process_version.delay(str(version.pk))
        clips = _rate(process_version.name, VERSIONS, timeout=600)
    assert Version.objects.filter(status=Version.Status.READY).count() == VERSIONS

    label = "worker throughput (1 slot)"
    report.add(label, "default queue: deliver_email jobs/min (median run)", f"{emails[0]:.0f} ({emails[1]} ms)")
    report.add(label, "media queue: 10 s 1080p clip processed/min (median run)", f"{clips[0]:.1f} ({clips[1]} ms)")
