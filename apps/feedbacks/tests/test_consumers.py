"""/ws/versions/<id>/ — the live review room — through the real ASGI app and Redis layer."""

import asyncio
import json
from types import SimpleNamespace

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from apps.core.ws.tickets import ticket_issue
from apps.feedbacks import services
from apps.feedbacks.models import Feedback
from apps.projects.models import Membership, Role
from apps.projects.tests.factories import MembershipFactory, ProjectFactory
from config.asgi import application
from tests.factories import UserFactory

from .factories import AssetFactory, VersionFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost:3000")


@pytest.fixture
async def room():
    def build():
        owner = UserFactory(display_name="Owner")
        project = ProjectFactory(owner=owner)
        people = {"owner": owner}
        for role in (Role.EDITOR, Role.REVIEWER, Role.VIEWER):
            people[role] = MembershipFactory(
                project=project, role=role, user=UserFactory(display_name=role.title())
            ).user
        people["outsider"] = UserFactory(display_name="Outsider")
        asset = AssetFactory(project=project)
        return SimpleNamespace(
            project=project, asset=asset, version=VersionFactory(asset=asset, number=1), people=people
        )

    return await database_sync_to_async(build)()


async def join(version_id, user):
    ticket = await sync_to_async(ticket_issue)(user_id=user.pk)
    communicator = WebsocketCommunicator(application, f"/ws/versions/{version_id}/?ticket={ticket}", headers=[ORIGIN])
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def hello_of(communicator):
    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "hello", message
    return message


async def next_of_type(communicator, kind, timeout=5):
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def types_until_quiet(communicator) -> list[str]:
    seen = []
    while not await communicator.receive_nothing(timeout=0.3):
        seen.append((await communicator.receive_json_from())["type"])
    return seen


def comment(room, author, body="여기", frame=10, **extra) -> Feedback:
    return services.feedback_create(version=room.version, author=author, body=body, frame=frame, **extra)


async def test_feedback_appears_live_for_everyone_in_the_room(room):
    owner = await join(room.version.pk, room.people["owner"])
    viewer = await join(room.version.pk, room.people[Role.VIEWER])
    hello = await hello_of(owner)
    await hello_of(viewer)
    assert hello["stream"] == f"version:{room.version.pk}"

    feedback = await database_sync_to_async(comment)(room, room.people[Role.REVIEWER], "자막 오타", 30)

    for communicator in (owner, viewer):
        event = await next_of_type(communicator, "feedback.created")
        assert event["seq"] == hello["seq"] + 1
        assert event["data"]["feedback"]["id"] == str(feedback.pk)
        assert event["data"]["feedback"]["smpte"] == "00:00:01:05"

    await database_sync_to_async(services.reaction_add)(feedback=feedback, user=room.people["owner"], emoji="🔥")
    await database_sync_to_async(services.feedback_resolve)(feedback=feedback, actor=room.people[Role.EDITOR])
    reaction = await next_of_type(viewer, "reaction.added")
    assert reaction["data"]["reactions"] == [{"emoji": "🔥", "count": 1, "user_ids": [str(room.people["owner"].pk)]}]
    resolved = await next_of_type(viewer, "feedback.resolved")
    assert resolved["data"]["feedback"]["resolved"] is True
    await owner.disconnect()
    await viewer.disconnect()


async def test_presence_playhead_and_typing(room):
    owner = await join(room.version.pk, room.people["owner"])
    await hello_of(owner)
    editor = await join(room.version.pk, room.people[Role.EDITOR])
    hello = await hello_of(editor)
    assert {p["display_name"] for p in hello["presence"]} == {"Owner", "Editor"}
    joined = await next_of_type(owner, "presence.joined")
    if joined["data"]["user"]["display_name"] == "Owner":
        joined = await next_of_type(owner, "presence.joined")
    assert joined["data"]["user"]["display_name"] == "Editor"

    await editor.send_json_to({"type": "presence.update", "playhead": 12.48, "playing": True})
    update = await next_of_type(owner, "presence.update")
    assert update["data"]["user"] == {"id": str(room.people[Role.EDITOR].pk), "display_name": "Editor"}
    assert (update["data"]["playhead"], update["data"]["playing"]) == (12.48, True)
    assert "seq" not in update  # ephemeral: never stored or replayed

    await editor.send_json_to({"type": "typing", "on": True})
    typing = await next_of_type(owner, "typing")
    assert typing["data"]["on"] is True and typing["data"]["user"]["display_name"] == "Editor"
    assert "presence.update" not in await types_until_quiet(editor)  # not echoed to the sender

    # Someone arriving later learns where the others are.
    reviewer = await join(room.version.pk, room.people[Role.REVIEWER])
    late_hello = await hello_of(reviewer)
    heads = {p["display_name"]: (p["playhead"], p["playing"]) for p in late_hello["presence"]}
    assert heads["Editor"] == (12.48, True)
    assert heads["Owner"] == (None, None)
    for communicator in (owner, editor, reviewer):
        await communicator.disconnect()


async def test_viewers_cannot_type_and_bad_messages_are_errors(room):
    viewer = await join(room.version.pk, room.people[Role.VIEWER])
    await hello_of(viewer)
    await types_until_quiet(viewer)  # its own presence.joined

    await viewer.send_json_to({"type": "typing", "on": True})
    assert await viewer.receive_json_from(timeout=5) == {"type": "error", "code": "forbidden"}
    for bad in (
        {"type": "presence.update", "playhead": -1, "playing": False},
        {"type": "presence.update", "playhead": "12", "playing": True},
        {"type": "presence.update", "playhead": 3},
        {"type": "typing", "on": "yes"},
        {"type": "feedback.create", "body": "no writes over the socket"},
    ):
        await viewer.send_json_to(bad)
        assert await viewer.receive_json_from(timeout=5) == {"type": "error", "code": "bad_message"}
    await viewer.disconnect()


async def test_every_field_of_the_rooms_messages_with_a_wrong_type_is_a_bad_message(room):
    """Numbers too large for a float, non-finite numbers and every wrong JSON type, in each
    field of presence.update and typing: bad_message, and the socket stays usable."""
    editor = await join(room.version.pk, room.people[Role.EDITOR])
    await hello_of(editor)
    await types_until_quiet(editor)
    wrong = ["12", None, [], {}, 10**400, -(10**400), 1e308 * 10, 2**63]
    frames = [
        *({"type": "presence.update", "playhead": value, "playing": True} for value in [*wrong, True]),
        *({"type": "presence.update", "playhead": 1.5, "playing": value} for value in [*wrong, 0, 1]),
        *({"type": "typing", "on": value} for value in [*wrong, 0, 1]),
        {"type": "typing"},
    ]
    for index, frame in enumerate(frames):
        if index and index % 15 == 0:
            await asyncio.sleep(1.05)  # under the flood limit (20 messages/s)
        await editor.send_to(text_data=json.dumps(frame))
        assert await editor.receive_json_from(timeout=5) == {"type": "error", "code": "bad_message"}, frame
    for raw in ('{"type": "presence.update", "playhead": NaN, "playing": true}', '{"type": "typing", "on": Infinity}'):
        await editor.send_to(text_data=raw)
        assert await editor.receive_json_from(timeout=5) == {"type": "error", "code": "bad_message"}, raw
    await asyncio.sleep(1.05)
    await editor.send_json_to({"type": "presence.update", "playhead": 2, "playing": False})
    await editor.send_json_to({"type": "ping"})
    assert await editor.receive_json_from(timeout=5) == {"type": "pong"}
    await editor.disconnect()


async def test_resume_returns_exactly_the_missed_events(room):
    editor = await join(room.version.pk, room.people[Role.EDITOR])
    hello = await hello_of(editor)
    await editor.disconnect()

    def three_changes():
        first = comment(room, room.people["owner"], "하나", 5)
        comment(room, room.people[Role.REVIEWER], "둘", 50, internal=True)
        services.feedback_resolve(feedback=first, actor=room.people[Role.EDITOR])

    await database_sync_to_async(three_changes)()
    editor = await join(room.version.pk, room.people[Role.EDITOR])
    await hello_of(editor)
    await editor.send_json_to({"type": "resume", "after": hello["seq"]})

    missed = [
        await next_of_type(editor, kind) for kind in ("feedback.created", "feedback.created", "feedback.resolved")
    ]
    assert [m["seq"] for m in missed] == [hello["seq"] + 1, hello["seq"] + 2, hello["seq"] + 3]
    assert [m["data"]["feedback"]["body"] for m in missed[:2]] == ["하나", "둘"]
    assert await editor.receive_nothing(timeout=0.5)
    await editor.disconnect()


async def test_processing_result_arrives_live(room, media_root, clip_bytes):
    def processing_version():
        version = VersionFactory(asset=room.asset, number=2, processing=True)
        target = media_root / version.file.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(clip_bytes)
        return version

    version = await database_sync_to_async(processing_version)()
    owner = await join(version.pk, room.people["owner"])
    await hello_of(owner)

    await database_sync_to_async(services.version_process)(version_id=version.pk)

    ready = await next_of_type(owner, "version.ready")
    assert ready["data"]["version"]["status"] == "ready" and ready["data"]["version"]["frame_count"] == 50
    await owner.disconnect()


async def test_outsiders_and_unknown_versions_get_4404(room):
    outsider = await join(room.version.pk, room.people["outsider"])
    assert await outsider.receive_output(timeout=5) == {"type": "websocket.close", "code": 4404}
    unknown = await join("00000000-0000-0000-0000-000000000000", room.people["owner"])
    assert await unknown.receive_output(timeout=5) == {"type": "websocket.close", "code": 4404}


async def test_a_removed_member_is_disconnected_with_4403(room):
    viewer = await join(room.version.pk, room.people[Role.VIEWER])
    await hello_of(viewer)

    await database_sync_to_async(Membership.objects.filter(user=room.people[Role.VIEWER]).delete)()
    await database_sync_to_async(comment)(room, room.people["owner"])

    while (message := await viewer.receive_output(timeout=5))["type"] != "websocket.close":
        pass
    assert message["code"] == 4403
    await viewer.disconnect()


async def test_deleting_the_asset_closes_the_room(room):
    owner = await join(room.version.pk, room.people["owner"])
    await hello_of(owner)

    await database_sync_to_async(services.asset_delete)(asset=room.asset, actor=room.people["owner"])

    assert (await next_of_type(owner, "version.deleted"))["data"]["version"]["id"] == str(room.version.pk)
    while (message := await owner.receive_output(timeout=5))["type"] != "websocket.close":
        pass
    assert message["code"] == 4404
    await owner.disconnect()
