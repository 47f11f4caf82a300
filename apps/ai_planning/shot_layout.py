"""A plan's shots as frame ranges on a cut (`[start_frame, end_frame)`, end exclusive).

Pure functions, no database: laying the shot list end to end, fitting a map made for another
cut to this one, and checking a map drawn by hand. `services.shots` reads and writes the maps."""

from dataclasses import dataclass

# The most ranges a map may hold: a plan has at most 200 shots (planning.PLAN_SCHEMA).
MAX_RANGES = 200


@dataclass(frozen=True)
class Span:
    shot_id: str
    start_frame: int
    end_frame: int  # exclusive

    def as_dict(self) -> dict:
        return {"shot_id": self.shot_id, "start_frame": self.start_frame, "end_frame": self.end_frame}


def duration_frames(*, fps: float | None, duration: float | None, frame_count: int | None) -> int | None:
    """How many frames a cut has (None until it has been probed)."""
    if frame_count:
        return frame_count
    if fps and duration:
        return round(duration * fps)
    return None


def laid_end_to_end(shots: list[dict], *, fps: float, frames: int) -> list[Span]:
    """Each shot as long as its `duration_seconds` at the cut's rate, one after the other from
    frame 0. A plan longer than the cut is squeezed in proportion so its last shot ends with
    the cut; a shorter one leaves the tail of the cut without a shot. A shot squeezed below
    one frame is left out (only when a plan has more shots than the cut has frames)."""
    total = sum(float(shot["duration_seconds"]) for shot in shots) * fps
    scale = min(1.0, frames / total) if total > 0 else 1.0
    spans, elapsed = [], 0.0
    for shot in shots:
        start = round(elapsed * fps * scale)
        elapsed += float(shot["duration_seconds"])
        end = min(frames, round(elapsed * fps * scale))
        if end > start:
            spans.append(Span(shot["id"], start, end))
    return spans


def fitted(ranges: list[dict], *, frames: int, shot_ids: set[str]) -> list[Span]:
    """A stored map fitted to a cut: ranges of shots the plan no longer has are dropped, and
    so are those that start past the cut's end; one that runs past it is cut at the end."""
    spans = []
    for item in ranges:
        start, end = int(item["start_frame"]), min(int(item["end_frame"]), frames)
        if item["shot_id"] in shot_ids and start < end:
            spans.append(Span(item["shot_id"], start, end))
    return sorted(spans, key=lambda span: span.start_frame)


def range_errors(items: list[dict], *, shot_ids: set[str], frames: int) -> list[dict]:
    """What is wrong with each item of a hand-made map, `{field: [message]}` per item ({} when
    it is fine), in DRF's shape for a list. Rules: a shot of the plan, once; 0 ≤ start <
    end ≤ the cut's frame count; in timeline order; no overlap (gaps are fine)."""
    problems: list[dict] = [{} for _ in items]
    seen: set[str] = set()
    previous: dict | None = None
    for item, errors in zip(items, problems, strict=True):
        start, end = item["start_frame"], item["end_frame"]
        if item["shot_id"] not in shot_ids:
            errors["shot_id"] = ["This shot is not in the plan linked to the asset."]
        elif item["shot_id"] in seen:
            errors["shot_id"] = ["A shot has one range in a map."]
        seen.add(item["shot_id"])
        if start >= end:
            errors.setdefault("end_frame", []).append("A range must end after it starts.")
        if end > frames:
            errors.setdefault("end_frame", []).append(f"The range ends past the end of the video ({frames} frames).")
        if previous is not None:
            if start < previous["start_frame"]:
                errors.setdefault("start_frame", []).append("Ranges must be in timeline order.")
            elif start < previous["end_frame"]:
                errors.setdefault("start_frame", []).append("This range overlaps the one before it.")
        previous = item
    return problems
