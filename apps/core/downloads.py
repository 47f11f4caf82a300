"""File downloads named for people: any language in the name (RFC 6266 `filename*`, UTF-8)
with an ASCII `filename` for clients that read only that."""

from urllib.parse import quote

from django.http import HttpResponse

_UNSAFE = str.maketrans({'"': "", "\\": "", "/": "-", "\r": " ", "\n": " "})


def attachment(body: bytes, *, name: str, content_type: str) -> HttpResponse:
    name = name.translate(_UNSAFE).strip() or "download"
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return response
