"""Feedback through the REST API: timecodes, ranges, drawings, replies, mentions, internal
notes, edit/delete, resolve, reactions, the list (order, filters, cursor, query count) and
carry-over to the next version."""

import json
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from apps.core.models import Notification, StreamEvent
from apps.core.tests.assertions import assert_error
from apps.feedbacks import selectors, services
from apps.feedbacks.models import CarriedFeedback, Feedback, Reaction
from apps.feedbacks.serializers.feedback import FeedbackOut
from apps.feedbacks.services import version_stream
from apps.projects.models import Activity, Role

from .conftest import stream_types, url
from .factories import FeedbackFactory, VersionFactory

pytestmark = pytest.mark.django_db

ARROW = {"shapes": [{"type": "arrow", "color": "#ff3b30", "stroke": 4, "from": [0.2, 0.2], "to": [0.6, 0.5]}]}


def _counts():
    return (
        Feedback.objects.count(),
        StreamEvent.objects.count(),
        Notification.objects.count(),
        Activity.objects.count(),
        Reaction.objects.count(),
    )


@contextmanager
def nothing_written():
    before = _counts()
    yield
    assert _counts() == before


def post(review, body: dict, actor=Role.REVIEWER, version=None):
    version = version or review.version
    return review.client(actor).post(url("version-feedback", version_id=version.pk), body, format="json")


# --- create -------------------------------------------------------------------------------


def test_comment_at_a_frame(review):
    response = post(review, {"body": "로고가 너무 작아요", "frame": 30, "annotation": ARROW})

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["frame"], body["fps"], body["timecode"], body["smpte"]) == (30, 25.0, 1.2, "00:00:01:05")
    assert body["end_frame"] is None and body["end_smpte"] is None
    assert body["annotation"] == ARROW
    assert body["author"]["id"] == str(review.users[Role.REVIEWER].pk)
    assert (body["internal"], body["resolved"], body["carried_over"], body["replies"]) == (False, False, False, [])
    assert stream_types(version_stream(review.version)) == ["feedback.created"]
    event = StreamEvent.objects.get(stream=version_stream(review.version))
    assert event.data["feedback"]["id"] == body["id"]
    assert event.data["activity"]["verb"] == "feedback.created"


def test_comment_at_a_timecode_in_seconds_lands_on_the_frame_on_screen(review):
    body = post(review, {"body": "여기", "timecode": 2.079}).json()
    assert (body["frame"], body["smpte"]) == (51, "00:00:02:01")


def test_comment_on_a_range(review):
    body = post(review, {"body": "이 구간 음악", "frame": 25, "end_frame": 74}).json()
    assert (body["smpte"], body["end_smpte"], body["end_timecode"]) == ("00:00:01:00", "00:00:02:24", 2.96)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"frame": 250}, "frame"),  # 10 s at 25 fps: the last frame is 249
        ({"timecode": 10.0}, "frame"),
        ({"frame": 10, "end_frame": 250}, "end_frame"),
        ({"frame": 10, "end_frame": 10}, "end_frame"),
        ({"frame": 10, "end_frame": 5}, "end_frame"),
        ({"frame": -1}, "frame"),
        ({"timecode": -0.5}, "timecode"),
        ({"frame": 10, "timecode": 0.4}, "timecode"),
        ({}, "frame"),
        ({"frame": "ten"}, "frame"),
    ],
    ids=[
        "past-end",
        "seconds-past-end",
        "range-past-end",
        "empty-range",
        "backwards-range",
        "negative-frame",
        "negative-seconds",
        "frame-and-seconds",
        "no-timecode",
        "not-a-number",
    ],
)
def test_bad_timecodes_are_400(review, payload, field):
    with nothing_written():
        response = post(review, {"body": "x", **payload})
    assert_error(response, 400, "validation_error", details={field})


@pytest.mark.parametrize(
    "annotation",
    [
        {"shapes": [{"type": "arrow", "color": "#fff", "from": [0, 0], "to": [1, 1]}]},
        {"shapes": [{"type": "rect", "color": "#ffffff", "x": 0.5, "y": 0.5, "w": 2, "h": 0.1}]},
        {"shapes": "all of them"},
        "a circle",
    ],
    ids=["short-colour", "out-of-frame", "shapes-not-a-list", "string"],
)
def test_malformed_annotation_is_400(review, annotation):
    with nothing_written():
        response = post(review, {"body": "x", "frame": 1, "annotation": annotation})
    error = assert_error(response, 400, "validation_error", details={"annotation"})
    assert error["details"]["annotation"]


def test_a_20000_character_body_is_400(review):
    with nothing_written():
        response = post(review, {"body": "가" * 20_000, "frame": 1})
    assert_error(response, 400, "validation_error", details={"body"})


@pytest.mark.parametrize("payload", [{"body": ""}, {"body": "   "}, {}], ids=["empty", "blank", "missing"])
def test_a_comment_needs_a_body(review, payload):
    with nothing_written():
        response = post(review, {"frame": 1, **payload})
    assert_error(response, 400, "validation_error", details={"body"})


def test_unknown_fields_are_refused(review):
    with nothing_written():
        response = post(review, {"body": "x", "frame": 1, "author_id": str(review.users[Role.OWNER].pk)})
    assert_error(response, 400, "validation_error", details={"author_id"})


def test_feedback_on_a_version_still_processing_is_409(review):
    processing = VersionFactory(asset=review.asset, number=2, processing=True)
    with nothing_written():
        response = post(review, {"body": "x", "frame": 1}, version=processing)
    assert_error(response, 409, "version_not_ready")


# --- replies and mentions -------------------------------------------------------------------


def test_a_reply_takes_its_parents_timecode_and_notifies_its_author(review):
    response = post(review, {"body": "수정했습니다", "parent_id": str(review.feedback.pk)}, actor=Role.EDITOR)

    assert response.status_code == 201, response.content
    reply = response.json()
    assert (reply["parent_id"], reply["frame"], reply["smpte"]) == (str(review.feedback.pk), 25, "00:00:01:00")
    listed = review.client(Role.VIEWER).get(url("version-feedback", version_id=review.version.pk)).json()["results"]
    assert [r["id"] for r in listed[0]["replies"]] == [reply["id"]]
    notification = Notification.objects.get(verb="feedback.replied")
    assert notification.recipient == review.users[Role.REVIEWER]
    assert notification.data["feedback_id"] == reply["id"]


def test_replies_to_replies_are_400(review):
    reply = FeedbackFactory(version=review.version, parent=review.feedback)
    with nothing_written():
        response = post(review, {"body": "x", "parent_id": str(reply.pk)})
    assert_error(response, 400, "validation_error", details={"parent_id"})


@pytest.mark.parametrize("extra", [{"frame": 3}, {"annotation": ARROW}], ids=["timecode", "drawing"])
def test_a_reply_with_its_own_timecode_or_drawing_is_400(review, extra):
    with nothing_written():
        response = post(review, {"body": "x", "parent_id": str(review.feedback.pk), **extra})
    assert_error(response, 400, "validation_error", details={"parent_id"})


def test_replying_to_another_projects_comment_is_400(review):
    with nothing_written():
        response = post(review, {"body": "x", "parent_id": str(review.other_feedback.pk)})
    assert_error(response, 400, "validation_error", details={"parent_id"})


def test_a_reply_to_an_internal_note_is_internal(review):
    note = FeedbackFactory(version=review.version, internal=True)
    reply = post(review, {"body": "x", "parent_id": str(note.pk), "internal": False}, actor=Role.EDITOR).json()
    assert reply["internal"] is True


def test_mentions_notify_members(review):
    editor, reviewer = review.users[Role.EDITOR], review.users[Role.REVIEWER]

    response = post(review, {"body": "@편집 확인 부탁", "frame": 5, "mention_ids": [str(editor.pk), str(reviewer.pk)]})

    assert response.status_code == 201
    assert {m["id"] for m in response.json()["mentions"]} == {str(editor.pk), str(reviewer.pk)}
    mentioned = Notification.objects.filter(verb="feedback.mentioned")
    assert [n.recipient for n in mentioned] == [editor]  # not the author themself
    # The link opens the asset's review room at this version and comment directly.
    version = review.version
    assert mentioned[0].url == f"/assets/{version.asset_id}?version={version.pk}&feedback={response.json()['id']}"
    assert mentioned[0].data["asset_id"] == str(version.asset_id)


def test_mentioning_a_non_member_is_400(review):
    outsider = review.users["non_member"]
    with nothing_written():
        response = post(review, {"body": "x", "frame": 5, "mention_ids": [str(outsider.pk)]})
    assert_error(response, 400, "validation_error", details={"mention_ids"})


# --- edit, delete ----------------------------------------------------------------------------


def feedback_url(feedback) -> str:
    return url("feedback-detail", feedback_id=feedback.pk)


def test_the_author_edits_their_comment(review):
    client = review.client(Role.REVIEWER)
    response = client.patch(
        feedback_url(review.feedback), {"body": "수정: 컷 전환", "annotation": ARROW}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["body"] == "수정: 컷 전환"
    assert response.json()["edited_at"] is not None
    assert stream_types(version_stream(review.version)) == ["feedback.updated"]


def test_someone_else_cannot_edit_a_comment(review):
    with nothing_written():
        response = review.client(Role.OWNER).patch(feedback_url(review.feedback), {"body": "mine now"}, format="json")
    assert_error(response, 403, "not_author")
    review.feedback.refresh_from_db()
    assert review.feedback.body == "컷 전환이 빨라요"


def test_an_edit_with_a_bad_drawing_is_400(review):
    with nothing_written():
        response = review.client(Role.REVIEWER).patch(
            feedback_url(review.feedback), {"annotation": {"shapes": [{"type": "blob"}]}}, format="json"
        )
    assert_error(response, 400, "validation_error", details={"annotation"})


def test_delete_is_soft_and_keeps_a_thread_in_place(review):
    alone = FeedbackFactory(version=review.version, author=review.users[Role.REVIEWER], frame=100)
    FeedbackFactory(version=review.version, parent=review.feedback, author=review.users[Role.EDITOR])
    client = review.client(Role.REVIEWER)

    assert client.delete(feedback_url(alone)).status_code == 204
    assert client.delete(feedback_url(review.feedback)).status_code == 204

    assert Feedback.objects.get(pk=alone.pk).deleted_at is not None
    listed = client.get(url("version-feedback", version_id=review.version.pk)).json()["results"]
    assert [(f["id"], f["deleted"], f["body"], len(f["replies"])) for f in listed] == [
        (str(review.feedback.pk), True, "", 1)
    ]
    assert_error(client.get(feedback_url(alone)), 404, "not_found")
    assert_error(client.delete(feedback_url(alone)), 404, "not_found")
    assert stream_types(version_stream(review.version)) == ["feedback.deleted", "feedback.deleted"]


def test_managers_delete_others_comments_and_reviewers_do_not(review):
    editor = review.client(Role.EDITOR)
    korean = assert_error(editor.delete(feedback_url(review.feedback)), 403, "not_author")
    english = assert_error(editor.delete(feedback_url(review.feedback), HTTP_ACCEPT_LANGUAGE="en"), 403, "not_author")
    assert korean["message"] == "작성자나 프로젝트 관리자만 이 코멘트를 삭제할 수 있습니다."
    assert english["message"] == "Only the author or a project manager can delete this comment."
    assert review.client(Role.MANAGER).delete(feedback_url(review.feedback)).status_code == 204


# --- resolve ----------------------------------------------------------------------------------


def test_resolve_and_reopen(review):
    client = review.client(Role.EDITOR)
    resolve = url("feedback-resolve", feedback_id=review.feedback.pk)

    body = client.post(resolve, {}, format="json").json()
    assert body["resolved"] is True and body["resolved_by"]["id"] == str(review.users[Role.EDITOR].pk)
    assert client.post(resolve, {}, format="json").status_code == 200  # idempotent, no second event
    reopened = client.post(resolve, {"resolved": False}, format="json").json()

    assert reopened["resolved"] is False and reopened["resolved_by"] is None
    assert stream_types(version_stream(review.version)) == ["feedback.resolved", "feedback.reopened"]


def test_replies_are_not_resolved_on_their_own(review):
    reply = FeedbackFactory(version=review.version, parent=review.feedback)
    with nothing_written():
        response = review.client(Role.EDITOR).post(url("feedback-resolve", feedback_id=reply.pk), {}, format="json")
    assert_error(response, 400, "cannot_resolve_reply")


# --- reactions --------------------------------------------------------------------------------


def test_reactions_one_per_user_and_emoji(review):
    reactions = url("feedback-reactions", feedback_id=review.feedback.pk)
    owner, editor = review.client(Role.OWNER), review.client(Role.EDITOR)

    assert owner.post(reactions, {"emoji": "👍"}, format="json").status_code == 201
    assert owner.post(reactions, {"emoji": "👍"}, format="json").status_code == 200
    body = editor.post(reactions, {"emoji": "👍"}, format="json").json()

    assert body["reactions"] == [
        {"emoji": "👍", "count": 2, "user_ids": [str(review.users[Role.OWNER].pk), str(review.users[Role.EDITOR].pk)]}
    ]
    assert owner.delete(f"{reactions}?emoji=👍").status_code == 204
    assert Reaction.objects.filter(feedback=review.feedback).count() == 1
    assert stream_types(version_stream(review.version)) == ["reaction.added", "reaction.added", "reaction.removed"]


def test_an_emoji_outside_the_set_is_400(review):
    with nothing_written():
        response = review.client(Role.OWNER).post(
            url("feedback-reactions", feedback_id=review.feedback.pk), {"emoji": "🍕"}, format="json"
        )
    assert_error(response, 400, "validation_error", details={"emoji"})


# --- the list -----------------------------------------------------------------------------------


def test_list_is_in_timecode_order_with_filters(review):
    owner = review.users[Role.OWNER]
    late = FeedbackFactory(version=review.version, frame=200, author=owner, annotation=ARROW)
    early = FeedbackFactory(version=review.version, frame=3, author=owner, internal=True)
    done = FeedbackFactory(version=review.version, frame=100, resolved_at=timezone.now())
    client = review.client(Role.VIEWER)
    listing = url("version-feedback", version_id=review.version.pk)

    def ids(query=""):
        return [f["id"] for f in client.get(listing + query).json()["results"]]

    assert ids() == [str(x.pk) for x in (early, review.feedback, done, late)]
    assert ids("?resolved=true") == [str(done.pk)]
    assert ids("?resolved=false") == [str(x.pk) for x in (early, review.feedback, late)]
    assert ids("?internal=true") == [str(early.pk)]
    assert ids("?has_annotation=true") == [str(late.pk)]
    assert ids(f"?author={owner.pk}") == [str(x.pk) for x in (early, done, late)]
    assert_error(client.get(listing + "?resolved=maybe"), 400, "validation_error", details={"resolved"})


def test_cursor_pagination_walks_the_timeline(review):
    for frame in range(1, 8):
        FeedbackFactory(version=review.version, frame=frame * 10)
    client = review.client(Role.VIEWER)
    page = client.get(url("version-feedback", version_id=review.version.pk) + "?page_size=3").json()
    seen = []
    while True:
        seen += [f["frame"] for f in page["results"]]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    assert seen == [10, 20, 25, 30, 40, 50, 60, 70]


def test_list_query_count_does_not_grow_with_the_page(review):
    users = [review.users[r] for r in (Role.OWNER, Role.EDITOR, Role.REVIEWER)]
    for i in range(12):
        top = FeedbackFactory(version=review.version, frame=i, author=users[i % 3])
        top.mentions.set(users[:2])
        reply = FeedbackFactory(version=review.version, parent=top, author=users[(i + 1) % 3])
        reply.mentions.set(users[1:])
        Reaction.objects.create(feedback=top, user=users[0], emoji="👍")
        Reaction.objects.create(feedback=reply, user=users[1], emoji="🔥")
    client = review.client(Role.VIEWER)
    listing = url("version-feedback", version_id=review.version.pk)

    def queries(size):
        with CaptureQueriesContext(connection) as captured:
            assert len(client.get(f"{listing}?page_size={size}").json()["results"]) == size
        return len(captured)

    assert queries(2) == queries(12)


def test_list_items_are_what_feedback_out_gives(review):
    """The list builds its items from plain rows (feedback_rows_out); every kind of comment
    and reply must come out exactly as FeedbackOut has it."""
    owner, editor, reviewer = (review.users[r] for r in (Role.OWNER, Role.EDITOR, Role.REVIEWER))
    reviewer.avatar = "avatars/reviewer.png"
    reviewer.save()
    now = timezone.now()
    triage = {"category": "sound", "priority": "high", "actionable": True, "reason": "not shown"}
    FeedbackFactory(version=review.version, parent=review.feedback, author=owner, body="v1 답글")
    v2 = VersionFactory(asset=review.asset, number=2)
    services.carry_over(version=v2)  # review.feedback (v1, open) is listed on v2 too
    drawn = FeedbackFactory(
        version=v2, frame=10, end_frame=60, author=editor, annotation=ARROW, internal=True, urgent=True, triage=triage
    )
    drawn.mentions.set([owner, reviewer])
    for user, emoji in ((owner, "👍"), (editor, "🔥"), (reviewer, "👍")):
        Reaction.objects.create(feedback=drawn, user=user, emoji=emoji)
    FeedbackFactory(version=v2, frame=20, author=reviewer, resolved_at=now, resolved_by=reviewer, edited_at=now)
    FeedbackFactory(version=v2, frame=30, author=None, guest_name="클라이언트")
    gone = FeedbackFactory(version=v2, frame=40, author=owner, deleted_at=now, annotation=ARROW, triage=triage)
    gone.mentions.set([editor])
    reply = FeedbackFactory(version=v2, frame=40, parent=gone, author=reviewer)
    reply.mentions.set([owner])
    Reaction.objects.create(feedback=reply, user=editor, emoji="✅")
    FeedbackFactory(version=v2, frame=40, parent=gone, deleted_at=now)

    response = review.client(Role.VIEWER).get(url("version-feedback", version_id=v2.pk))

    context = {"request": response.wsgi_request, "version_id": v2.pk}
    listed = selectors.feedback_on_version(version=v2, include_internal=True)
    expected = FeedbackOut(listed, many=True, context=context).data
    assert len(expected) == 5 and sum(len(item["replies"]) for item in expected) == 2
    assert response.json()["results"] == json.loads(JSONRenderer().render(expected))
    # People come out alike wherever they appear: a mention's avatar is the same absolute URL
    # as the author's.
    results = response.json()["results"]
    as_author = next(
        item["author"]["avatar"] for item in results if item["author"] and item["author"]["id"] == str(reviewer.pk)
    )
    as_mention = next(m["avatar"] for item in results for m in item["mentions"] if m["id"] == str(reviewer.pk))
    assert as_mention == as_author and as_author.startswith("http")


# --- carry-over -----------------------------------------------------------------------------------


def test_unresolved_feedback_is_listed_on_the_next_version_until_resolved(review):
    v2 = VersionFactory(asset=review.asset, number=2)
    services.carry_over(version=v2)
    own = FeedbackFactory(version=v2, frame=200)
    client = review.client(Role.EDITOR)
    listing = url("version-feedback", version_id=v2.pk)

    listed = client.get(listing).json()["results"]
    assert [(f["id"], f["carried_over"], f["version_number"], f["smpte"]) for f in listed] == [
        (str(review.feedback.pk), True, 1, "00:00:01:00"),
        (str(own.pk), False, 2, "00:00:08:00"),
    ]

    client.post(url("feedback-resolve", feedback_id=review.feedback.pk), {}, format="json")

    assert [f["id"] for f in client.get(listing).json()["results"]] == [str(own.pk)]
    # Both rooms heard it: the comment's own version and the one it was carried to.
    assert stream_types(version_stream(review.version)) == ["feedback.resolved"]
    assert stream_types(version_stream(v2)) == ["feedback.resolved"]
    assert CarriedFeedback.objects.filter(version=v2).count() == 1  # linked, not copied


def test_carry_over_passes_along_a_chain_and_skips_failed_versions(review):
    v2 = VersionFactory(asset=review.asset, number=2)
    services.carry_over(version=v2)
    v2_note = FeedbackFactory(version=v2, frame=5)
    VersionFactory(asset=review.asset, number=3, status="failed")
    v4 = VersionFactory(asset=review.asset, number=4)

    services.carry_over(version=v4)

    assert set(CarriedFeedback.objects.filter(version=v4).values_list("feedback", flat=True)) == {
        review.feedback.pk,
        v2_note.pk,
    }


def test_replying_to_carried_feedback_from_the_new_version(review):
    v2 = VersionFactory(asset=review.asset, number=2)
    services.carry_over(version=v2)

    response = post(review, {"body": "v2에서 확인", "parent_id": str(review.feedback.pk)}, version=v2)

    assert response.status_code == 201
    assert response.json()["version_id"] == str(review.version.pk)
    assert stream_types(version_stream(v2)) == ["feedback.created"]
