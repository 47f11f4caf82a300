"""Review attention, the write side: the ranges a person's player reports as actually played
are merged into their one WatchRecord per version, and a review decision keeps what it was
based on. Reads (the team's heat strip, one's own share) are in selectors_attention.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.core.errors import Conflict, DomainError

from .. import frame_ranges
from ..models import ShareLink, Version, WatchRecord
from ..selectors_attention import unwatched_of, watched_percent
from .common import VersionNotReady

# One report carries what was played since the last one (every ~10 s and on pause, seek or
# leave): a handful of ranges. Stored ranges are merged; this many separate pieces means a
# client skipping around on purpose, not someone watching.
MAX_RANGES_PER_REPORT = 100
MAX_STORED_RANGES = 2000


class WatchRangesFragmented(DomainError):
    code = "watch_ranges_fragmented"
    status_code = 422
    message = "Too many separate watched parts are recorded for this version; no more can be added."


class ShareLinkGuestsFull(Conflict):
    code = "share_link_guests_full"
    message = (
        "This share link has recorded as many guests as it may; the video still plays, but no more viewing is recorded."
    )

    def __init__(self, max_guests: int):
        super().__init__(details={"max_guests": max_guests})


def _checked(version: Version, ranges: list[list[int]]) -> None:
    if version.status != Version.Status.READY or not version.frame_count:
        raise VersionNotReady()
    problems = []
    for index, (start, end) in enumerate(ranges):
        if start >= end:
            problems.append(f"ranges[{index}]: the start ({start}) must come before the end ({end}).")
        elif end > version.frame_count:
            problems.append(f"ranges[{index}]: {end} is past the end of the version ({version.frame_count} frames).")
    if problems:
        raise ValidationError({"ranges": problems})


def _locked_record(version: Version, identity: dict) -> WatchRecord:
    """The person's record, locked for the merge; created on their first report. Two first
    reports at once: the loser's insert fails on the unique constraint and it locks the
    winner's row instead (on SQLite, IMMEDIATE transactions serialise the writers anyway)."""
    rows = WatchRecord.objects.select_for_update().filter(version=version, **identity)
    record = rows.first()
    if record is not None:
        return record
    if identity.get("share_link") is not None:
        _lock_guest_places(identity["share_link"])
        record = rows.first()  # this guest's other first report may have taken a place meanwhile
        if record is not None:
            return record
        _check_room_for_a_guest(identity["share_link"])
    try:
        with transaction.atomic():
            return WatchRecord.objects.create(version=version, **identity)
    except IntegrityError:
        return rows.get()


def _lock_guest_places(link: ShareLink) -> None:
    """New guests of one link take its row's lock before they count, so two of them at once
    cannot both take the last place (guests already recorded never wait on it)."""
    ShareLink.objects.select_for_update().filter(pk=link.pk).values_list("pk", flat=True).first()


def _check_room_for_a_guest(link: ShareLink) -> None:
    """A new guest of `link` is recorded only while it has fewer than SHARE_LINK_MAX_GUESTS:
    anyone with the token can make up guest keys, so without a cap one link could write rows
    without end."""
    limit = settings.SHARE_LINK_MAX_GUESTS
    if WatchRecord.objects.filter(share_link=link).count() >= limit:
        raise ShareLinkGuestsFull(limit)


@transaction.atomic
def watch_record_add(
    *,
    version: Version,
    ranges: list[list[int]],
    viewer=None,
    share_link: ShareLink | None = None,
    guest_key: str = "",
    guest_name: str = "",
) -> WatchRecord:
    """Merges the frame ranges someone played into their record of `version`: a member
    (`viewer`) or a share-link guest (`share_link` + the `guest_key` their browser keeps)."""
    _checked(version, ranges)
    identity = {"viewer": viewer} if viewer is not None else {"share_link": share_link, "guest_key": guest_key}
    record = _locked_record(version, identity)
    merged = frame_ranges.merge([*record.ranges, *ranges])
    if len(merged) > MAX_STORED_RANGES:
        raise WatchRangesFragmented()
    record.ranges = merged
    record.watched_frames = frame_ranges.length(merged)
    if guest_name:
        record.guest_name = guest_name
    record.save(update_fields=["ranges", "watched_frames", "guest_name", "updated_at"])
    return record


def decision_basis(*, version: Version, reviewer) -> dict:
    """What a review decision rests on, kept on the decision: the share of the version the
    reviewer had played and the parts they had not (nothing played: all of it)."""
    record = WatchRecord.objects.filter(version=version, viewer=reviewer).first()
    ranges = record.ranges if record else []
    return {
        "watched_percent": watched_percent(frame_ranges.length(ranges), version),
        "unwatched": unwatched_of(ranges, version),
    }
