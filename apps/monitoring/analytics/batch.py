"""Validation of an ingestion request (ANALYTICS_API.md), cheapest checks first: the
body's type and size, then the batch (site key, visitor id, events), then each event.
A refusal is raised as `Refused` and answered by the view with the error envelope."""

import json
from dataclasses import dataclass

from django.conf import settings

from apps.core.text import unstorable_char, unstorable_message

from .ingest import ID_RE, event_validate

CONTENT_TYPES = {"application/json", "text/plain"}


class Refused(Exception):
    def __init__(
        self, status: int, code: str, message: str, details: dict | None = None, retry_after: int | None = None
    ):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details, self.retry_after = details, retry_after


@dataclass(frozen=True)
class Batch:
    key: str
    visitor: str
    events: list


def body_read(request) -> bytes:
    """The raw body of a JSON or text/plain beacon, refused before reading when too large."""
    content_type = request.content_type or ""
    if not content_type and not request.META.get("CONTENT_LENGTH"):
        raise Refused(400, "validation_error", "The body is empty.")
    if content_type not in CONTENT_TYPES:
        raise Refused(415, "unsupported_media_type", "Send application/json or text/plain.")
    limit = settings.ANALYTICS_MAX_BODY_BYTES
    too_large = Refused(413, "payload_too_large", f"The body is larger than {limit} bytes.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise too_large
    body = request.read(limit + 1)
    if len(body) > limit:
        raise too_large
    return body


def batch_parse(body: bytes) -> Batch:
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise Refused(400, "validation_error", "The body is not valid JSON.") from None
    if not isinstance(payload, dict):
        raise Refused(400, "validation_error", "The body must be a JSON object.")
    problems = {}
    key, visitor, events = payload.get("site"), payload.get("vid"), payload.get("events")
    if not isinstance(key, str) or not key:
        problems["site"] = ["The site key is required."]
    elif char := unstorable_char(key):
        problems["site"] = [unstorable_message(char)]
    if not (isinstance(visitor, str) and ID_RE.match(visitor)):
        problems["vid"] = ["A visitor id of 8–64 characters A-Z a-z 0-9 _ - is required."]
    if not isinstance(events, list) or not events:
        problems["events"] = ["A non-empty list of events is required."]
    if problems:
        raise Refused(400, "validation_error", "The batch is invalid.", details=problems)
    if len(events) > settings.ANALYTICS_MAX_EVENTS:
        raise Refused(
            400,
            "too_many_events",
            f"At most {settings.ANALYTICS_MAX_EVENTS} events per request.",
            details={"events": [f"{len(events)} events sent."]},
        )
    return Batch(key=key, visitor=visitor, events=events)


def events_split(events: list, *, now) -> tuple[list[dict], list[dict]]:
    """(the clean events, the rejected ones as {index, reasons}): one bad event does not
    cost the batch."""
    valid, rejected = [], []
    for index, raw in enumerate(events):
        size = len(json.dumps(raw, separators=(",", ":"))) if isinstance(raw, dict) else 0
        clean, reasons = event_validate(raw, now=now, encoded_size=size)
        if clean is None:
            rejected.append({"index": index, "reasons": reasons})
        else:
            valid.append(clean)
    return valid, rejected
