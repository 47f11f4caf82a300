"""Large files: presigned multipart uploads (S3, or the local stand-in in embedded mode).

start → the browser PUTs each part to its URL and keeps the ETag → complete with the ETags
(checked against what storage lists) → the version arrives. abort, or the sweeper after
UPLOAD_STALE_HOURS, throws an unfinished upload away. Storage is called outside database
transactions; a failure on either side leaves nothing behind that the other refers to."""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.errors import Conflict, DomainError

from .. import storage
from ..models import Asset, Upload, Version
from .versions import FileTooLarge, NotAVideo, next_number, resolve_content_type, version_arrived

logger = logging.getLogger(__name__)

MAX_URLS_PER_CALL = 100


class UploadNotYours(DomainError):
    code = "upload_not_yours"
    status_code = 403
    message = "Only the person who started this upload can finish it."


class UploadNotPending(Conflict):
    code = "upload_not_pending"

    def __init__(self, state: str):
        super().__init__(f"This upload is already {state}.", details={"state": state})


class PartsInvalid(DomainError):
    code = "invalid_parts"


class UploadTooLarge(DomainError):
    code = "payload_too_large"
    status_code = 413
    message = "The uploaded parts add up to more than the declared size."


def upload_start(*, asset: Asset, actor, name: str, size: int, content_type: str, head: bytes) -> Upload:
    """`head`: the file's first min(size, SNIFF_BYTES) bytes, sent by the client so a file that
    is not a video is refused before any part is sent (complete checks the stored object again)."""
    if size > settings.UPLOAD_MAX_BYTES:
        raise FileTooLarge(settings.UPLOAD_MAX_BYTES)
    content_type = resolve_content_type(content_type, name)
    if len(head) != min(size, storage.SNIFF_BYTES):
        raise ValidationError({"head": [f"Send the first {min(size, storage.SNIFF_BYTES)} bytes of the file."]})
    if not storage.looks_like_video(head):
        raise NotAVideo()
    part_size, part_count = storage.plan_parts(size)
    backend = storage.upload_backend()
    version_id = uuid.uuid4()
    key = storage.version_key(asset_id=asset.pk, version_id=version_id, original_name=name)
    upload_id = backend.start(key=key, content_type=content_type)
    try:
        with transaction.atomic():
            version = Version.objects.create(
                id=version_id,
                asset=asset,
                number=next_number(asset),
                original_name=name[:255],
                size=size,
                content_type=content_type,
                status=Version.Status.UPLOADING,
                uploaded_by=actor,
            )
            return Upload.objects.create(
                asset=asset,
                version=version,
                created_by=actor,
                backend=backend.name,
                key=key,
                upload_id=upload_id,
                original_name=name[:255],
                content_type=content_type,
                size=size,
                part_size=part_size,
                part_count=part_count,
            )
    except BaseException:
        _abort_quietly(backend, key=key, upload_id=upload_id)
        raise


def upload_part_urls(*, upload: Upload, numbers: list[int], request=None) -> list[dict]:
    """Presigned URLs for the given part numbers (at most 100 per call; each valid for
    UPLOAD_URL_EXPIRY_SECONDS), with the exact byte size each part must have."""
    _require_pending(upload)
    bad = [n for n in numbers if not 1 <= n <= upload.part_count]
    if bad:
        raise ValidationError({"numbers": [f"Part numbers run from 1 to {upload.part_count}."]})
    backend = storage.backend_for(upload.backend)
    return [
        {
            "number": n,
            "url": backend.part_url(upload, n, request=request),
            "size": storage.expected_part_size(
                size=upload.size, part_size=upload.part_size, part_count=upload.part_count, number=n
            ),
        }
        for n in sorted(set(numbers))
    ]


def upload_parts_listed(*, upload: Upload) -> list[storage.Part]:
    """What storage holds of a pending upload (to resume after a reload)."""
    if upload.state != Upload.State.PENDING:
        return []
    return storage.backend_for(upload.backend).list_parts(upload)


def upload_part_write(*, upload: Upload, number: int, stream) -> storage.Part:
    """The embedded mode's stand-in for S3's UploadPart: streams one part to disk."""
    _require_pending(upload)
    if upload.backend != storage.LocalUploads.name or not 1 <= number <= upload.part_count:
        raise storage.UploadGone()
    limit = storage.expected_part_size(
        size=upload.size, part_size=upload.part_size, part_count=upload.part_count, number=number
    )
    return storage.LocalUploads().write_part(upload, number, stream, limit=limit)


def upload_complete(*, upload: Upload, actor, parts: list[dict]) -> Version:
    """`parts`: [{"number", "etag"}] for every part, in ascending order. They must match what
    storage lists (numbers, ETags) and add up to exactly the declared size."""
    if upload.created_by_id != actor.pk:
        raise UploadNotYours()
    _require_pending(upload)
    numbers = [part["number"] for part in parts]
    if any(later <= earlier for earlier, later in zip(numbers, numbers[1:], strict=False)):
        raise PartsInvalid("List the parts in ascending order, each once.", details={"parts": ["out_of_order"]})
    expected = list(range(1, upload.part_count + 1))
    if numbers != expected:
        missing = sorted(set(expected) - set(numbers))
        raise PartsInvalid(
            f"This upload has {upload.part_count} parts; send all of them.",
            details={
                "parts": ["incomplete"],
                "missing": missing[:100],
                "unknown": sorted(set(numbers) - set(expected)),
            },
        )
    backend = storage.backend_for(upload.backend)
    try:
        etag, total = _assemble(upload, backend, parts)
    except storage.UploadGone:
        # Storage finished this upload on an earlier try whose answer never reached us
        # (timeout, crash): the object is there, the parts are not. Finish the bookkeeping.
        stored = backend.stat(upload.key)
        if stored is None or stored[0] != upload.size:
            raise
        etag, total = stored[1], stored[0]
    if not storage.looks_like_video(storage.read_head(upload.key)):
        _discard(upload, reason="not a video")
        storage.delete_quietly(upload.key)
        raise NotAVideo()

    with transaction.atomic():
        upload = Upload.objects.select_for_update().get(pk=upload.pk)
        _require_pending(upload)
        assert upload.version_id is not None  # a pending upload keeps its version (only a discard unlinks it)
        upload.state, upload.completed_at = Upload.State.COMPLETED, timezone.now()
        upload.save(update_fields=["state", "completed_at", "updated_at"])
        version = (
            Version.objects.select_for_update(of=("self",)).select_related("asset__project").get(pk=upload.version_id)
        )
        version.file.name = upload.key
        version.size = total
        version.checksum = f"s3-etag:{etag}"
        version.status = Version.Status.PROCESSING
        version.save()
        version_arrived(version=version, actor=actor)
    return version


def _assemble(upload: Upload, backend, parts: list[dict]) -> tuple[str, int]:
    """Checks the client's part list against what storage lists, then has storage join the
    parts. Returns (ETag of the whole, size)."""
    numbers = [part["number"] for part in parts]
    listed = {part.number: part for part in backend.list_parts(upload)}
    if sum(part.size for part in listed.values()) > upload.size or set(listed) - set(numbers):
        raise UploadTooLarge()
    not_uploaded = [n for n in numbers if n not in listed]
    if not_uploaded:
        raise PartsInvalid(
            "Some parts have not been uploaded.", details={"parts": ["not_uploaded"], "missing": not_uploaded[:100]}
        )
    wrong = [p["number"] for p in parts if storage.normalise_etag(p["etag"]) != listed[p["number"]].etag]
    if wrong:
        raise PartsInvalid(
            "Some ETags do not match the uploaded parts.", details={"parts": ["etag_mismatch"], "wrong": wrong[:100]}
        )
    total = sum(listed[n].size for n in numbers)
    if total != upload.size:
        raise PartsInvalid(
            f"The parts add up to {total} bytes, not the declared {upload.size}.",
            details={"parts": ["size_mismatch"], "size": total},
        )
    return backend.complete(upload, [listed[n] for n in numbers]), total


def upload_abort(*, upload: Upload, actor=None) -> None:
    if upload.state == Upload.State.ABORTED:
        return
    _require_pending(upload)
    _abort_quietly(storage.backend_for(upload.backend), key=upload.key, upload_id=upload.upload_id, upload=upload)
    _discard(upload, reason="aborted")


def uploads_abort_stale() -> int:
    """Beat: uploads still pending after UPLOAD_STALE_HOURS are aborted."""
    cutoff = timezone.now() - timedelta(hours=settings.UPLOAD_STALE_HOURS)
    count = 0
    for upload in Upload.objects.filter(state=Upload.State.PENDING, created_at__lt=cutoff):
        try:
            upload_abort(upload=upload)
            count += 1
        except Exception:  # noqa: BLE001 — one stuck upload must not stop the sweep
            logger.warning("Could not abort stale upload %s", upload.pk, exc_info=True)
    return count


def _require_pending(upload: Upload) -> None:
    if upload.state != Upload.State.PENDING:
        raise UploadNotPending(upload.state)


@transaction.atomic
def _discard(upload: Upload, *, reason: str) -> None:
    """The upload ends without a version: the waiting version row goes (it was never shown
    to anyone but its uploader), the upload row stays as a record."""
    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    _require_pending(upload)
    version_id = upload.version_id
    upload.state, upload.aborted_at, upload.version = Upload.State.ABORTED, timezone.now(), None
    upload.save(update_fields=["state", "aborted_at", "version", "updated_at"])
    if version_id is not None:
        Version.objects.filter(pk=version_id, status=Version.Status.UPLOADING).delete()
    logger.info("Upload %s discarded (%s)", upload.pk, reason)


def _abort_quietly(backend, *, key: str, upload_id: str, upload: Upload | None = None) -> None:
    target = upload or Upload(key=key, upload_id=upload_id)
    try:
        backend.abort(target)
    except Exception:  # noqa: BLE001 — the bucket lifecycle rule aborts what we could not
        logger.warning("Could not abort multipart upload %s", upload_id, exc_info=True)
