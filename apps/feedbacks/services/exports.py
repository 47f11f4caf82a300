"""Feedback as files for people and editing software.

- CSV: UTF-8 with a BOM (so Excel shows Korean), one row per comment and reply, formula-
  looking cells defused.
- CMX3600 EDL with one marker per top-level comment in the format DaVinci Resolve (Import >
  Timeline Markers from EDL) and Premiere read: an event line with source/record in and out,
  then `|C:<colour> |M:<text> |D:<frames>`. Timecodes are non-drop-frame at the version's
  rate, offset by `start` (NLE timelines often begin at 01:00:00:00).

Both name the plan's shot each comment falls in on the version's shot map (`shot` column; a
`[Shot n]` prefix on the marker text) when the asset is linked to a plan."""

import csv
import io
import re

from .. import shots, timecode
from ..models import Feedback, Version

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _author(feedback: Feedback) -> str:
    if feedback.author is not None:
        return feedback.author.display_name
    return f"{feedback.guest_name} (guest)"


def _shot_number(version_shots: shots.VersionShots, frame: int) -> int | None:
    shot = version_shots.shot_at(frame)
    return None if shot is None else shot["number"]


def feedback_csv(*, version: Version, items: list[Feedback]) -> bytes:
    version_shots = shots.shots_on(version.pk)
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
            "shot",
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
                    _shot_number(version_shots, row.frame) or "",
                ]
            )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


_MARKER_TEXT = re.compile(r"[\r\n|]+")


def feedback_edl(*, version: Version, items: list[Feedback], start_frame: int = 0) -> str:
    fps = version.fps
    assert fps is not None, "only a ready (probed) version is exported"
    version_shots = shots.shots_on(version.pk)
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
        number_of_shot = _shot_number(version_shots, feedback.frame)
        shot = f"[Shot {number_of_shot}] " if number_of_shot is not None else ""
        text = " ".join(_MARKER_TEXT.sub(" ", f"{shot}{_author(feedback)}: {feedback.body}").split())[:200]
        lines.append(f"{number:03d}  001      V     C        {tc_in} {tc_out} {tc_in} {tc_out}  ")
        lines.append(f" |C:{colour} |M:{text} |D:{duration}")
        lines.append("")
    return "\r\n".join(lines)
