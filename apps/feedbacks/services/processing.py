"""After upload: probe with ffmpeg, make the poster, mark the version ready or failed.
Idempotent: only a version still `processing` is worked on, and the result is written under
a row lock, so a task that runs twice (acks_late redelivery) changes nothing the second time."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.projects.activity import activity_record

from .. import media, storage
from ..models import Version
from ..serializers.versions import VersionOut
from .common import member_ids, notify_member, review_url, version_streams

logger = logging.getLogger(__name__)


def version_process(*, version_id) -> Version | None:
    version = Version.objects.select_related("asset__project").filter(pk=version_id).first()
    if version is None or version.status != Version.Status.PROCESSING:
        return version
    Version.objects.filter(pk=version.pk).update(processing_attempts=F("processing_attempts") + 1)
    try:
        probe, poster = _analyse(version)
    except media.MediaError as error:
        return version_mark_failed(version=version, code=error.code, reason=error.reason)
    return version_mark_ready(version=version, probe=probe, poster=poster)


def _analyse(version: Version) -> tuple[media.Probe, bytes]:
    backing = storage.default_storage()
    name = version.file.name or ""
    try:
        size = backing.size(name) if name else 0
    except FileNotFoundError as exc:
        raise media.MediaError("missing", "The uploaded file is missing from storage.") from exc
    except Exception as exc:  # noqa: BLE001 — S3 unreachable: retry later
        raise media.TransientMediaError(str(exc)) from exc
    if size == 0:
        raise media.MediaError("empty_file", "The file is empty (0 bytes).")
    if not storage.looks_like_video(storage.read_head(name)):
        raise media.MediaError("not_a_video", "The file is not a video (its contents match no video container).")
    source = backing.path(name) if not storage.uses_s3() else backing.url(name)
    probe = media.probe(source)
    return probe, media.poster(source, duration=probe.duration)


def version_mark_ready(*, version: Version, probe: media.Probe, poster: bytes) -> Version:
    poster_name = storage.default_storage().save(
        storage.poster_key(asset_id=version.asset_id, version_id=version.pk), ContentFile(poster)
    )
    with transaction.atomic():
        version = Version.objects.select_for_update(of=("self",)).select_related("asset__project").get(pk=version.pk)
        if version.status != Version.Status.PROCESSING:  # another run finished first
            transaction.on_commit(lambda: storage.delete_quietly(poster_name))
            return version
        version.duration, version.fps, version.frame_count = probe.duration, probe.fps, probe.frame_count
        version.width, version.height = probe.width, probe.height
        version.poster.name = poster_name
        version.status, version.processed_at = Version.Status.READY, timezone.now()
        version.failure_code = version.failure_reason = ""
        version.save()
        _announce(version, "version.ready")
    return version


def version_mark_failed(*, version: Version, code: str, reason: str) -> Version:
    with transaction.atomic():
        version = Version.objects.select_for_update(of=("self",)).select_related("asset__project").get(pk=version.pk)
        if version.status != Version.Status.PROCESSING:
            return version
        version.status, version.processed_at = Version.Status.FAILED, timezone.now()
        version.failure_code, version.failure_reason = code, reason[:500]
        version.save()
        _announce(version, "version.failed")
    return version


def _announce(version: Version, verb: str) -> None:
    activity_record(
        project=version.asset.project,
        actor=None,
        verb=verb,
        target=version,
        data={"number": version.number, "failure_code": version.failure_code},
        payloads={stream: {"version": VersionOut(version).data} for stream in version_streams(version)},
    )
    uploader = version.uploaded_by
    if uploader is None or str(uploader.pk) not in member_ids(version.asset.project_id):
        return
    notify_member(
        uploader,
        key=verb,
        params={"asset": version.asset.title, "n": version.number, "reason": version.failure_code},  # its label
        url=review_url(version),
        data={
            "project_id": str(version.asset.project_id),
            "asset_id": str(version.asset_id),
            "version_id": str(version.pk),
        },
    )


def versions_requeue_stuck() -> int:
    """Beat: a version left `processing` (broker was down, worker died) is queued again; after
    PROCESSING_MAX_ATTEMPTS it fails with a reason instead of waiting forever."""
    from .versions import enqueue_processing

    cutoff = timezone.now() - timedelta(seconds=settings.PROCESSING_TIMEOUT_SECONDS * 2)
    count = 0
    for version in Version.objects.filter(status=Version.Status.PROCESSING, updated_at__lt=cutoff):
        if version.processing_attempts >= settings.PROCESSING_MAX_ATTEMPTS:
            version_mark_failed(version=version, code="processing_gave_up", reason="Processing did not finish.")
        else:
            Version.objects.filter(pk=version.pk).update(updated_at=timezone.now())
            enqueue_processing(version.pk)
        count += 1
    return count
