"""OpenAPI for the tracker's ingestion route. It is a plain Django view (it reads the raw body
itself, for the size limit and sendBeacon's text/plain), so DRF cannot describe it; this
drf-spectacular postprocessing hook adds it to the schema, so the contract, the client types
and the authorization matrix all see it. The contract in prose: ANALYTICS_API.md."""

from django.conf import settings

from .ingest import UTM_KEYS, VITALS
from .models import EventType

PATH = "/api/v1/monitoring/events/"
ID_PATTERN = "^[A-Za-z0-9_-]{8,64}$"


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}},
    }


def _batch_schema() -> dict:
    event = {
        "type": "object",
        "description": "One tracker event. Unknown keys are ignored; an invalid event is reported in "
        "`rejected` and the rest of the batch is still stored.",
        "required": ["type", "ts", "sid", "path"],
        "properties": {
            "type": {"type": "string", "enum": list(EventType.values)},
            "ts": {"type": "number", "description": "Epoch milliseconds; at most 24 h old, 5 min ahead."},
            "sid": {"type": "string", "pattern": ID_PATTERN, "description": "Session id."},
            "path": {"type": "string", "maxLength": 500, "description": "Pathname, starting with /."},
            "label": {"type": "string", "maxLength": 200, "description": "click: what was clicked."},
            "name": {
                "type": "string",
                "maxLength": 100,
                "description": f"conversion: its name; vital: one of {', '.join(VITALS)}.",
            },
            "value": {"type": "number", "description": "conversion: optional amount; vital: the measurement."},
            "ref": {"type": "string", "maxLength": 1000, "description": "page_view: the referrer URL."},
            "utm": {
                "type": "object",
                "properties": {key: {"type": "string", "maxLength": 200} for key in UTM_KEYS},
                "additionalProperties": False,
            },
        },
    }
    return {
        "type": "object",
        "required": ["site", "vid", "events"],
        "properties": {
            "site": {"type": "string", "description": "The site's public key (data-site in the snippet)."},
            "vid": {"type": "string", "pattern": ID_PATTERN, "description": "Anonymous visitor id."},
            "events": {"type": "array", "minItems": 1, "maxItems": settings.ANALYTICS_MAX_EVENTS, "items": event},
        },
    }


def _accepted_schema() -> dict:
    reason = {
        "type": "object",
        "required": ["field", "code", "message"],
        "properties": {"field": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}},
    }
    rejected = {
        "type": "object",
        "required": ["index", "reasons"],
        "properties": {"index": {"type": "integer"}, "reasons": {"type": "array", "items": reason}},
    }
    return {
        "type": "object",
        "required": ["accepted", "rejected"],
        "properties": {
            "accepted": {"type": "integer", "description": "Events stored."},
            "rejected": {"type": "array", "items": rejected, "description": "Invalid events, by index, with why."},
        },
    }


def _operation() -> dict:
    return {
        "operationId": "monitoring_events_create",
        "summary": "Ingest a batch of tracker events",
        "description": "Called by /static/vp-tracker.js, without credentials: the site key and the "
        "request's `Origin` (one of the site's allowed origins) admit the batch. The body may also "
        "be sent as text/plain (navigator.sendBeacon); `POST /api/v1/monitoring/events` without the "
        f"slash is the same view. At most {settings.ANALYTICS_MAX_BODY_BYTES} bytes and "
        f"{settings.ANALYTICS_MAX_EVENTS} events; rate limited per address and per site.",
        "tags": ["monitoring"],
        "security": [{}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": _batch_schema()}}},
        "responses": {
            "202": {
                "description": "The batch was read; valid events are stored.",
                "content": {"application/json": {"schema": _accepted_schema()}},
            },
            "400": _error("Not JSON, a missing field, too many events, or an unknown site key."),
            "403": _error("The Origin is not one of the site's allowed origins (`origin_not_allowed`)."),
            "413": _error("The body is too large (`payload_too_large`)."),
            "415": _error("Neither application/json nor text/plain (`unsupported_media_type`)."),
            "429": _error("Too many requests from this address or for this site (`throttled`)."),
        },
    }


def add_ingestion_path(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: the ingestion route beside the DRF-generated paths."""
    result.setdefault("paths", {})[PATH] = {"post": _operation()}
    result["paths"] = dict(sorted(result["paths"].items()))
    return result
