"""Frames, seconds and SMPTE timecodes.

A frame number is the truth. Timecodes are non-drop-frame (NDF) with an integer timebase of
round(fps) — 30 for 29.97, 24 for 23.976 — which is what NLEs show for NDF sequences and what
CMX3600 EDLs with `FCM: NON-DROP FRAME` carry."""

import math
import re

_SMPTE = re.compile(r"^(\d{2}):([0-5]\d):([0-5]\d)[:;](\d{2})$")

# ffmpeg prints rates rounded to 2 decimals; these are the broadcast rates they stand for.
_NTSC_RATES = {
    23.98: 24000 / 1001,
    29.97: 30000 / 1001,
    47.95: 48000 / 1001,
    59.94: 60000 / 1001,
    119.88: 120000 / 1001,
}


def exact_fps(printed: float) -> float:
    return _NTSC_RATES.get(round(printed, 2), printed)


def timebase(fps: float) -> int:
    return max(1, round(fps))


def seconds_to_frame(seconds: float, fps: float) -> int:
    """The frame on screen at `seconds` (a frame shows from n/fps until (n+1)/fps)."""
    return math.floor(seconds * fps + 1e-6)


def frame_to_seconds(frame: int, fps: float) -> float:
    return round(frame / fps, 6)


def frame_to_smpte(frame: int, fps: float) -> str:
    base = timebase(fps)
    total_seconds, frames = divmod(frame, base)
    minutes, seconds = divmod(total_seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d}"


def smpte_to_frame(value: str, fps: float) -> int:
    match = _SMPTE.match(value or "")
    if not match:
        raise ValueError("Expected a timecode HH:MM:SS:FF.")
    hours, minutes, seconds, frames = (int(part) for part in match.groups())
    base = timebase(fps)
    if frames >= base:
        raise ValueError(f"The frame part must be below {base} at this frame rate.")
    return ((hours * 60 + minutes) * 60 + seconds) * base + frames
