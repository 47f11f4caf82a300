"""The version room never hands an internal note's event to a reviewer socket (created,
updated, reply, reaction, resolved, triaged, deleted), live or replayed with `?after=` /
`resume`, while an editor socket gets every one of them. Real ASGI app, real Redis layer."""

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings

from apps.core.ws.tickets import ticket_issue
from apps.feedbacks import services
from apps.feedbacks.services.feedback import feedback_triage_record
from apps.projects.models import Role
from config.asgi import application

from .test_consumers import ORIGIN, comment, hello_of, join, room  # noqa: F401 — the room fixture

pytestmark = pytest.mark.django_db(transaction=True)

INTERNAL_KINDS = [
    "feedback.created",  # the note
    "feedback.updated",
    "feedback.created",  # a reply to it
    "reaction.added",
    "feedback.resolved",
    "feedback.triaged",
    "feedback.deleted",  # the reply
]


def everything(room):  # noqa: F811
    """A public comment, then every kind of event on an internal note, then a public one."""
    editor, owner = room.people[Role.EDITOR], room.people["owner"]
    first = comment(room, room.people[Role.REVIEWER], "공개 하나", 5)
    note = comment(room, editor, "팀 메모", 10, internal=True)
    services.feedback_update(feedback=note, actor=editor, data={"body": "팀 메모 (수정)"})
    reply = services.feedback_create(version=room.version, author=owner, body="내부 답글", parent=note)
    services.reaction_add(feedback=note, user=owner, emoji=settings.FEEDBACK_REACTIONS[0])
    services.feedback_resolve(feedback=note, actor=editor)
    feedback_triage_record(note, triage={"category": "picture", "priority": "high", "actionable": True})
    services.feedback_delete(feedback=reply, actor=owner)
    last = comment(room, editor, "공개 둘", 20)
    return [str(first.pk), str(last.pk)], [str(note.pk), str(reply.pk)]


async def drain(communicator) -> list[dict]:
    """The stream's events that arrive until the socket is quiet (presence chatter aside)."""
    seen = []
    while not await communicator.receive_nothing(timeout=0.5):
        message = await communicator.receive_json_from()
        if message.get("seq") is not None and message["type"] != "hello":
            seen.append(message)
    return seen


def about(message: dict) -> str | None:
    data = message["data"]
    return (data.get("feedback") or {}).get("id") or data.get("feedback_id")


async def test_live_and_replayed_internal_events_reach_the_editor_only(room):  # noqa: F811
    editor = await join(room.version.pk, room.people[Role.EDITOR])
    reviewer = await join(room.version.pk, room.people[Role.REVIEWER])
    start = (await hello_of(editor))["seq"]
    await hello_of(reviewer)

    public, internal = await database_sync_to_async(everything)(room)

    live = {"editor": await drain(editor), "reviewer": await drain(reviewer)}
    assert [m["type"] for m in live["editor"]] == ["feedback.created", *INTERNAL_KINDS, "feedback.created"]
    assert [(m["type"], about(m)) for m in live["reviewer"]] == [
        ("feedback.created", public[0]),
        ("feedback.created", public[1]),
    ]
    assert not any(about(m) in internal for m in live["reviewer"])
    await editor.disconnect()
    await reviewer.disconnect()

    # Resuming from before all of it: the table holds the internal events, the socket filters.
    for who, expected in (("editor", live["editor"]), ("reviewer", live["reviewer"])):
        user = room.people[Role.EDITOR if who == "editor" else Role.REVIEWER]
        again = await join_after(room.version.pk, user, start)
        await hello_of(again)
        replayed = await drain(again)
        assert [(m["type"], m["seq"]) for m in replayed] == [(m["type"], m["seq"]) for m in expected], who
        # and the same with a `resume` message on an open socket
        await again.send_json_to({"type": "resume", "after": start})
        resumed = await drain(again)
        assert [m["seq"] for m in resumed] == [m["seq"] for m in expected], who
        await again.disconnect()


async def join_after(version_id, user, after: int):
    ticket = await sync_to_async(ticket_issue)(user_id=user.pk)
    communicator = WebsocketCommunicator(
        application, f"/ws/versions/{version_id}/?ticket={ticket}&after={after}", headers=[ORIGIN]
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


def turn_internal_and_back(room):  # noqa: F811
    """A public comment with a public reply is made internal (the reply follows it), then
    public again (the reply stays internal: it was internal when made public)."""
    editor, owner = room.people[Role.EDITOR], room.people["owner"]
    note = comment(room, editor, "처음엔 공개", 12)
    reply = services.feedback_create(version=room.version, author=owner, body="공개 답글", parent=note)
    services.feedback_update(feedback=note, actor=editor, data={"internal": True})
    services.feedback_update(feedback=note, actor=editor, data={"internal": False})
    return str(note.pk), str(reply.pk)


async def test_a_comment_turned_internal_is_removed_for_a_reviewer_and_comes_back_when_public(room):  # noqa: F811
    editor = await join(room.version.pk, room.people[Role.EDITOR])
    reviewer = await join(room.version.pk, room.people[Role.REVIEWER])
    start = (await hello_of(editor))["seq"]
    await hello_of(reviewer)

    note, reply = await database_sync_to_async(turn_internal_and_back)(room)

    seen = {"editor": await drain(editor), "reviewer": await drain(reviewer)}
    # The editor gets the events as they are (the flag and its previous value).
    assert [(m["type"], about(m)) for m in seen["editor"]] == [
        ("feedback.created", note),
        ("feedback.created", reply),
        ("feedback.updated", note),
        ("feedback.updated", note),
    ]
    assert [m["data"]["feedback"]["internal"] for m in seen["editor"][2:]] == [True, False]
    assert [r["id"] for r in seen["editor"][3]["data"]["feedback"]["replies"]] == [reply]
    # The reviewer: made internal → a removal with nothing of the content; public again → created,
    # without the reply that is internal now.
    assert [(m["type"], about(m)) for m in seen["reviewer"]] == [
        ("feedback.created", note),
        ("feedback.created", reply),
        ("feedback.hidden", note),
        ("feedback.created", note),
    ]
    hidden, back = seen["reviewer"][2], seen["reviewer"][3]
    assert hidden["data"] == {"feedback": {"id": note, "parent_id": None, "version_id": str(room.version.pk)}}
    assert hidden["seq"] == seen["editor"][2]["seq"]
    assert back["data"]["feedback"]["body"] == "처음엔 공개" and back["data"]["feedback"]["internal"] is False
    assert back["data"]["feedback"]["replies"] == []
    assert "공개 답글" not in str(hidden) + str(back)
    await editor.disconnect()
    await reviewer.disconnect()

    # Replayed (`?after=`) the reviewer gets the same.
    again = await join_after(room.version.pk, room.people[Role.REVIEWER], start)
    await hello_of(again)
    replayed = await drain(again)
    assert [(m["type"], about(m)) for m in replayed] == [(m["type"], about(m)) for m in seen["reviewer"]]
    await again.disconnect()
