"""Where version files live and how a multipart upload reaches them.

Two backends with one interface, chosen by the configured default storage:
- `S3Uploads`: S3 multipart with presigned part URLs; the browser PUTs parts straight to the
  bucket, so video bytes never pass through Django.
- `LocalUploads` (embedded mode, no bucket): the part URLs are signed URLs of a Django
  endpoint that streams each part to disk; `complete` joins them under MEDIA_ROOT.
Both return S3-style ETags (quoted MD5 of each part) so the browser code is the same."""

import hashlib
import logging
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.storage import storages
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import get_valid_filename

from apps.core.errors import Conflict, DomainError, ServiceUnavailable

logger = logging.getLogger(__name__)

MIB = 1024 * 1024
MIN_PART_SIZE = 8 * MIB
MAX_PARTS = 10_000
SNIFF_BYTES = 512


class StorageUnavailable(ServiceUnavailable):
    code = "storage_unavailable"
    message = "File storage is unavailable. Try again shortly."


class UploadGone(Conflict):
    code = "upload_gone"
    message = "The storage no longer knows this upload. Start a new one."


class PartRejected(DomainError):
    code = "invalid_parts"
    message = "The storage refused the listed parts."


@dataclass(frozen=True)
class Part:
    number: int
    size: int
    etag: str  # quoted, as S3 returns it


def normalise_etag(value: str) -> str:
    value = (value or "").strip()
    if value.startswith("W/"):
        value = value[2:]
    return '"' + value.strip('"') + '"'


def default_storage():
    return storages["default"]


def uses_s3() -> bool:
    from storages.backends.s3 import S3Storage

    return isinstance(default_storage(), S3Storage)


def upload_backend():
    return S3Uploads() if uses_s3() else LocalUploads()


def backend_for(name: str):
    return S3Uploads() if name == S3Uploads.name else LocalUploads()


def version_key(*, asset_id, version_id, original_name: str) -> str:
    name = get_valid_filename(Path(original_name).name)[-120:] or "video"
    return f"versions/{asset_id}/{version_id}/{name}"


def poster_key(*, asset_id, version_id) -> str:
    return f"posters/{asset_id}/{version_id}.jpg"


def plan_parts(size: int) -> tuple[int, int]:
    """(part size, part count): at least the configured part size (≥ 8 MiB), larger when the
    file would need more than 10 000 parts, in whole MiB."""
    part_size = max(settings.UPLOAD_PART_SIZE, MIN_PART_SIZE, -(-size // MAX_PARTS))
    part_size = -(-part_size // MIB) * MIB
    return part_size, max(1, -(-size // part_size))


def expected_part_size(*, size: int, part_size: int, part_count: int, number: int) -> int:
    return part_size if number < part_count else size - part_size * (part_count - 1)


def read_head(name: str, nbytes: int = SNIFF_BYTES) -> bytes:
    """The first bytes of a stored file (a ranged GET on S3)."""
    storage = default_storage()
    if uses_s3():
        try:
            response = storage.connection.meta.client.get_object(
                Bucket=storage.bucket_name, Key=_s3_key(storage, name), Range=f"bytes=0-{nbytes - 1}"
            )
            return response["Body"].read()
        except Exception as exc:  # noqa: BLE001
            raise StorageUnavailable() from exc
    with storage.open(name, "rb") as handle:
        return handle.read(nbytes)


def delete_quietly(*names: str) -> None:
    storage = default_storage()
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except Exception:  # noqa: BLE001 — cleanup is best effort; lifecycle rules catch the rest
            logger.warning("Could not delete %s from storage", name, exc_info=True)


def _s3_key(storage, name: str) -> str:
    from storages.utils import clean_name

    return storage._normalize_name(clean_name(name))


def looks_like_video(head: bytes) -> bool:
    """Container signatures of the video formats we accept. A cheap early 415 for files that
    are plainly not video; ffmpeg decides for the rest."""
    if len(head) >= 12 and head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"):
        return True  # ISO BMFF (mp4, m4v, 3gp) and QuickTime
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return True  # Matroska, WebM
    if head.startswith(b"RIFF") and head[8:12] in (b"AVI ", b"AVIX"):
        return True
    if head.startswith((b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3")):
        return True  # MPEG program / elementary stream
    if len(head) >= 189 and head[0] == 0x47 and head[188] == 0x47:
        return True  # MPEG transport stream
    return head.startswith((b"OggS", b"FLV\x01", b"\x06\x0e\x2b\x34", b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"))


# --- S3 -------------------------------------------------------------------------------------


class S3Uploads:
    name = "s3"

    def __init__(self):
        self.storage = default_storage()
        self.client = self.storage.connection.meta.client
        self.bucket = self.storage.bucket_name

    def _call(self, method: str, **params):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, method)(Bucket=self.bucket, **params)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in ("NoSuchUpload", "404"):
                raise UploadGone() from exc
            if code in ("InvalidPart", "InvalidPartOrder", "EntityTooSmall"):
                raise PartRejected(details={"parts": [code]}) from exc
            logger.warning("S3 %s failed: %s", method, code)
            raise StorageUnavailable() from exc
        except BotoCoreError as exc:
            logger.warning("S3 %s failed: %s", method, exc)
            raise StorageUnavailable() from exc

    def start(self, *, key: str, content_type: str) -> str:
        response = self._call("create_multipart_upload", Key=_s3_key(self.storage, key), ContentType=content_type)
        return response["UploadId"]

    def part_url(self, upload, number: int, request=None) -> str:
        return self.client.generate_presigned_url(
            "upload_part",
            Params={
                "Bucket": self.bucket,
                "Key": _s3_key(self.storage, upload.key),
                "UploadId": upload.upload_id,
                "PartNumber": number,
            },
            ExpiresIn=settings.UPLOAD_URL_EXPIRY_SECONDS,
        )

    def list_parts(self, upload) -> list[Part]:
        parts, marker = [], 0
        while True:
            response = self._call(
                "list_parts",
                Key=_s3_key(self.storage, upload.key),
                UploadId=upload.upload_id,
                PartNumberMarker=marker,
                MaxParts=1000,
            )
            parts += [Part(p["PartNumber"], p["Size"], normalise_etag(p["ETag"])) for p in response.get("Parts", [])]
            if not response.get("IsTruncated"):
                return parts
            marker = response["NextPartNumberMarker"]

    def complete(self, upload, parts: list[Part]) -> str:
        response = self._call(
            "complete_multipart_upload",
            Key=_s3_key(self.storage, upload.key),
            UploadId=upload.upload_id,
            MultipartUpload={"Parts": [{"PartNumber": p.number, "ETag": p.etag} for p in parts]},
        )
        return response.get("ETag", "").strip('"')

    def abort(self, upload) -> None:
        try:
            self._call("abort_multipart_upload", Key=_s3_key(self.storage, upload.key), UploadId=upload.upload_id)
        except UploadGone:
            pass

    def stat(self, key: str) -> tuple[int, str] | None:
        """(size, ETag) of a stored object, None when there is none."""
        try:
            head = self._call("head_object", Key=_s3_key(self.storage, key))
        except UploadGone:
            return None
        return head["ContentLength"], head.get("ETag", "").strip('"')


# --- local (embedded mode) ----------------------------------------------------------------


def _part_signature(upload_pk, number: int, expires: int) -> str:
    return salted_hmac("feedbacks.upload-part", f"{upload_pk}:{number}:{expires}").hexdigest()


def part_signature_valid(upload_pk, number: int, expires: str, signature: str) -> bool:
    try:
        expires_at = int(expires)
    except (TypeError, ValueError):
        return False
    return expires_at >= time.time() and constant_time_compare(
        _part_signature(upload_pk, number, expires_at), signature or ""
    )


class LocalUploads:
    name = "local"
    CHUNK = MIB

    def __init__(self):
        self.storage = default_storage()
        self.root = Path(settings.MEDIA_ROOT) / ".multipart"

    def _dir(self, upload) -> Path:
        return self.root / uuid.UUID(upload.upload_id).hex  # validated: never a path

    def start(self, *, key: str, content_type: str) -> str:
        upload_id = uuid.uuid4().hex
        (self.root / upload_id).mkdir(parents=True, exist_ok=True)
        return upload_id

    def part_url(self, upload, number: int, request=None) -> str:
        expires = int(time.time()) + settings.UPLOAD_URL_EXPIRY_SECONDS
        path = reverse("upload-part-put", kwargs={"upload_id": upload.pk, "number": number})
        query = urlencode({"expires": expires, "signature": _part_signature(upload.pk, number, expires)})
        url = f"{path}?{query}"
        return request.build_absolute_uri(url) if request is not None else url

    def write_part(self, upload, number: int, stream, *, limit: int) -> Part:
        """Streams a part to disk in chunks; refuses (and keeps nothing of) a part over `limit`."""
        folder = self._dir(upload)
        if not folder.is_dir():
            raise UploadGone()
        temporary = folder / f"{number}.{uuid.uuid4().hex}.tmp"
        digest, size = hashlib.md5(usedforsecurity=False), 0
        try:
            with temporary.open("wb") as handle:
                while chunk := stream.read(self.CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise PartTooLarge(limit)
                    digest.update(chunk)
                    handle.write(chunk)
            etag = f'"{digest.hexdigest()}"'
            (folder / f"{number}.etag").write_text(f"{etag} {size}")
            temporary.replace(folder / f"{number}.part")
        finally:
            temporary.unlink(missing_ok=True)
        return Part(number, size, etag)

    def list_parts(self, upload) -> list[Part]:
        folder = self._dir(upload)
        if not folder.is_dir():
            raise UploadGone()
        parts = []
        for meta in folder.glob("*.etag"):
            etag, size = meta.read_text().split()
            if (folder / f"{meta.stem}.part").exists():
                parts.append(Part(int(meta.stem), int(size), etag))
        return sorted(parts, key=lambda part: part.number)

    def complete(self, upload, parts: list[Part]) -> str:
        folder = self._dir(upload)
        target = Path(self.storage.path(upload.key))
        target.parent.mkdir(parents=True, exist_ok=True)
        combined = hashlib.md5(usedforsecurity=False)
        with target.open("wb") as out:
            for part in parts:
                combined.update(bytes.fromhex(part.etag.strip('"')))
                with (folder / f"{part.number}.part").open("rb") as source:
                    shutil.copyfileobj(source, out, self.CHUNK)
        shutil.rmtree(folder, ignore_errors=True)
        return f"{combined.hexdigest()}-{len(parts)}"

    def abort(self, upload) -> None:
        shutil.rmtree(self._dir(upload), ignore_errors=True)

    def stat(self, key: str) -> tuple[int, str] | None:
        path = Path(self.storage.path(key))
        return (path.stat().st_size, "") if path.is_file() else None


class PartTooLarge(DomainError):
    code = "payload_too_large"
    status_code = 413

    def __init__(self, limit: int):
        super().__init__(f"This part is larger than its declared size ({limit} bytes).", details={"limit": limit})
