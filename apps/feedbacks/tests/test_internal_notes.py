"""Team-only (`internal`) notes per role, by every REST path: the list (also carried over to the
next version and filtered), the detail, replies, reactions, resolving, exports, the version
badge, the activity feed, notifications, and who may write one. The expectations come from
the role table (`VIEW_INTERNAL` in `permissions.ROLE_ACTIONS`): the reviewer, who is the
client, never meets an internal note; owner, manager, editor and viewer do."""

from dataclasses import dataclass

import pytest
from django.conf import settings

from apps.core.models import Notification, StreamEvent
from apps.feedbacks import services
from apps.feedbacks.models import Feedback
from apps.feedbacks.services import version_stream
from apps.projects.models import Role
from apps.projects.permissions import COMMENT, RESOLVE, ROLE_ACTIONS, VIEW_INTERNAL

from .conftest import ROLES, Review, url
from .factories import FeedbackFactory, VersionFactory

pytestmark = pytest.mark.django_db


def sees(role: str) -> bool:
    return VIEW_INTERNAL in ROLE_ACTIONS[role]


def test_the_reviewer_alone_does_not_see_internal_notes():
    """The rule the rest of this file derives from, pinned: the client-side role is blind."""
    assert {role for role in ROLES if sees(role)} == {"owner", "manager", "editor", "viewer"}


@dataclass
class Notes:
    review: Review
    public: Feedback  # the reviewer's comment on v1
    note: Feedback  # internal, the editor's, on v1
    reply: Feedback  # the owner's reply to the note (internal by inheritance)
    v2: object  # the next version: both comments are carried over to it


@pytest.fixture
def notes(review) -> Notes:
    editor, owner = review.users[Role.EDITOR], review.users[Role.OWNER]
    note = services.feedback_create(
        version=review.version, author=editor, body="팀 메모: 색보정 다시", frame=5, internal=True
    )
    reply = services.feedback_create(version=review.version, author=owner, body="동의, 내부 전용", parent=note)
    services.reaction_add(feedback=note, user=owner, emoji=settings.FEEDBACK_REACTIONS[0])
    v2 = VersionFactory(asset=review.asset, number=2)
    services.carry_over(version=v2)
    return Notes(review=review, public=review.feedback, note=note, reply=reply, v2=v2)


def listed_ids(response) -> set[str]:
    assert response.status_code == 200, response.content
    ids = set()
    for item in response.json()["results"]:
        ids.add(item["id"])
        ids.update(reply["id"] for reply in item["replies"])
    return ids


@pytest.mark.parametrize("role", ROLES)
def test_lists_and_filters(notes, role):
    client = notes.review.client(role)
    public, internal = {str(notes.public.pk)}, {str(notes.note.pk), str(notes.reply.pk)}
    expected = public | internal if sees(role) else public
    for version in (notes.review.version, notes.v2):  # its own version and carried over
        assert listed_ids(client.get(url("version-feedback", version_id=version.pk))) == expected
    only_internal = client.get(url("version-feedback", version_id=notes.review.version.pk), {"internal": "true"})
    assert listed_ids(only_internal) == (internal if sees(role) else set())


@pytest.mark.parametrize("role", ROLES)
def test_detail_of_the_note_and_its_reply(notes, role):
    client = notes.review.client(role)
    for feedback in (notes.note, notes.reply):
        response = client.get(url("feedback-detail", feedback_id=feedback.pk))
        assert response.status_code == (200 if sees(role) else 404), response.content
    assert client.get(url("feedback-detail", feedback_id=notes.public.pk)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_version_badge_counts_what_the_reader_sees(notes, role):
    client = notes.review.client(role)
    for version in (notes.review.version, notes.v2):
        body = client.get(url("version-detail", version_id=version.pk)).json()
        assert body["open_feedback_count"] == (2 if sees(role) else 1)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("fmt", ["csv", "edl"])
def test_exports(notes, role, fmt):
    client = notes.review.client(role)
    for include in (None, "true"):
        params = {"format": fmt, **({"include_internal": include} if include else {})}
        response = client.get(url("version-feedback-export", version_id=notes.review.version.pk), params)
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        assert (notes.note.body in text) is sees(role)
        assert notes.public.body in text
        if fmt == "csv":  # replies are rows of the CSV
            assert (notes.reply.body in text) is sees(role)


@pytest.mark.parametrize("role", ROLES)
def test_activity_feed(notes, role):
    review = notes.review
    public = services.feedback_create(version=review.version, author=review.users[Role.REVIEWER], body="공개", frame=9)
    response = notes.review.client(role).get(url("project-activity", project_id=notes.review.project.pk))
    assert response.status_code == 200
    targets = {row["target_id"] for row in response.json()["results"]}
    assert (str(notes.note.pk) in targets) is sees(role)
    assert (str(notes.reply.pk) in targets) is sees(role)
    assert str(public.pk) in targets


def _expected(role: str, action: str, ok: int) -> int:
    """A reader who cannot see the note does not find it (404); one who sees it but whose role
    lacks the action is refused (403)."""
    if not sees(role):
        return 404
    return ok if action in ROLE_ACTIONS[role] else 403


@pytest.mark.parametrize("role", ROLES)
def test_react_to_and_resolve_the_note(notes, role):
    client = notes.review.client(role)
    emoji = settings.FEEDBACK_REACTIONS[1]  # the fixture's owner reacted with the first
    react = client.post(url("feedback-reactions", feedback_id=notes.note.pk), {"emoji": emoji}, format="json")
    assert react.status_code == _expected(role, COMMENT, 201)
    resolve = client.post(url("feedback-resolve", feedback_id=notes.note.pk), {}, format="json")
    assert resolve.status_code == _expected(role, RESOLVE, 200)


@pytest.mark.parametrize("role", ROLES)
def test_reply_to_the_note(notes, role):
    response = notes.review.client(role).post(
        url("version-feedback", version_id=notes.review.version.pk),
        {"body": "답글", "parent_id": str(notes.note.pk)},
        format="json",
    )
    if COMMENT not in ROLE_ACTIONS[role]:
        assert response.status_code == 403
    elif sees(role):
        assert response.status_code == 201 and response.json()["internal"] is True
    else:  # the reviewer: there is no such comment for them
        assert response.status_code == 400 and "parent_id" in response.json()["error"]["details"]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_an_internal_note(review, role):
    response = review.client(role).post(
        url("version-feedback", version_id=review.version.pk), {"body": "메모", "frame": 3, "internal": True}
    )
    may = COMMENT in ROLE_ACTIONS[role] and sees(role)
    assert response.status_code == (201 if may else 403), response.content
    if may:
        assert response.json()["internal"] is True


def test_a_reviewer_cannot_turn_their_comment_internal(review):
    response = review.client(Role.REVIEWER).patch(
        url("feedback-detail", feedback_id=review.feedback.pk), {"internal": True}, format="json"
    )
    assert response.status_code == 403
    review.feedback.refresh_from_db()
    assert review.feedback.internal is False


def test_turning_a_comment_internal_takes_its_replies_and_timeline_along(review):
    editor = review.users[Role.EDITOR]
    comment = services.feedback_create(version=review.version, author=editor, body="공개였던 메모", frame=8)
    reply = services.feedback_create(version=review.version, author=review.users[Role.OWNER], body="답", parent=comment)
    response = review.client(Role.EDITOR).patch(
        url("feedback-detail", feedback_id=comment.pk), {"internal": True}, format="json"
    )
    assert response.status_code == 200
    reply.refresh_from_db()
    assert reply.internal is True
    reviewer = review.client(Role.REVIEWER)
    assert reviewer.get(url("feedback-detail", feedback_id=reply.pk)).status_code == 404
    feed = reviewer.get(url("project-activity", project_id=review.project.pk)).json()["results"]
    assert not {str(comment.pk), str(reply.pk)} & {row["target_id"] for row in feed}


# --- notifications ---------------------------------------------------------------------------


def notified(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("data__feedback_id", flat=True))


def test_mentions_in_an_internal_note_reach_only_those_who_see_it(review):
    readers = {role: review.users[role] for role in ROLES if role != Role.EDITOR and sees(role)}
    response = review.client(Role.EDITOR).post(
        url("version-feedback", version_id=review.version.pk),
        {"body": "@모두 확인", "frame": 4, "internal": True, "mention_ids": [str(u.pk) for u in readers.values()]},
        format="json",
    )
    assert response.status_code == 201, response.content
    note_id = response.json()["id"]
    for role, user in readers.items():
        assert note_id in notified(user), role
    assert {m["id"] for m in response.json()["mentions"]} == {str(u.pk) for u in readers.values()}


def test_an_internal_note_refuses_to_mention_someone_who_cannot_read_it(review):
    """Created, replied to or edited: mentioning a reviewer in an internal note is refused
    (nothing saved, nobody told), so the note never names someone it hides from."""
    editor, reviewer = review.client(Role.EDITOR), review.users[Role.REVIEWER]
    viewer = review.users[Role.VIEWER]
    created = editor.post(
        url("version-feedback", version_id=review.version.pk),
        {"body": "@고객 확인", "frame": 4, "internal": True, "mention_ids": [str(reviewer.pk), str(viewer.pk)]},
        format="json",
    )
    assert created.status_code == 400 and set(created.json()["error"]["details"]) == {"mention_ids"}
    assert not Feedback.objects.filter(body="@고객 확인").exists()
    note = services.feedback_create(
        version=review.version, author=review.users[Role.EDITOR], body="메모", frame=6, internal=True
    )
    reply = editor.post(
        url("version-feedback", version_id=review.version.pk),
        {"body": "답글", "parent_id": str(note.pk), "mention_ids": [str(reviewer.pk)]},
        format="json",
    )
    assert reply.status_code == 400 and "mention_ids" in reply.json()["error"]["details"]
    edited = editor.patch(
        url("feedback-detail", feedback_id=note.pk), {"mention_ids": [str(reviewer.pk)]}, format="json"
    )
    assert edited.status_code == 400 and "mention_ids" in edited.json()["error"]["details"]
    assert notified(reviewer) == []
    # A public comment may mention the reviewer (the control) …
    public = services.feedback_create(
        version=review.version, author=review.users[Role.EDITOR], body="@고객", frame=7, mention_ids=[reviewer.pk]
    )
    assert list(public.mentions.all()) == [reviewer]
    # … and made internal, it stops mentioning them (the viewer, who can read it, stays).
    both = editor.patch(
        url("feedback-detail", feedback_id=public.pk),
        {"mention_ids": [str(reviewer.pk), str(viewer.pk)]},
        format="json",
    )
    assert both.status_code == 200, both.content
    turned = editor.patch(url("feedback-detail", feedback_id=public.pk), {"internal": True}, format="json")
    assert turned.status_code == 200, turned.content
    assert [m["id"] for m in turned.json()["mentions"]] == [str(viewer.pk)]


def test_a_reply_on_an_internal_note_does_not_notify_a_reviewer_author(review):
    # A note a reviewer wrote while still an editor (or before the rule): replies stay in the team.
    reviewer = review.users[Role.REVIEWER]
    old = FeedbackFactory(version=review.version, author=reviewer, internal=True)
    response = review.client(Role.EDITOR).post(
        url("version-feedback", version_id=review.version.pk),
        {"body": "답글", "parent_id": str(old.pk)},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert notified(reviewer) == []
    # The same reply on a public comment does reach them (the control).
    public = review.client(Role.EDITOR).post(
        url("version-feedback", version_id=review.version.pk),
        {"body": "답글", "parent_id": str(review.feedback.pk)},
        format="json",
    )
    assert public.status_code == 201
    assert public.json()["id"] in notified(reviewer)


def test_version_events_every_member_receives_do_not_count_internal_notes(notes):
    """The badge in an event payload is the same for every socket of the room: no internal notes."""
    services.version_update(version=notes.review.version, actor=notes.review.users[Role.OWNER], data={"label": "2차"})

    event = StreamEvent.objects.filter(stream=version_stream(notes.review.version), type="version.updated").get()
    assert event.data["version"]["open_feedback_count"] == 1  # the public comment only
