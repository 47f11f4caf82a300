"""Half-open frame ranges [start, end) as two-item lists (how they are stored in JSON): merging
what someone watched, what is left unwatched, and how many people saw each second."""

import math
from collections.abc import Iterable

Range = list[int]


def merge(ranges: Iterable[Iterable[int]]) -> list[Range]:
    """Sorted, disjoint ranges; overlapping or touching ones ([0, 5) and [5, 9)) become one."""
    merged: list[Range] = []
    for start, end in sorted((int(start), int(end)) for start, end in ranges):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def length(ranges: Iterable[Iterable[int]]) -> int:
    """Frames covered by merged ranges."""
    return sum(end - start for start, end in ranges)


def gaps(ranges: list[Range], total: int, *, shortest: int = 1) -> list[Range]:
    """The parts of [0, total) that merged `ranges` leave out, at least `shortest` frames long."""
    found: list[Range] = []
    cursor = 0
    for start, end in [*ranges, [total, total]]:
        if start - cursor >= shortest:
            found.append([cursor, min(start, total)])
        cursor = max(cursor, end)
    return [gap for gap in found if gap[1] > gap[0]]


def second_count(frame_count: int, fps: float) -> int:
    """The seconds in which a frame starts (the last frame's second is the last one)."""
    return int((frame_count - 1) / fps) + 1 if frame_count > 0 else 0


def first_frame_of_second(second: int, fps: float) -> int:
    """The first frame shown at or after `second` (frame f is shown from f / fps)."""
    return math.ceil(second * fps - 1e-9)


def seconds_watched(ranges: list[Range], frame_count: int, fps: float) -> list[bool]:
    """For each second of the version: whether at least half of its frames are in `ranges`."""
    seconds = second_count(frame_count, fps)
    covered = [0] * seconds
    for start, end in ranges:
        second = min(int(start / fps), seconds - 1)
        while second < seconds:
            first = first_frame_of_second(second, fps)
            if first >= end:
                break
            last = min(first_frame_of_second(second + 1, fps), frame_count)
            covered[second] += max(0, min(end, last) - max(start, first))
            second += 1
    sizes = [
        min(first_frame_of_second(s + 1, fps), frame_count) - first_frame_of_second(s, fps) for s in range(seconds)
    ]
    return [size > 0 and 2 * covered[s] >= size for s, size in enumerate(sizes)]
