"""What a plan is (JSON schemas) and how it is asked for, one section at a time.

Pure functions: no database, no network. `services` runs the steps, `ai_client` makes the
calls, and the prompt of each step is in `prompts.py`."""

import datetime
import json
import uuid

import jsonschema

SHOT_SIZES = [
    "extreme_wide",
    "wide",
    "full",
    "medium_wide",
    "medium",
    "medium_close_up",
    "close_up",
    "extreme_close_up",
    "over_the_shoulder",
    "pov",
    "insert",
    "aerial",
]
CAMERA_MOVEMENTS = [
    "static",
    "pan",
    "tilt",
    "dolly",
    "truck",
    "pedestal",
    "zoom",
    "handheld",
    "steadicam",
    "crane",
    "drone",
    "tracking",
]
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _obj(properties: dict) -> dict:
    """Strict structured-output objects: every property required, nothing else allowed."""
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _text(max_length: int) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": max_length}


def _list(item: dict, max_items: int, min_items: int = 1) -> dict:
    return {"type": "array", "items": item, "minItems": min_items, "maxItems": max_items}


SECTION = _obj({"title": _text(200), "purpose": _text(1000), "duration_seconds": {"type": "integer", "minimum": 1}})
SCENE = _obj(
    {
        "number": {"type": "integer", "minimum": 1},
        "section": _text(200),
        "heading": _text(300),
        "location": _text(300),
        "time_of_day": _text(50),
        "description": _text(2000),
        "duration_seconds": {"type": "integer", "minimum": 1},
    }
)
SHOT = _obj(
    {
        "number": {"type": "integer", "minimum": 1},
        "scene": {"type": "integer", "minimum": 1},
        "shot_size": {"type": "string", "enum": SHOT_SIZES},
        "camera_movement": {"type": "string", "enum": CAMERA_MOVEMENTS},
        "description": _text(2000),
        "audio": {"type": "string", "maxLength": 2000},
        "duration_seconds": {"type": "number", "exclusiveMinimum": 0},
        "location": {"type": "string", "maxLength": 300},
        "props": _list({"type": "string", "maxLength": 200}, 50, min_items=0),
    }
)
FRAME = _obj(
    {
        "shot": {"type": "integer", "minimum": 1},
        "description": _text(2000),
        "image_query": _text(200),
    }
)
# Only web links (never javascript: or data:), or empty.
_URL = {"type": "string", "maxLength": 2000, "pattern": "^(https?://\\S+)?$"}
IMAGE = _obj(
    {
        "url": _URL,
        "thumbnail_url": _URL,
        "source_url": _URL,
        "author": {"type": "string", "maxLength": 300},
        "author_url": _URL,
        "license": {"type": "string", "maxLength": 300},
        "provider": {"type": "string", "maxLength": 50},
    }
)
SCHEDULE_ITEM = _obj(
    {
        "phase": _text(200),
        "start": {"type": "string", "pattern": DATE_PATTERN},
        "end": {"type": "string", "pattern": DATE_PATTERN},
        "tasks": _list(_text(300), 30, min_items=0),
    }
)

# Steps in the order they are generated; each is one AI call and one named, regenerable section.
STEP_SCHEMAS: dict[str, dict] = {
    "overview": _obj({"logline": _text(300), "synopsis": _text(3000)}),
    "sections": _obj({"sections": _list(SECTION, 20)}),
    "scenes": _obj({"scenes": _list(SCENE, 60)}),
    "shots": _obj({"shots": _list(SHOT, 200)}),
    "storyboard": _obj({"frames": _list(FRAME, 200)}),
    "schedule": _obj({"schedule": _list(SCHEDULE_ITEM, 20)}),
}
STEPS = list(STEP_SCHEMAS)
SECTIONS = STEPS  # the names `regenerate` accepts

_STORED_FRAME = _obj({**FRAME["properties"], "images": _list(IMAGE, 3, min_items=0)})
# A stored shot may carry its id (the server gives one to every shot, see `with_shot_ids`; an
# edit may add shots without one). The model never sees or writes ids.
_UUID = {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"}
_STORED_SHOT = {**SHOT, "properties": {**SHOT["properties"], "id": _UUID}}
PLAN_SCHEMA = _obj(
    {
        "logline": _text(300),
        "synopsis": _text(3000),
        "sections": _list(SECTION, 20),
        "scenes": _list(SCENE, 60),
        "shots": _list(_STORED_SHOT, 200),
        "storyboard": _list(_STORED_FRAME, 200, min_items=0),
        "schedule": _list(SCHEDULE_ITEM, 20, min_items=0),
    }
)
# Written by the server after the image search ({provider, status, error}); optional on edits.
PLAN_SCHEMA["properties"]["images_status"] = {"type": "object"}

# Rough size of each step's answer, for the cost estimate before a job runs.
_COMPLETION_TOKENS = {
    "overview": 400,
    "sections": 500,
    "scenes": 1500,
    "shots": 3000,
    "storyboard": 1500,
    "schedule": 600,
}


def brief_context(brief, *, phases: list[dict], deadline: datetime.date | None, today: datetime.date) -> dict:
    return {
        "title": brief.title,
        "description": brief.description,
        "video_type": brief.video_type,
        "target_duration_seconds": brief.target_duration_seconds,
        "audience": brief.audience,
        "tone": brief.tone,
        "platform": brief.platform,
        "project_phases": phases,
        "deadline": deadline.isoformat() if deadline else None,
        "today": today.isoformat(),
    }


def check_for(step: str, *, deadline: datetime.date | None):
    """Rules the schema cannot express; a violation is sent back to the model once."""
    if step != "schedule":
        return None

    def check(data: dict) -> list[str]:
        problems = []
        for index, item in enumerate(data["schedule"]):
            try:
                start = datetime.date.fromisoformat(item["start"])
                end = datetime.date.fromisoformat(item["end"])
            except ValueError:
                problems.append(f"schedule/{index}: start and end must be real dates.")
                continue
            if end < start:
                problems.append(f"schedule/{index}: end is before start.")
            if deadline and end > deadline:
                problems.append(f"schedule/{index}: ends after the deadline {deadline.isoformat()}.")
        return problems

    return check


def apply_step(step: str, data: dict, *, target_seconds: int) -> dict:
    """The part of the plan a step's answer fills."""
    if step == "overview":
        return {"logline": data["logline"], "synopsis": data["synopsis"]}
    if step == "sections":
        return {"sections": fit_durations(data["sections"], target_seconds)}
    if step == "storyboard":
        return {"storyboard": [{**frame, "images": []} for frame in data["frames"]]}
    return {step: data[step]}


def fit_durations(sections: list[dict], target_seconds: int) -> list[dict]:
    """Scale section durations so they add up exactly to the target (models are bad at sums)."""
    total = sum(section["duration_seconds"] for section in sections)
    if total == target_seconds or not sections:
        return sections
    fitted, used = [], 0
    for index, section in enumerate(sections):
        remaining = len(sections) - index - 1
        if remaining:
            share = max(1, round(section["duration_seconds"] * target_seconds / total))
            share = min(share, target_seconds - used - remaining)
        else:
            share = target_seconds - used
        used += share
        fitted.append({**section, "duration_seconds": share})
    return fitted


def with_shot_ids(result: dict, *, previous: dict | None = None) -> dict:
    """The result with an id on every shot: shot maps of linked cuts refer to shots by id, so
    an id must outlive edits and regenerations. A shot keeps the id it carries (unless another
    shot before it has it), else takes the id the previous result gave its number (a
    regenerated list renumbers nothing it keeps), else a new one."""
    shots = result.get("shots")
    if not isinstance(shots, list):
        return result
    by_number = {
        shot.get("number"): shot.get("id") for shot in (previous or {}).get("shots", []) if isinstance(shot, dict)
    }
    taken: set[str] = set()
    fitted = []
    for shot in shots:
        if not isinstance(shot, dict):
            fitted.append(shot)
            continue
        shot_id = next(
            (c for c in (shot.get("id"), by_number.get(shot.get("number"))) if _is_uuid(c) and c not in taken),
            None,
        ) or str(uuid.uuid4())
        taken.add(shot_id)
        fitted.append({**shot, "id": shot_id})
    return {**result, "shots": fitted}


def _is_uuid(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def plan_errors(result: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(PLAN_SCHEMA)
    errors = sorted(validator.iter_errors(result), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors[:20]]


def estimate_tokens_for(steps: list[str], *, context: dict, target_seconds: int) -> int:
    """Prompt and answer tokens for the steps, scaled with the video's length."""
    scale = min(4.0, max(1.0, target_seconds / 120))
    base_prompt = len(json.dumps(context, ensure_ascii=False)) // 2 + 200
    tokens = 0
    for step in steps:
        answer = int(_COMPLETION_TOKENS[step] * scale)
        prior = sum(int(_COMPLETION_TOKENS[s] * scale) for s in STEPS[: STEPS.index(step)])
        tokens += base_prompt + prior + answer
    return tokens


def estimate_split(tokens: int) -> tuple[int, int]:
    """(prompt, completion) share of an estimate, for pricing."""
    return tokens * 3 // 5, tokens * 2 // 5
