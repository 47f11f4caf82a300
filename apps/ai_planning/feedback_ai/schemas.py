"""Limits of feedback AI and the JSON schemas its answers must match."""

import datetime

from apps.feedbacks.models import TRIAGE_CATEGORIES, TRIAGE_PRIORITIES

BATCH_SIZE = 10
MAX_WAIT = datetime.timedelta(seconds=30)
DIGEST_MAX_COMMENTS = 300
# Rough answer sizes for the estimate made before a job runs.
_TRIAGE_TOKENS_PER_COMMENT = 40
_DIGEST_TOKENS_PER_COMMENT = 60


def _obj(properties: dict) -> dict:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


_ID = {"type": "string", "minLength": 1, "maxLength": 64}
TRIAGE_SCHEMA = _obj(
    {
        "items": {
            "type": "array",
            "minItems": 1,
            "maxItems": BATCH_SIZE * 2,
            "items": _obj(
                {
                    "id": _ID,
                    "category": {"type": "string", "enum": list(TRIAGE_CATEGORIES)},
                    "priority": {"type": "string", "enum": list(TRIAGE_PRIORITIES)},
                    "actionable": {"type": "boolean"},
                }
            ),
        }
    }
)
DIGEST_SCHEMA = _obj(
    {
        "overview": {"type": "string", "minLength": 1, "maxLength": 2000},
        "groups": {
            "type": "array",
            "maxItems": len(TRIAGE_CATEGORIES) * 2,
            "items": _obj(
                {
                    "category": {"type": "string", "enum": list(TRIAGE_CATEGORIES)},
                    "points": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 30,
                        "items": _obj(
                            {
                                "text": {"type": "string", "minLength": 1, "maxLength": 1000},
                                "feedback_ids": {"type": "array", "minItems": 1, "maxItems": 100, "items": _ID},
                            }
                        ),
                    },
                }
            ),
        },
    }
)
