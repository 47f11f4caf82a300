"""/ws/projects/<id>/ through the real ASGI app and the real Redis channel layer."""

import asyncio
import datetime

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from apps.core.ws import presence
from apps.core.ws.tickets import ticket_issue
from apps.projects import services
from apps.projects.models import Membership, Role
from config.asgi import application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost:3000")


@pytest.fixture
async def team():
    def build():
        owner = UserFactory(display_name="Owner")
        project = services.project_create(owner=owner, name="Teaser")
        people = {"owner": owner}
        for role in (Role.MANAGER, Role.EDITOR, Role.VIEWER):
            people[role] = UserFactory(display_name=role.title())
            services.member_add(project=project, actor=owner, user=people[role], role=role)
        people["outsider"] = UserFactory(display_name="Outsider")
        return project, people

    return await database_sync_to_async(build)()


async def join(project_id, user, path=None):
    ticket = await sync_to_async(ticket_issue)(user_id=user.pk)
    communicator = WebsocketCommunicator(
        application, f"{path or f'/ws/projects/{project_id}/'}?ticket={ticket}", headers=[ORIGIN]
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def hello_of(communicator):
    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "hello"
    return message


async def drain(communicator) -> list[str]:
    """Consume whatever is queued (presence noise) and return the message types."""
    types = []
    while not await communicator.receive_nothing(timeout=0.2):
        types.append((await communicator.receive_json_from())["type"])
    return types


async def next_of_type(communicator, kind, timeout=5):
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def test_members_see_each_others_changes_live(team):
    project, people = team
    a = await join(project.pk, people["owner"])
    b = await join(project.pk, people[Role.EDITOR])
    hello_a, hello_b = await hello_of(a), await hello_of(b)
    assert hello_a["stream"] == f"project:{project.pk}" == hello_b["stream"]

    await database_sync_to_async(services.phase_create)(
        project=project,
        actor=people["owner"],
        name="촬영",
        start=datetime.date(2026, 12, 1),
        end=datetime.date(2026, 12, 5),
    )
    for communicator, hello in ((a, hello_a), (b, hello_b)):
        event = await next_of_type(communicator, "phase.created")
        assert event["seq"] == hello["seq"] + 1
        assert event["data"]["phase"]["name"] == "촬영"
        assert event["data"]["activity"]["verb"] == "phase.created"
    await a.disconnect()
    await b.disconnect()


async def test_non_member_and_unknown_project_are_refused_with_4404(team):
    project, people = team
    outsider = await join(project.pk, people["outsider"])
    assert await outsider.receive_output(timeout=5) == {"type": "websocket.close", "code": 4404}
    unknown = await join("00000000-0000-0000-0000-000000000000", people["owner"])
    assert await unknown.receive_output(timeout=5) == {"type": "websocket.close", "code": 4404}
    nowhere = await join(None, people["owner"], path="/ws/nowhere/")
    assert await nowhere.receive_output(timeout=5) == {"type": "websocket.close", "code": 4404}


async def test_rolled_back_change_publishes_nothing(team):
    project, people = team
    viewer = await join(project.pk, people[Role.VIEWER])
    await hello_of(viewer)
    await drain(viewer)

    def rename_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            services.project_update(project=project, actor=people["owner"], data={"name": "Never"})
            raise RuntimeError

    await database_sync_to_async(rename_then_fail)()
    assert await drain(viewer) == []
    await viewer.disconnect()


async def test_resume_after_a_dropped_connection_returns_exactly_the_missed_events(team):
    project, people = team
    editor = await join(project.pk, people[Role.EDITOR])
    hello = await hello_of(editor)
    await editor.disconnect()

    def three_changes():
        services.project_update(project=project, actor=people["owner"], data={"name": "v2"})
        services.project_update(project=project, actor=people["owner"], data={"status": "production"})
        services.phase_create(
            project=project,
            actor=people["owner"],
            name="편집",
            start=datetime.date(2026, 12, 1),
            end=datetime.date(2026, 12, 2),
        )

    await database_sync_to_async(three_changes)()
    editor = await join(project.pk, people[Role.EDITOR])
    await hello_of(editor)
    await editor.send_json_to({"type": "resume", "after": hello["seq"]})
    missed = [await next_of_type(editor, t) for t in ("project.updated", "project.updated", "phase.created")]
    assert [m["seq"] for m in missed] == [hello["seq"] + 1, hello["seq"] + 2, hello["seq"] + 3]
    assert missed[0]["data"]["changes"]["name"] == {"before": "Teaser", "after": "v2"}
    assert await editor.receive_nothing(timeout=0.5)
    await editor.disconnect()


async def test_invitation_events_reach_managers_only(team):
    project, people = team
    manager = await join(project.pk, people[Role.MANAGER])
    viewer = await join(project.pk, people[Role.VIEWER])
    await hello_of(manager)
    await hello_of(viewer)
    await database_sync_to_async(services.invitation_create)(
        project=project, actor=people["owner"], email="new@example.com", role=Role.VIEWER
    )
    await database_sync_to_async(services.project_update)(project=project, actor=people["owner"], data={"name": "x"})
    invited = await next_of_type(manager, "invitation.created")
    assert invited["data"]["invitation"]["email"] == "new@example.com"
    seen_by_viewer = await next_of_type(viewer, "project.updated")
    assert seen_by_viewer["seq"] == invited["seq"] + 1  # the viewer skipped the invitation
    await manager.disconnect()
    await viewer.disconnect()


async def test_removed_member_is_disconnected_with_4403(team):
    project, people = team
    viewer = await join(project.pk, people[Role.VIEWER])
    await hello_of(viewer)

    def remove():
        membership = Membership.objects.get(project=project, user=people[Role.VIEWER])
        services.member_remove(project=project, actor=people["owner"], membership=membership)

    await database_sync_to_async(remove)()
    while True:
        message = await viewer.receive_output(timeout=5)
        if message["type"] == "websocket.close":
            break
    assert message["code"] == 4403


async def close_code(communicator) -> int:
    while True:
        message = await communicator.receive_output(timeout=5)
        if message["type"] == "websocket.close":
            return message["code"]


async def test_a_removed_member_reconnecting_is_told_removed_4403_not_gone_4404(team):
    """A socket that was reconnecting when its user was removed (a fresh ticket after 4401, a
    node restart) hears 4403 like a live one, so the page says "removed from this project"
    rather than "project deleted"; someone who never was a member still gets 4404."""
    project, people = team

    def remove():
        membership = Membership.objects.get(project=project, user=people[Role.VIEWER])
        services.member_remove(project=project, actor=people["owner"], membership=membership)

    await database_sync_to_async(remove)()

    assert await close_code(await join(project.pk, people[Role.VIEWER])) == 4403
    stranger = await database_sync_to_async(UserFactory)()
    assert await close_code(await join(project.pk, stranger)) == 4404


async def test_presence_join_leave_and_reload_without_flapping(team, monkeypatch):
    monkeypatch.setattr(presence, "LEAVE_GRACE_SECONDS", 0.5)
    project, people = team
    owner = await join(project.pk, people["owner"])
    await hello_of(owner)
    editor = await join(project.pk, people[Role.EDITOR])
    hello = await hello_of(editor)
    assert {p["display_name"] for p in hello["presence"]} == {"Owner", "Editor"}
    joined = await next_of_type(owner, "presence.joined")
    if joined["data"]["user"]["display_name"] == "Owner":  # the owner's own arrival
        joined = await next_of_type(owner, "presence.joined")
    assert joined["data"]["user"]["display_name"] == "Editor"
    assert "seq" not in joined  # ephemeral

    # A reload: the socket closes and a new one opens within the grace period.
    await editor.disconnect()
    editor = await join(project.pk, people[Role.EDITOR])
    await hello_of(editor)
    await asyncio.sleep(0.9)
    flaps = await drain(owner)
    assert "presence.left" not in flaps and "presence.joined" not in flaps

    await editor.disconnect()
    left = await next_of_type(owner, "presence.left", timeout=3)
    assert left["data"]["user"]["display_name"] == "Editor"
    await owner.disconnect()
