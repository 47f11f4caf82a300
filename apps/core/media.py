"""Uploaded files in embedded mode (no S3 bucket): stored under MEDIA_ROOT and handed out only
as signed, expiring URLs — the contract of S3 presigned GETs.

`SignedFileSystemStorage.url(name)` is what every serializer already calls (`file_url`,
`poster_url`, avatars), so a URL is issued exactly where the S3 path issues a presigned one:
to whoever the API lets read the object (a project member, a live share link). The URL names
the file and an expiry time and carries an HMAC of both (django.core.signing, keyed by the
SECRET_KEY); `serve_media` answers it until then with HTTP Range (browsers seek in `<video>`
with Range requests), and refuses an unsigned, altered or expired URL with 403 like S3 does.
A revoked link or a removed member gets no new URL; one already issued works until it
expires, as on S3."""

import math
import mimetypes
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils._os import safe_join
from django.utils.crypto import constant_time_compare
from django.utils.encoding import filepath_to_uri
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

_SIGNER = signing.Signer(salt="core.media")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 256 * 1024


def _signature(path: str, expires: int) -> str:
    return _SIGNER.signature(f"{path}\n{expires}")


def _expiry(now: float) -> int:
    """At least MEDIA_URL_EXPIRY_SECONDS from now, rounded up to a sixth of it: URLs issued
    within the same few minutes are identical, so browsers reuse a cached poster and a
    refetched version does not reload the video element."""
    ttl = settings.MEDIA_URL_EXPIRY_SECONDS
    step = max(1, ttl // 6)
    return math.ceil((now + ttl) / step) * step


def signed_query(path: str, *, now: float | None = None) -> str:
    expires = _expiry(time.time() if now is None else now)
    return urlencode({"expires": expires, "signature": _signature(path, expires)})


def signature_state(path: str, expires: str | None, signature: str | None) -> str:
    """ "ok", "expired" or "invalid". The signature is checked first, so an altered expiry is
    "invalid", never "expired"."""
    try:
        expires_at = int(expires or "")
    except ValueError:
        return "invalid"
    if not constant_time_compare(_signature(path, expires_at), signature or ""):
        return "invalid"
    return "ok" if expires_at >= time.time() else "expired"


class SignedFileSystemStorage(FileSystemStorage):
    """Local storage whose `url()` is a signed, expiring URL of `serve_media`."""

    def url(self, name):
        url = super().url(name)
        return f"{url}?{signed_query(_served_path(name))}"


def _served_path(name: str) -> str:
    """The `path` the view will receive for this stored name (what the URL decodes to)."""
    return unquote(filepath_to_uri(name).lstrip("/"))


# --- the view -------------------------------------------------------------------------------


def _chunks(path: Path, start: int, length: int):
    with path.open("rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            data = handle.read(min(_CHUNK, remaining))
            if not data:
                return
            remaining -= len(data)
            yield data


def _refused(state: str) -> HttpResponse:
    reason = "This media URL has expired." if state == "expired" else "This media URL is not signed or was altered."
    return HttpResponse(reason, status=403, content_type="text/plain; charset=utf-8")


def _range_applies(request, etag: str, mtime: float) -> bool:
    """If-Range: the range is for this exact file (its ETag, or its Last-Modified date);
    otherwise the whole file is sent (RFC 9110 §13.1.5)."""
    condition = request.headers.get("If-Range", "").strip()
    if not condition:
        return True
    if condition.startswith(('"', "W/")):
        return condition == etag  # strong comparison; a weak tag never matches
    date = parse_http_date_safe(condition)
    return date is not None and date == int(mtime)


@require_safe
def serve_media(request, path: str):
    if settings.AWS_STORAGE_BUCKET_NAME:
        raise Http404()  # files live in the bucket: nothing under MEDIA_ROOT is handed out
    state = signature_state(path, request.GET.get("expires"), request.GET.get("signature"))
    if state != "ok":
        return _refused(state)
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, path))
    except (ValueError, SuspiciousFileOperation) as exc:  # a path that climbs out of MEDIA_ROOT
        raise Http404() from exc
    if not full.is_file():
        raise Http404()
    stat = full.stat()
    size = stat.st_size
    etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
    validators = {"ETag": etag, "Last-Modified": http_date(stat.st_mtime)}
    if_none_match = request.headers.get("If-None-Match")
    not_modified = (
        etag in [tag.strip() for tag in if_none_match.split(",")]
        if if_none_match
        else (parse_http_date_safe(request.headers.get("If-Modified-Since", "")) or -1) >= int(stat.st_mtime)
    )
    if not_modified:
        response = HttpResponseNotModified()
        for header, value in validators.items():
            response[header] = value
        return response
    content_type = mimetypes.guess_type(str(full))[0] or "application/octet-stream"

    match = _RANGE.match(request.headers.get("Range", "").strip())
    if match and (match.group(1) or match.group(2)) and _range_applies(request, etag, stat.st_mtime):
        first, last = match.group(1), match.group(2)
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:  # a suffix: the last N bytes
            start, end = max(0, size - int(last)), size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        length = end - start + 1
        response = StreamingHttpResponse(_chunks(full, start, length), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    else:
        response = FileResponse(full.open("rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    for header, value in validators.items():
        response[header] = value
    response["Accept-Ranges"] = "bytes"
    # Cached by this browser only, and no longer than the URL is valid.
    remaining = max(0, int(request.GET["expires"]) - int(time.time()))
    response["Cache-Control"] = f"private, max-age={remaining}"
    # The web app on another origin draws posters and plays video from here.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def media_prefix() -> str:
    return settings.MEDIA_URL.lstrip("/")
