"""Feedback as files for people and editing software.

- CSV: UTF-8 with a BOM (so Excel shows Korean), one row per comment and reply, formula-
  looking cells defused.
- CMX3600 EDL with one marker per top-level comment in the format DaVinci Resolve (Import >
  Timeline Markers from EDL) and Premiere read: an event line with source/record in and out,
  then `|C:<colour> |M:<text> |D:<frames>`. Timecodes are non-drop-frame at the version's
  rate, offset by `start` (NLE timelines often begin at 01:00:00:00)."""

import csv
import io
import re

from .. import timecode
from ..models import Feedback, Version

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _author(feedback: Feedback) -> str:
    if feedback.author is not None:
        return feedback.author.display_name
    return f"{feedback.guest_name} (guest)"


def feedback_csv(*, version: Version, items: list[Feedback]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "#",
            "reply_to",
            "timecode_in",
            "timecode_out",
            "frame",
            "seconds",
            "author",
            "comment",
            "internal",
            "status",
            "version",
            "created_at",
        ]
    )
    for number, feedback in enumerate(items, start=1):
        replies = sorted((r for r in feedback.replies.all() if r.deleted_at is None), key=lambda r: r.created_at)
        rows = [(feedback, "")] + [(reply, number) for reply in replies]
        for row, reply_to in rows:
            writer.writerow(
                [
                    number if not reply_to else "",
                    reply_to,
                    row.smpte,
                    row.end_smpte or "",
                    row.frame,
                    f"{row.seconds:.3f}",
                    _cell(_author(row)),
                    _cell(row.body),
                    "yes" if row.internal else "no",
                    "resolved" if feedback.resolved_at else "open",
                    f"v{row.version.number}",
                    row.created_at.isoformat(timespec="seconds"),
                ]
            )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


_MARKER_TEXT = re.compile(r"[\r\n|]+")


def feedback_edl(*, version: Version, items: list[Feedback], start_frame: int = 0) -> str:
    fps = version.fps
    assert fps is not None, "only a ready (probed) version is exported"
    title = " ".join(_MARKER_TEXT.sub(" ", f"{version.asset.title} v{version.number}").split())[:70]
    lines = [f"TITLE: {title}", "FCM: NON-DROP FRAME", ""]
    for number, feedback in enumerate(items, start=1):
        # Markers of comments carried over from an earlier version keep their frame; they are
        # placed at this version's rate, as the team sees them on this cut.
        first = start_frame + feedback.frame
        last = start_frame + (feedback.end_frame if feedback.end_frame is not None else feedback.frame)
        tc_in = timecode.frame_to_smpte(first, fps)
        tc_out = timecode.frame_to_smpte(last + 1, fps)
        duration = last - first + 1
        colour = (
            "ResolveColorGreen"
            if feedback.resolved_at
            else ("ResolveColorPurple" if feedback.internal else "ResolveColorRed")
        )
        text = " ".join(_MARKER_TEXT.sub(" ", f"{_author(feedback)}: {feedback.body}").split())[:200]
        lines.append(f"{number:03d}  001      V     C        {tc_in} {tc_out} {tc_in} {tc_out}  ")
        lines.append(f" |C:{colour} |M:{text} |D:{duration}")
        lines.append("")
    return "\r\n".join(lines)
