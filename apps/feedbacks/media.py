"""ffmpeg (the imageio-ffmpeg wheel's binary): probe a stored video and make its poster.

One demux pass (`-map 0:v:0 -c copy -f null -`, no decoding) gives the container header
(duration, stream line with size and rate) and the real number of video frames, and notices
a file cut short; a single decoded frame becomes the poster JPEG."""

import logging
import math
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import timecode

logger = logging.getLogger(__name__)

_DURATION = re.compile(r"Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)")
_VIDEO_LINE = re.compile(r"Stream #\d+:\d+.*?: Video: (.+)")
_SIZE = re.compile(r"\b(\d{2,5})x(\d{2,5})\b")
_FPS = re.compile(r"([\d.]+) fps")
_TBR = re.compile(r"([\d.]+)(k?) tbr")
_FRAMES = re.compile(r"frame=\s*(\d+)")
_STANDARD_RATES = (24000 / 1001, 24, 25, 30000 / 1001, 30, 48, 50, 60000 / 1001, 60, 100, 120)
_NETWORK_TROUBLE = (
    "Connection refused",
    "Connection timed out",
    "Server returned 5",
    "Network is unreachable",
    "Failed to resolve",
    "I/O error",
)


class MediaError(Exception):
    """The file is not a usable video; `code` is stable for clients, `reason` is for people."""

    def __init__(self, code: str, reason: str):
        self.code, self.reason = code, reason
        super().__init__(f"{code}: {reason}")


class TransientMediaError(Exception):
    """Storage could not be read right now; the task retries."""


@dataclass(frozen=True)
class Probe:
    duration: float
    fps: float
    width: int
    height: int
    frame_count: int


def ffmpeg() -> str:
    return settings.FFMPEG_BINARY


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            [ffmpeg(), "-hide_banner", "-nostdin", *args], capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise MediaError("timeout", "Processing took too long; the file may be damaged.") from exc


def _input_args(source: str) -> list[str]:
    if source.startswith(("http://", "https://")):
        return ["-rw_timeout", "30000000", "-i", source]
    return ["-i", source]


def probe(source: str) -> Probe:
    result = _run(
        [*_input_args(source), "-map", "0:v:0", "-c", "copy", "-f", "null", "-"], settings.PROCESSING_TIMEOUT_SECONDS
    )
    stderr = result.stderr.decode("utf-8", "replace")
    if any(marker in stderr for marker in _NETWORK_TROUBLE):
        raise TransientMediaError(stderr.strip().splitlines()[-1] if stderr.strip() else "storage unreachable")
    if "matches no streams" in stderr:
        raise MediaError("no_video_stream", "The file has no video stream.")
    if "moov atom not found" in stderr:
        raise MediaError("truncated", "The video is cut short (the upload or the file is incomplete).")
    if result.returncode != 0:
        if "Error opening input" in stderr or "Invalid data found" in stderr:
            raise MediaError("not_a_video", "The file is not a video that can be read (damaged or wrong format).")
        raise MediaError("undecodable", _last_line(stderr) or "The video could not be read.")

    video = _VIDEO_LINE.search(stderr)
    if not video:
        raise MediaError("no_video_stream", "The file has no video stream.")
    size = _SIZE.search(video.group(1))
    if not size:
        raise MediaError("undecodable", "The video's frame size could not be read.")
    fps = _frame_rate(video.group(1))
    if not fps:
        raise MediaError("undecodable", "The video's frame rate could not be read.")
    frames = [int(n) for n in _FRAMES.findall(stderr)]
    frame_count = frames[-1] if frames else 0
    if frame_count == 0:
        raise MediaError("undecodable", "The video has no frames.")
    duration_match = _DURATION.search(stderr)
    if duration_match:
        hours, minutes, seconds = duration_match.groups()
        duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    else:  # streams without a header duration (some WebM recordings): count the frames
        duration = frame_count / fps
    if "partial file" in stderr or frame_count < 0.75 * duration * fps - 2:
        raise MediaError("truncated", "The video is cut short (the upload or the file is incomplete).")
    return Probe(
        duration=round(duration, 3),
        fps=fps,
        width=int(size.group(1)),
        height=int(size.group(2)),
        frame_count=frame_count,
    )


def _frame_rate(stream_line: str) -> float | None:
    fps = _FPS.search(stream_line)
    tbr = _TBR.search(stream_line)
    value = float(fps.group(1)) if fps else None
    tbr_value = float(tbr.group(1)) * (1000 if tbr.group(2) else 1) if tbr else None
    # Variable-rate phone clips print an odd average ("29.83 fps, 30 tbr"): the base rate
    # is the one their timecodes count in.
    if value and not any(abs(value - rate) < 0.011 for rate in _STANDARD_RATES) and tbr_value and tbr_value <= 240:
        value = tbr_value
    value = value or tbr_value
    if not value or not math.isfinite(value) or value <= 0 or value > 1000:
        return None
    return timecode.exact_fps(value)


def poster(source: str, *, duration: float) -> bytes:
    """A JPEG of an early frame (10 % in, at most 1 s), at most 1280 px wide."""
    with tempfile.TemporaryDirectory(prefix="vp-poster-") as folder:
        out = Path(folder) / "poster.jpg"
        for at in (min(1.0, duration / 10), 0.0):
            _run(
                [
                    "-v",
                    "error",
                    "-ss",
                    f"{at:.3f}",
                    *_input_args(source),
                    "-frames:v",
                    "1",
                    "-vf",
                    "scale='min(1280,iw)':-2",
                    "-q:v",
                    "3",
                    "-y",
                    str(out),
                ],
                120,
            )
            if out.exists() and out.stat().st_size > 0:
                return out.read_bytes()
    raise MediaError("undecodable", "No frame of the video could be decoded.")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""
