"""The authorization matrix for internal (team-only) notes: the routes of a comment, called on
an internal one, by every kind of caller. What each gets is derived from the role table as the
main matrix does (authz.expected_status), with one rule more: a member whose role lacks
VIEW_INTERNAL — the reviewer, who is the client — does not find an internal note (404) and may
not write one (403). Refused calls change nothing (authz.call_and_check)."""

import pytest

from apps.feedbacks.tests.factories import FeedbackFactory
from apps.projects.models import Role
from apps.projects.permissions import COMMENT, READ, RESOLVE, ROLE_ACTIONS, VIEW_INTERNAL

from .authz import ACTORS, Rule, call_and_check, custom, expected_status, project

pytestmark = pytest.mark.django_db


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
