"""The authorization matrix for internal (team-only) notes: the routes of a comment, called on
an internal one, by every kind of caller. What each gets is derived from the role table as the
main matrix does (authz.expected_status), with one rule more: a member whose role lacks
VIEW_INTERNAL — the reviewer, who is the client — does not find an internal note (404) and may
not write one (403). Refused calls change nothing (authz.call_and_check)."""

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from apps.ai_planning.models import AssetPlanLink
from apps.core.ws.tickets import ticket_issue
from apps.feedbacks import services
from apps.feedbacks.tests.factories import FeedbackFactory
from apps.projects.models import Role
from apps.projects.permissions import COMMENT, READ, RESOLVE, ROLE_ACTIONS, VIEW_INTERNAL
from config.asgi import application

from .authz import ACTORS, ROLES, Rule, call_and_check, custom, expected_status, project
from .conftest import _world, close_old_connections_in_thread

pytestmark = pytest.mark.django_db

ORIGIN = (b"origin", b"http://localhost:3000")


def _internal_note(world, actor, side) -> dict:
    return {"feedback_id": FeedbackFactory(version=side.version, author=world.users[Role.EDITOR], internal=True).pk}


def team_only(action: str, *, hidden: int, ok: int = 200, **kw) -> Rule:
    """`project(action)`, except that a member without VIEW_INTERNAL gets `hidden`: 404 for a
    note they cannot see (before any other limit of their role), 403 for writing one."""

    def expect(actor: str) -> int:
        status = expected_status(project(action), actor)
        if status in (200, 403) and VIEW_INTERNAL not in ROLE_ACTIONS[actor]:
            return hidden if hidden == 404 or status == 200 else status
        return status

    return custom(expect, ok=ok, **kw)


CASES: dict[str, tuple[str, str, Rule]] = {
    "write an internal note": (
        "POST",
        "versions/{version_id}/feedback/",
        team_only(COMMENT, hidden=403, ok=201, body=lambda w, a, s: {"body": "팀 메모", "frame": 10, "internal": True}),
    ),
    "read an internal note": ("GET", "feedback/{feedback_id}/", team_only(READ, hidden=404, params=_internal_note)),
    "reply to an internal note": (
        "POST",
        "versions/{version_id}/feedback/",
        # Hidden parent: the reviewer is told there is no such comment (400 on parent_id).
        team_only(
            COMMENT, hidden=400, ok=201, body=lambda w, a, s: {"body": "답", "parent_id": str(w.scratch["note"])}
        ),
    ),
    "resolve an internal note": (
        "POST",
        "feedback/{feedback_id}/resolve/",
        team_only(RESOLVE, hidden=404, params=_internal_note, body=lambda w, a, s: {}),
    ),
    "react to an internal note": (
        "POST",
        "feedback/{feedback_id}/reactions/",
        team_only(COMMENT, hidden=404, ok=201, params=_internal_note, body=lambda w, a, s: {"emoji": "👍"}),
    ),
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", CASES)
def test_internal_notes_by_role(world, name, actor):
    method, path, rule = CASES[name]
    world.scratch["note"] = FeedbackFactory(version=world.a.version, author=world.users[Role.EDITOR], internal=True).pk
    expected = expected_status(rule, actor, rule.ok)
    problem = call_and_check(world, rule, method, path, actor, world.a, expected)
    assert problem is None, f"{name} as {actor}: {problem}"


# --- the plan page: per-shot counts and the event that moves them --------------------------


def _linked_plan(side) -> str:
    """The side's asset linked to its plan: its comments count on the plan page."""
    AssetPlanLink.objects.get_or_create(asset=side.asset, defaults={"plan": side.plan})
    return f"/api/v1/plans/{side.plan.pk}/shot-feedback/"


def _counted(response) -> int:
    return sum(row["open"] + row["resolved"] for row in response.json())


@pytest.mark.parametrize("actor", ACTORS)
def test_the_plan_page_counts_an_internal_note_only_for_the_team(world, actor):
    """Everyone who may read the plan gets its counts; an internal note is in them only for a
    role with VIEW_INTERNAL (the reviewer's page must not move when the team writes one)."""
    url = _linked_plan(world.a)
    expected = expected_status(project(READ), actor)
    before = world.client(actor).get(url)
    assert before.status_code == expected, before.content[:300]
    if expected != 200:
        return
    FeedbackFactory(version=world.a.version, author=world.users[Role.EDITOR], frame=5, internal=True)
    after = world.client(actor).get(url)
    grew = _counted(after) - _counted(before)
    assert grew == (1 if VIEW_INTERNAL in ROLE_ACTIONS[actor] else 0), f"{actor} counts an internal note: {grew}"


def _internal_note_round(world) -> None:
    """An internal note written, resolved and deleted on the linked asset, then a public comment."""
    editor = world.users[Role.EDITOR]
    note = services.feedback_create(version=world.a.version, author=editor, body="팀 메모", frame=5, internal=True)
    services.feedback_resolve(feedback=note, actor=editor)
    services.feedback_delete(feedback=note, actor=editor)
    services.feedback_create(version=world.a.version, author=editor, body="공개", frame=6)


@pytest.mark.django_db(transaction=True)
async def test_the_plan_pages_event_about_an_internal_note_reaches_only_the_team(clip_bytes):
    """`plan.shot_feedback.changed` for an internal note (created, resolved, deleted) goes only
    to project sockets of roles with VIEW_INTERNAL, live and replayed (`?after=`): to anyone
    else, its arrival alone would say when the team wrote, resolved or removed a note."""
    world = await database_sync_to_async(_world)(clip=clip_bytes)
    await database_sync_to_async(_linked_plan)(world.a)
    path = f"/ws/projects/{world.a.project.pk}/"

    async def connect(role: str, query: str = ""):
        ticket = await sync_to_async(ticket_issue)(user_id=world.users[role].pk)
        socket = WebsocketCommunicator(application, f"{path}?ticket={ticket}{query}", headers=[ORIGIN])
        assert (await socket.connect(timeout=5))[0]
        return socket

    async def changes(socket) -> int:
        count = 0
        while not await socket.receive_nothing(timeout=0.5):
            message = await socket.receive_json_from()
            count += message["type"] == "plan.shot_feedback.changed"
        await socket.disconnect()
        return count

    try:
        sockets = {role: await connect(role) for role in ROLES}
        start = {role: (await socket.receive_json_from(timeout=5))["seq"] for role, socket in sockets.items()}
        await database_sync_to_async(_internal_note_round)(world)
        live = {role: await changes(socket) for role, socket in sockets.items()}
        replayed = {role: await changes(await connect(role, f"&after={start[role]}")) for role in ROLES}
    finally:
        await database_sync_to_async(close_old_connections_in_thread)()

    expected = {role: 4 if VIEW_INTERNAL in ROLE_ACTIONS[role] else 1 for role in ROLES}
    assert live == expected
    assert replayed == expected
