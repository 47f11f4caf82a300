"""A long review round for load tests (bench/bench_review_scale.py and the browser test
e2e/review-scale.spec.ts): `count` top-level comments spread evenly over a version's frames,
with replies, drawings, ranges, reactions and resolved and team-only notes, bulk-inserted.
Rows only: no activity, stream events, notifications or AI triage, as if the round had
happened before the room opened."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from apps.users.models import User

from . import timecode
from .models import Feedback, Reaction, Version

EMOJIS = ("👍", "🔥", "👀", "✅")
DRAWING = {
    "shapes": [
        {"type": "rect", "color": "#ff453a", "stroke": 3, "x": 0.1, "y": 0.1, "w": 0.3, "h": 0.2},
        {"type": "arrow", "color": "#ffd60a", "stroke": 4, "from": [0.6, 0.6], "to": [0.4, 0.3]},
    ]
}
LONG_NOTE = " 이 구간은 색이 조금 들떠 보이고 자막 위치도 아래로 내려야 합니다. 다음 버전에서 함께 확인해 주세요."


def _comment(version: Version, author: User, index: int, count: int, label: str) -> Feedback:
    fps = version.fps or 25.0
    last = max((version.frame_count or 1) - 1, 1)
    frame = round(index * last / max(count - 1, 1))
    end_frame = min(frame + round(fps * 2), last) if index % 10 == 5 else None
    resolved = index % 7 == 3
    return Feedback(
        version=version,
        author=author,
        body=f"{label} {index + 1}" + (LONG_NOTE if index % 5 == 1 else ""),
        frame=frame,
        end_frame=end_frame if end_frame and end_frame > frame else None,
        fps=fps,
        seconds=timecode.frame_to_seconds(frame, fps),
        annotation=DRAWING if index % 4 == 2 else None,
        internal=index % 9 == 4,
        resolved_by=author if resolved else None,
        resolved_at=timezone.now() if resolved else None,
    )


@transaction.atomic
def seed_busy_round(*, version: Version, authors: Sequence[User], count: int, label: str = "코멘트") -> int:
    """`count` comments on `version` by `authors` (in turn): every third has a reply, every
    fourth a drawing, every tenth is a range, every second has reactions. Returns the rows
    written (comments and replies)."""
    comments = Feedback.objects.bulk_create(
        [_comment(version, authors[index % len(authors)], index, count, label) for index in range(count)]
    )
    replies = Feedback.objects.bulk_create(
        [
            Feedback(
                version=version,
                parent=comment,
                author=authors[(index + 1) % len(authors)],
                body=f"답글: {comment.body[:40]}",
                frame=comment.frame,
                fps=comment.fps,
                seconds=comment.seconds,
            )
            for index, comment in enumerate(comments)
            if index % 3 == 0
        ]
    )
    Reaction.objects.bulk_create(
        [
            Reaction(feedback=comment, user=user, emoji=EMOJIS[(index + turn) % len(EMOJIS)])
            for index, comment in enumerate(comments)
            if index % 2 == 0
            for turn, user in enumerate(authors[:2])
        ]
    )
    return len(comments) + len(replies)
