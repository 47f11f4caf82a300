"""Probe and poster with the imageio-ffmpeg wheel's binary, on a generated clip and on files
that are not decodable video."""

import pytest

from apps.core.models import Notification
from apps.feedbacks import media, services
from apps.feedbacks.models import Version
from apps.feedbacks.services import version_stream
from apps.projects.services import project_stream

from .conftest import ffmpeg, put_file, stream_types
from .factories import VersionFactory

pytestmark = pytest.mark.django_db


def processing_version(media_root, data: bytes, name="clip.mp4") -> Version:
    version = VersionFactory(processing=True, original_name=name)
    return put_file(media_root, version, data)


def test_a_clip_becomes_ready_with_its_measurements_and_a_poster(media_root, clip_bytes):
    version = processing_version(media_root, clip_bytes)

    services.version_process(version_id=version.pk)

    version.refresh_from_db()
    assert version.status == Version.Status.READY, version.failure_reason
    assert version.duration == pytest.approx(2.0, abs=0.05)
    assert version.fps == 25
    assert version.frame_count == 50
    assert (version.width, version.height) == (320, 240)
    assert version.processed_at is not None
    poster = (media_root / version.poster.name).read_bytes()
    assert poster[:3] == b"\xff\xd8\xff"  # a JPEG
    assert stream_types(version_stream(version)) == ["version.ready"]
    assert stream_types(project_stream(version.asset.project_id)) == ["version.ready"]
    assert Notification.objects.filter(recipient=version.uploaded_by, verb="version.ready").count() == 1


def test_ntsc_rate_is_stored_exactly(media_root, tmp_path):
    clip = tmp_path / "ntsc.mov"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=duration=1:size=160x120:rate=30000/1001",
        "-pix_fmt",
        "yuv420p",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        str(clip),
    )
    version = processing_version(media_root, clip.read_bytes(), "ntsc.mov")

    services.version_process(version_id=version.pk)

    version.refresh_from_db()
    assert version.status == Version.Status.READY
    assert version.fps == pytest.approx(30000 / 1001)
    assert version.frame_count == 30


def test_processing_twice_changes_nothing_the_second_time(media_root, clip_bytes):
    version = processing_version(media_root, clip_bytes)
    services.version_process(version_id=version.pk)
    version.refresh_from_db()
    poster, processed_at = version.poster.name, version.processed_at

    services.version_process(version_id=version.pk)

    version.refresh_from_db()
    assert (version.poster.name, version.processed_at) == (poster, processed_at)
    assert stream_types(version_stream(version)) == ["version.ready"]
    assert len(list((media_root / "posters").rglob("*.jpg"))) == 1


def test_a_late_duplicate_run_drops_its_poster(media_root, clip_bytes, django_capture_on_commit_callbacks):
    """Two runs that both probed: the one that writes second finds the version done."""
    version = processing_version(media_root, clip_bytes)
    probe = media.probe(str(media_root / version.file.name))
    services.version_mark_ready(version=version, probe=probe, poster=b"\xff\xd8\xff first")

    with django_capture_on_commit_callbacks(execute=True):
        services.version_mark_ready(version=version, probe=probe, poster=b"\xff\xd8\xff second")

    assert len(list((media_root / "posters").rglob("*.jpg"))) == 1
    assert stream_types(version_stream(version)) == ["version.ready"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"This is a text file, not a video.\n" * 50, "not_a_video"),
        (b"\x00\x00\x00\x20ftypisom" + b"\x00" * 4000, "truncated"),
    ],
    ids=["0-byte", "text", "header-only"],
)
def test_files_that_are_not_decodable_video_fail_with_a_reason(media_root, content, code):
    version = processing_version(media_root, content)

    services.version_process(version_id=version.pk)

    version.refresh_from_db()
    assert version.status == Version.Status.FAILED
    assert version.failure_code == code
    assert version.failure_reason
    assert version.duration is None and not version.poster
    assert stream_types(version_stream(version)) == ["version.failed"]
    assert Notification.objects.filter(recipient=version.uploaded_by, verb="version.failed").count() == 1


def test_a_truncated_video_fails_as_truncated(media_root, clip_bytes):
    version = processing_version(media_root, clip_bytes[: len(clip_bytes) // 2])

    services.version_process(version_id=version.pk)

    version.refresh_from_db()
    assert version.status == Version.Status.FAILED
    assert version.failure_code == "truncated"


def test_a_truncated_faststart_video_fails_as_truncated(media_root, tmp_path):
    clip = tmp_path / "fast.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=duration=2:size=320x240:rate=25",
        "-pix_fmt",
        "yuv420p",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-movflags",
        "+faststart",
        str(clip),
    )
    data = clip.read_bytes()
    version = processing_version(media_root, data[: len(data) * 2 // 3])

    services.version_process(version_id=version.pk)

    version.refresh_from_db()
    assert (version.status, version.failure_code) == (Version.Status.FAILED, "truncated")


def test_audio_only_file_has_no_video_stream(media_root, tmp_path):
    audio = tmp_path / "tone.m4a"
    ffmpeg("-f", "lavfi", "-i", "sine=duration=1", str(audio))
    version = processing_version(media_root, audio.read_bytes(), "tone.mp4")

    services.version_process(version_id=version.pk)

    version.refresh_from_db()
    assert (version.status, version.failure_code) == (Version.Status.FAILED, "no_video_stream")


def test_missing_file_fails_and_other_states_are_left_alone(media_root):
    missing = VersionFactory(processing=True)
    ready = VersionFactory()

    services.version_process(version_id=missing.pk)
    services.version_process(version_id=ready.pk)

    missing.refresh_from_db()
    assert (missing.status, missing.failure_code) == (Version.Status.FAILED, "missing")
    assert Version.objects.get(pk=ready.pk).status == Version.Status.READY
    assert stream_types(version_stream(ready)) == []
