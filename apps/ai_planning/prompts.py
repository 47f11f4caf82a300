"""Every prompt the model gets, in one place: the plan steps (`plan_messages`), feedback
triage (`triage_messages`) and the version digest (`digest_messages`). The JSON schemas the
answers must match are in `planning.py` (plans) and `feedback_ai/schemas.py` (feedback).
Identical inputs give identical messages: they are the AI cache key."""

import json
from typing import TYPE_CHECKING

from django.utils.text import Truncator

if TYPE_CHECKING:
    from apps.feedbacks.models import Feedback, Version


# --- plans (one call per step of `planning.STEPS`) ----------------------------------------

LANGUAGE_NAMES = {"ko": "Korean (한국어)", "en": "English"}

_INSTRUCTIONS = {
    "overview": "Write a logline (one sentence) and a synopsis (one paragraph) for the video.",
    "sections": "Split the video into sections (e.g. hook, body, call to action). Their durations in whole "
    "seconds must add up exactly to the target duration.",
    "scenes": "Write the scenes, numbered from 1, each inside one of the sections, with location, time of day "
    "and duration in seconds; the durations of a section's scenes add up to the section's duration.",
    "shots": "Write the shot list, numbered from 1 in order: for each shot the scene number, shot size, camera "
    "movement, what we see, audio/voice-over, duration in seconds, location and props.",
    "storyboard": "Write one storyboard frame per shot: the shot number, what the frame shows, and a short "
    "English image search query (3-6 words) that finds a reference photo for it.",
    "schedule": "Suggest a production schedule (pre-production, shoot, edit, review, delivery…) with ISO dates "
    "(YYYY-MM-DD) and tasks per phase. Fit it to the project's phases and finish by the deadline.",
}


def plan_messages(step: str, *, context: dict, language: str, plan_so_far: dict, variation: str = "") -> list[dict]:
    """The chat for one step. Identical inputs give identical messages (the cache key)."""
    system = (
        "You are an experienced video producer and director planning a production. "
        f"Write every human-readable text in {LANGUAGE_NAMES.get(language, language)} "
        "(image search queries in English). Answer with JSON only, matching the given schema."
    )
    user = {
        "task": _INSTRUCTIONS[step],
        "brief": context,
        "plan_so_far": {key: value for key, value in plan_so_far.items() if key != "storyboard"},
    }
    if variation:
        user["variation"] = f"Propose a different take on this section than before ({variation})."
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": json.dumps(user, ensure_ascii=False, sort_keys=True)},
    ]


# --- feedback --------------------------------------------------------------------------------

# A comment's body is cut to this many characters in a prompt.
_BODY_CHARS = 1500

_CATEGORY_GUIDE = (
    "picture (framing, focus, exposure, graphics or VFX on screen), colour (grading, white balance, skin tones), "
    "sound (music, mix, voice-over, effects), edit (cuts, pacing, order, transitions, length), "
    "text (titles, subtitles, captions, typos), other"
)


def triage_messages(comments: list["Feedback"]) -> list[dict]:
    """Identical batches give identical messages (the cache key)."""
    system = (
        "You triage review comments on draft videos for a production team. For every comment give its "
        f"category — {_CATEGORY_GUIDE}; its priority — urgent (must be fixed before anything else ships), "
        "high (blocks delivery: a factual, legal or technical error, something broken), medium, or low (taste, "
        "nice to have); and whether it is actionable (asks for a concrete change). Comments may be in Korean "
        "or English. Answer with JSON only, matching the schema, with exactly one item per comment and the "
        "comment ids exactly as given."
    )
    user = {
        "comments": [
            {
                "id": str(comment.pk),
                "timecode": comment.smpte,
                "body": Truncator(comment.body).chars(_BODY_CHARS),
                "has_drawing": bool(comment.annotation),
                "marked_urgent": comment.urgent,
            }
            for comment in comments
        ]
    }
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": json.dumps(user, ensure_ascii=False, sort_keys=True)},
    ]


def digest_messages(
    version: "Version", comments: list["Feedback"], *, language: str, shot_numbers: dict[str, int] | None = None
) -> list[dict]:
    """`shot_numbers`: {comment id: the plan's shot it falls in} when the cut has a shot map."""
    shot_numbers = shot_numbers or {}
    system = (
        "You summarise one review round of a draft video for its editor. Group the points by category — "
        f"{_CATEGORY_GUIDE}. Each point is one concrete thing to change or decide, merged from every comment "
        "that says it, and lists in feedback_ids the ids of ALL those comments, taken only from the list "
        "given. Resolved comments are marked; mention them only when still relevant. Start with a short "
        f"overview. Write every text in {LANGUAGE_NAMES.get(language, language)}. Answer with JSON only, "
        "matching the schema."
    )
    if shot_numbers:
        system += (
            " Comments name the shot of the film's plan they fall in (`shot`); the editor reads the points shot "
            "by shot, so never merge comments of different shots into one point, and say the shot in its text."
        )
    user = {
        "video": {
            "title": version.asset.title,
            "version": version.number,
            "duration_seconds": version.duration,
        },
        "comments": [
            {
                "id": str(comment.pk),
                "timecode": comment.smpte,
                "body": Truncator(comment.body).chars(_BODY_CHARS),
                "resolved": comment.resolved_at is not None,
                "category_hint": (comment.triage or {}).get("category"),
                **({"shot": shot_numbers[str(comment.pk)]} if str(comment.pk) in shot_numbers else {}),
                "replies": [
                    Truncator(reply.body).chars(300)
                    for reply in sorted(comment.replies.all(), key=lambda r: r.created_at)
                    if reply.deleted_at is None
                ][:5],
            }
            for comment in comments
        ],
    }
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": json.dumps(user, ensure_ascii=False, sort_keys=True)},
    ]
