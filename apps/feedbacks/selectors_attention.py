"""Review attention, the read side: the team's view of a version (a per-second heat strip,
each person's share and gaps, what each decision rested on) and one person's own share.

The strip counts the audience: guests and members whose role may not see attention
(reviewers, viewers). The team's own playback (owner, manager, editor) is recorded — their
decisions rest on it too — and listed, but not counted in the strip. People who left the
project are left out."""

from typing import Any

from apps.projects import permissions
from apps.projects.models import Membership

from . import frame_ranges
from .models import ReviewDecision, Version, WatchRecord

# Gaps shorter than this are not worth a warning (a seek of a few frames, the last frames
# before the end): they count in the percentage, not in the unwatched list.
UNWATCHED_SHORTEST_SECONDS = 1.0


def unwatched_of(ranges: list[list[int]], version: Version) -> list[list[int]]:
    """The parts of the version outside `ranges` worth telling about ([start, end) frames)."""
    fps = version.fps or 1.0
    shortest = max(1, round(UNWATCHED_SHORTEST_SECONDS * fps))
    return frame_ranges.gaps(ranges, version.frame_count or 0, shortest=shortest)


def watched_percent(watched_frames: int, version: Version) -> float:
    """Rounded down to 0.1, so that 99.96 % never reads as "100 %"."""
    if not version.frame_count:
        return 0.0
    return int(1000 * watched_frames / version.frame_count) / 10


def frame_range_out(ranges: list[list[int]], fps: float) -> list[dict[str, Any]]:
    return [
        {"start_frame": start, "end_frame": end, "start": round(start / fps, 3), "end": round(end / fps, 3)}
        for start, end in ranges
    ]


def _second_ranges(flags: list[bool]) -> list[list[int]]:
    """[start, end) runs of the seconds that are True."""
    runs: list[list[int]] = []
    for second, seen in enumerate(flags):
        if not seen:
            continue
        if runs and runs[-1][1] == second:
            runs[-1][1] = second + 1
        else:
            runs.append([second, second + 1])
    return runs


def own_attention(*, version: Version, record: WatchRecord | None) -> dict[str, Any]:
    """One person's share of `version` (their record, or None when they played nothing)."""
    fps = version.fps or 1.0
    ranges = record.ranges if record else []
    watched_frames = frame_ranges.length(ranges)
    return {
        "frame_count": version.frame_count or 0,
        "fps": fps,
        "percent": watched_percent(watched_frames, version),
        "watched_frames": watched_frames,
        "watched": frame_range_out(ranges, fps),
        "unwatched": frame_range_out(unwatched_of(ranges, version), fps),
    }


def member_watch_record(*, version: Version, user) -> WatchRecord | None:
    return WatchRecord.objects.filter(version=version, viewer=user).first()


def guest_watch_record(*, link, guest_key: str) -> WatchRecord | None:
    return WatchRecord.objects.filter(share_link=link, guest_key=guest_key).first()


def _person(version: Version, record: WatchRecord, role: str | None) -> dict[str, Any]:
    fps = version.fps or 1.0
    seen = frame_ranges.seconds_watched(record.ranges, version.frame_count or 0, fps)
    return {
        **own_attention(version=version, record=record),
        "kind": "member" if record.viewer_id else "guest",
        "user": record.viewer,
        "name": record.viewer.display_name if record.viewer else record.guest_name,
        "role": role,
        "in_strip": record.viewer_id is None or not permissions.role_allows(role, permissions.VIEW_ATTENTION),
        "seconds": _second_ranges(seen),
        "last_watched_at": record.updated_at,
        "_seen": seen,
    }


def _heat(people: list[dict[str, Any]], seconds: int) -> list[int]:
    heat = [0] * seconds
    for person in people:
        if person["in_strip"]:
            for second, seen in enumerate(person["_seen"]):
                heat[second] += seen
    return heat


def _decisions(version: Version) -> list[dict[str, Any]]:
    fps = version.fps or 1.0
    rows = ReviewDecision.objects.filter(version=version).select_related("reviewer").order_by("created_at")
    return [
        {
            "reviewer": decision.reviewer,
            "decision": decision.decision,
            "watched_percent": decision.watched_percent,
            "unwatched": None if decision.unwatched is None else frame_range_out(decision.unwatched, fps),
            "decided_at": decision.updated_at,
        }
        for decision in rows
    ]


def version_attention(*, version: Version) -> dict[str, Any]:
    """The team's view of who watched what of `version` (three queries whatever the size)."""
    roles: dict[Any, str] = dict(
        Membership.objects.filter(project_id=version.asset.project_id).values_list("user_id", "role")
    )
    records = WatchRecord.objects.filter(version=version).select_related("viewer").order_by("created_at")
    people = [
        _person(version, record, roles.get(record.viewer_id))
        for record in records
        if record.viewer_id is None or record.viewer_id in roles
    ]
    seconds = frame_ranges.second_count(version.frame_count or 0, version.fps or 1.0)
    heat = _heat(people, seconds)
    people.sort(key=lambda person: (not person["in_strip"], person["name"].casefold()))
    for person in people:
        del person["_seen"]
    return {
        "version_id": version.pk,
        "fps": version.fps or 1.0,
        "frame_count": version.frame_count or 0,
        "duration": version.duration,
        "audience": sum(person["in_strip"] for person in people),
        "seconds": heat,
        "people": people,
        "decisions": _decisions(version),
    }
