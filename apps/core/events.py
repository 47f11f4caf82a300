"""The one way realtime events leave the server.

`publish` stores the event with the stream's next `seq` inside the caller's transaction
and sends it to the stream's Channels group only after that transaction commits, so a
rolled-back change sends nothing and a reconnecting client can resume from the table."""

import logging
from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from .models import StreamCursor, StreamEvent

logger = logging.getLogger(__name__)


def group_name(stream: str) -> str:
    """Channels group names allow only [A-Za-z0-9._-]."""
    return "stream." + stream.replace(":", ".")


def user_stream(user_id) -> str:
    return f"user:{user_id}"


def wire_format(event: StreamEvent) -> dict:
    return {
        "type": event.type,
        "stream": event.stream,
        "seq": event.seq,
        "ts": event.created_at.isoformat(),
        "data": event.data,
    }


def _next_seq(stream: str) -> int:
    # The UPDATE takes the cursor row's lock until commit: allocation is serialised per
    # stream, with no gaps (a rollback gives the number back) and no duplicates.
    if not StreamCursor.objects.filter(stream=stream).update(last_seq=F("last_seq") + 1):
        StreamCursor.objects.get_or_create(stream=stream)
        StreamCursor.objects.filter(stream=stream).update(last_seq=F("last_seq") + 1)
    return StreamCursor.objects.values_list("last_seq", flat=True).get(stream=stream)


@transaction.atomic
def publish(*, stream: str, type: str, data: dict) -> StreamEvent:
    event = StreamEvent.objects.create(stream=stream, seq=_next_seq(stream), type=type, data=data)
    transaction.on_commit(lambda: send_to_group(event))
    return event


def send_ephemeral(*, stream: str, type: str, data: dict) -> None:
    """Presence, typing, live samples: no seq, never stored, never replayed."""
    _group_send(stream, {"type": type, "stream": stream, "data": data})


async def send_ephemeral_async(*, stream: str, type: str, data: dict) -> None:
    layer = get_channel_layer()
    try:
        await layer.group_send(
            group_name(stream), {"type": "stream.message", "message": {"type": type, "stream": stream, "data": data}}
        )
    except Exception as exc:  # noqa: BLE001 — ephemeral: losing one is harmless
        logger.info("Ephemeral delivery failed for %s (%s)", stream, exc)


def send_to_group(event: StreamEvent) -> None:
    _group_send(event.stream, wire_format(event))


def _group_send(stream: str, message: dict) -> None:
    layer = get_channel_layer()
    try:
        async_to_sync(layer.group_send)(group_name(stream), {"type": "stream.message", "message": message})
    except Exception as exc:  # noqa: BLE001 — the write already committed; clients resume later
        logger.warning("Realtime delivery failed for %s (%s); clients will resume", stream, exc)


def latest_seq(stream: str) -> int:
    return StreamCursor.objects.filter(stream=stream).values_list("last_seq", flat=True).first() or 0


def stream_head(stream: str) -> tuple[int, int | None]:
    """(latest_seq, quiet_ms): what a socket's hello tells about its stream, read in one go."""
    return latest_seq(stream), quiet_ms(stream)


def quiet_ms(stream: str) -> int | None:
    """How long ago (ms) the stream's latest retained event was published; None when it has
    none. A client that read the stream's data less than this long ago has missed nothing."""
    created = StreamEvent.objects.filter(stream=stream).order_by("-seq").values_list("created_at", flat=True).first()
    if created is None:
        return None
    return max(0, int((timezone.now() - created).total_seconds() * 1000))


def events_between(stream: str, after: int, upto: int | None = None) -> list[StreamEvent] | None:
    """Events with after < seq <= upto in order, or None when `after` is older than what is
    retained (the client must resync)."""
    latest = latest_seq(stream)
    if after > latest:
        return None
    if after == latest:
        return []
    low = StreamEvent.objects.filter(stream=stream).aggregate(low=Min("seq"))["low"]
    if low is None or after < low - 1:
        return None
    qs = StreamEvent.objects.filter(stream=stream, seq__gt=after)
    if upto is not None:
        qs = qs.filter(seq__lte=upto)
    return list(qs.order_by("seq"))


def prune_streams() -> int:
    """Keep 7 days or the last 10 000 events of each stream, whichever is larger."""
    cutoff = timezone.now() - timedelta(days=settings.STREAM_RETENTION_DAYS)
    deleted = 0
    streams = StreamEvent.objects.filter(created_at__lt=cutoff).values_list("stream", flat=True).distinct()
    for stream in streams:
        keep_from = latest_seq(stream) - settings.STREAM_RETENTION_MIN_EVENTS
        count, _ = StreamEvent.objects.filter(stream=stream, created_at__lt=cutoff, seq__lte=keep_from).delete()
        deleted += count
    return deleted
