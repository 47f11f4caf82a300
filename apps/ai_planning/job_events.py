"""One AI job's progress as Server-Sent Events (`GET ai-jobs/{id}/events/`).

The job's events are the ones the WebSocket carries on its project's stream: `ai_job.*`
(the job itself: `data.job.id`) and `plan.*` (`data.job_id`). Each is sent with `id:` = its
stream `seq`, `event:` = its type and `data:` = the WebSocket message, from the same
`StreamEvent` table, so `Last-Event-ID` resumes without gaps or repeats. The stream ends
after the event that leaves the job in a final state (at once when a replay ends there),
when the reader stops being a member, or when their token is revoked."""

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Min, Q

from apps.core import events, revocation, sse
from apps.core.models import StreamEvent
from apps.projects.activity import project_stream

from .models import AIJob
from .serializers import AIJobOut

# A job in one of these states has sent its last event (a failed one may be retried by
# hand later: its new events are there for the next request that resumes from the last id).
FINAL = (AIJob.Status.SUCCEEDED, AIJob.Status.FAILED, AIJob.Status.NEEDS_ATTENTION, AIJob.Status.REJECTED)
# Group messages worth a read: the job's own kinds of event, and membership changes (a reader
# removed from the project is let go at once rather than at the next keep-alive).
WAKING_PREFIXES = ("ai_job.", "plan.", "member.")


def about_job(job_id) -> Q:
    """The job's events among its project's: `ai_job.*` carry the job, `plan.*` its id."""
    job = str(job_id)
    return Q(type__startswith="ai_job.", data__job__id=job) | Q(type__startswith="plan.", data__job_id=job)


@dataclass
class Batch:
    events: list[dict] = field(default_factory=list)  # wire format, in seq order
    upto: int = 0  # the stream position read up to
    final: bool = False
    resync: dict | None = None  # when events the reader missed are gone: the job as it is now
    resumed_from: int = 0  # where the batch starts (moved by a resync)


def _reader_job(job_id, user_id):
    """The job's state, while the reader is an active member of its project."""
    return (
        AIJob.objects.filter(
            pk=job_id, project__memberships__user_id=user_id, project__memberships__user__is_active=True
        )
        .values("status", "project_id", "created_at")
        .first()
    )


def _resync_position(stream: str, after: int, upto: int, job_created_at) -> int | None:
    """Where to go on from when `after` cannot be resumed exactly: beyond the stream's end
    (another database, a made-up id), or before events of the job that were pruned (the
    stream keeps 7 days or 10 000 events); None when it can."""
    if after > upto:
        return upto
    low = StreamEvent.objects.filter(stream=stream).aggregate(low=Min("seq"))["low"]
    if low is None or after >= low - 1:
        return None
    oldest = StreamEvent.objects.filter(stream=stream, seq=low).values_list("created_at", flat=True).first()
    return low - 1 if oldest is not None and oldest > job_created_at else None


def read_batch(*, job_id, user_id, claims: dict, after: int, first: bool) -> Batch | None:
    """The job's events after `after`, or None when the reader may no longer follow it.
    The job's state is read before the events: a state change commits with its events, so
    a final state read here guarantees its events are in the batch."""
    job = _reader_job(job_id, user_id)
    if job is None or revocation.token_is_revoked(claims):
        return None
    stream = project_stream(job["project_id"])
    upto = events.latest_seq(stream)
    batch = Batch(upto=upto, final=job["status"] in FINAL, resumed_from=after)
    position = _resync_position(stream, after, upto, job["created_at"]) if first else None
    if position is not None:
        job_now = AIJobOut(AIJob.objects.select_related("created_by", "approved_by", "rejected_by").get(pk=job_id))
        batch.resync = {"type": "resync", "stream": stream, "seq": position, "job": job_now.data}
        batch.resumed_from = position
    rows = StreamEvent.objects.filter(stream=stream, seq__gt=batch.resumed_from, seq__lte=upto)
    batch.events = [events.wire_format(row) for row in rows.filter(about_job(job_id)).order_by("seq")]
    return batch


READ, REVOKED = "read", "revoked"


async def _sleep(waker: sse.GroupWaker, seconds: float, claims: dict) -> str:
    """Until a message worth a read (READ), a revocation of the reader's token (REVOKED), or
    `seconds` (""). While the channel layer is down, every poll interval is worth a read."""
    if not waker.alive:
        await waker.wait(min(seconds, sse.POLL_SECONDS))
        return READ
    for message in await waker.wait(seconds):
        if message.get("type") == "session.revoked" and revocation.socket_is_revoked(claims, message):
            return REVOKED
        if str((message.get("message") or {}).get("type", "")).startswith(WAKING_PREFIXES):
            return READ
        if message.get("type") == sse.WAKER_FAILED:
            return READ
    return ""


async def job_event_stream(*, job_id, project_id, user_id, claims: dict, after: int) -> AsyncIterator[str]:
    read = sse.database_call(read_batch)
    yield sse.OPENING
    batch = await read(job_id=job_id, user_id=user_id, claims=claims, after=after, first=True)
    for frame in _frames(batch):
        yield frame
    if batch is None or batch.final:
        return  # a finished job's replay needs no channel layer at all
    # Joined before the next read: whatever is published after it wakes the stream.
    groups = [events.group_name(project_stream(project_id)), revocation.session_group(user_id)]
    waker = await sse.GroupWaker(groups).open()
    keep_alive = settings.SSE_KEEPALIVE_SECONDS
    try:
        written = time.monotonic()
        while True:
            batch = await read(job_id=job_id, user_id=user_id, claims=claims, after=batch.upto, first=False)
            for frame in _frames(batch):
                yield frame
                written = time.monotonic()
            if batch is None or batch.final:
                return
            while True:  # until a wake-up worth a read, or a keep-alive (which reads too)
                remaining = keep_alive - (time.monotonic() - written)
                if remaining <= 0:
                    yield sse.KEEP_ALIVE
                    written = time.monotonic()
                    break  # a read at every keep-alive also covers a lost wake-up
                woke = await _sleep(waker, remaining, claims)
                if woke == REVOKED:
                    return
                if woke == READ:
                    break
    finally:
        await waker.close()


def _frames(batch: Batch | None) -> list[str]:
    if batch is None:
        return []
    frames = [sse.frame(id=batch.resumed_from, event="resync", data=batch.resync)] if batch.resync else []
    return frames + [sse.frame(id=event["seq"], event=event["type"], data=event) for event in batch.events]
