"""Share links: what a guest holding a token sees and may do, and nothing more."""

import pytest
from django.contrib.auth.hashers import make_password
from rest_framework.test import APIClient

from apps.core.models import AuditLog, StreamEvent
from apps.core.tests.assertions import assert_error
from apps.feedbacks.models import Feedback, ShareLink
from apps.feedbacks.services import version_stream
from apps.projects.models import Role

from .conftest import stream_types, url
from .factories import FeedbackFactory, ShareLinkFactory, VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest() -> APIClient:
    return APIClient()


def page(guest, link, password=None):
    headers = {"HTTP_X_SHARE_PASSWORD": password} if password is not None else {}
    return guest.get(url("share-page", token=link.token), **headers)


def comment(guest, link, body: dict, password=None):
    headers = {"HTTP_X_SHARE_PASSWORD": password} if password is not None else {}
    return guest.post(url("share-feedback", token=link.token), body, format="json", **headers)


def test_create_list_and_revoke_a_link(review, settings):
    editor = review.client(Role.EDITOR)
    links = url("version-share-links", version_id=review.version.pk)

    response = editor.post(
        links, {"permission": "comment", "expires_in_days": 3, "password": "open sesame"}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["url"] == f"{settings.FRONTEND_URL}/share/{body['token']}"
    assert (body["permission"], body["has_password"], body["state"]) == ("comment", True, "active")
    link = ShareLink.objects.get(pk=body["id"])
    assert link.password_hash.startswith(("md5$", "pbkdf2", "argon2")) and "open sesame" not in link.password_hash
    assert "password" not in body and "password_hash" not in body
    assert AuditLog.objects.filter(action="share_link.created").count() == 1
    assert [item["id"] for item in editor.get(links).json()] == [body["id"], str(review.link.pk)]

    assert editor.delete(url("share-link-detail", link_id=body["id"])).status_code == 204

    assert ShareLink.objects.get(pk=body["id"]).state == "revoked"


@pytest.mark.parametrize(
    "payload",
    [{"expires_in_days": 0}, {"expires_in_days": 1000}, {"permission": "edit"}, {"password": "abc"}, {"token": "mine"}],
    ids=["zero-days", "too-long", "bad-permission", "short-password", "chosen-token"],
)
def test_bad_share_link_input_is_400(review, payload):
    response = review.client(Role.EDITOR).post(
        url("version-share-links", version_id=review.version.pk), payload, format="json"
    )
    assert_error(response, 400, "validation_error", details=set(payload))


def test_a_guest_sees_the_version_and_only_non_internal_feedback(review, guest):
    FeedbackFactory(version=review.version, internal=True, body="내부 메모: 예산 초과")
    FeedbackFactory(version=review.version, parent=review.feedback, internal=True, body="내부 답글")
    public_reply = FeedbackFactory(version=review.version, parent=review.feedback, body="공개 답글")
    earlier = VersionFactory(asset=review.asset, number=2)
    FeedbackFactory(version=earlier, body="다른 버전 코멘트")

    response = page(guest, review.link)

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"link", "project", "asset", "version", "feedback", "feedback_next"}
    assert body["project"] == {"name": review.project.name}
    assert body["asset"] == {"title": "메인 편집본"}
    assert body["version"]["number"] == 1 and body["version"]["fps"] == 25
    assert "id" not in body["version"]
    assert [f["body"] for f in body["feedback"]] == ["컷 전환이 빨라요"]
    assert [r["id"] for r in body["feedback"][0]["replies"]] == [str(public_reply.pk)]
    assert body["feedback"][0]["author"] == {"display_name": "reviewer", "is_guest": False}
    text = response.content.decode()
    for secret in ("내부", "다른 버전", "@example.com", str(review.users[Role.REVIEWER].pk)):
        assert secret not in text


def test_a_guest_comments_under_a_name(review, guest):
    response = comment(guest, review.link, {"guest_name": "Client Kim", "body": "좋아요!", "timecode": 3.5})

    assert response.status_code == 201, response.content
    assert response.json()["author"] == {"display_name": "Client Kim", "is_guest": True}
    feedback = Feedback.objects.get(pk=response.json()["id"])
    assert (feedback.author, feedback.guest_name, feedback.frame, feedback.internal) == (None, "Client Kim", 87, False)
    assert feedback.share_link == review.link
    # Members see it live, marked as a guest's.
    event = StreamEvent.objects.get(stream=version_stream(review.version))
    assert event.data["feedback"]["is_guest"] is True and event.data["feedback"]["author"] is None
    listed = review.client(Role.VIEWER).get(url("version-feedback", version_id=review.version.pk)).json()["results"]
    assert [f["guest_name"] for f in listed if f["is_guest"]] == ["Client Kim"]


def test_a_guest_replies_to_visible_feedback_only(review, guest):
    note = FeedbackFactory(version=review.version, internal=True)
    ok = comment(guest, review.link, {"guest_name": "G", "body": "네", "parent_id": str(review.feedback.pk)})
    assert ok.status_code == 201

    for hidden in (note, review.other_feedback):
        response = comment(guest, review.link, {"guest_name": "G", "body": "x", "parent_id": str(hidden.pk)})
        assert_error(response, 400, "validation_error", details={"parent_id"})


def test_a_guest_cannot_write_internal_feedback_or_mention_people(review, guest):
    for extra in ({"internal": True}, {"mention_ids": [str(review.users[Role.OWNER].pk)]}):
        response = comment(guest, review.link, {"guest_name": "G", "body": "x", "frame": 1, **extra})
        assert_error(response, 400, "validation_error", details=set(extra))
    assert stream_types(version_stream(review.version)) == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "x", "frame": 1}, "guest_name"),
        ({"guest_name": "G", "body": "x", "frame": 999}, "frame"),
        ({"guest_name": "G", "body": "가" * 20_000, "frame": 1}, "body"),
        ({"guest_name": "G", "body": "x", "frame": 1, "annotation": {"shapes": [{"type": "arrow"}]}}, "annotation"),
    ],
    ids=["no-name", "past-end", "huge-body", "bad-drawing"],
)
def test_bad_guest_comments_are_400(review, guest, payload, field):
    assert_error(comment(guest, review.link, payload), 400, "validation_error", details={field})
    assert not Feedback.objects.filter(share_link=review.link).exists()


def test_a_view_only_link_cannot_comment(review, guest):
    link = ShareLinkFactory(version=review.version, permission="view")
    assert page(guest, link).status_code == 200
    assert_error(comment(guest, link, {"guest_name": "G", "body": "x", "frame": 1}), 403, "share_link_view_only")


@pytest.mark.parametrize(("trait", "code"), [("expired", "share_link_expired"), ("revoked", "share_link_revoked")])
def test_expired_and_revoked_links_are_410(review, guest, trait, code):
    link = ShareLinkFactory(version=review.version, **{trait: True})
    assert_error(page(guest, link), 410, code)
    assert_error(comment(guest, link, {"guest_name": "G", "body": "x", "frame": 1}), 410, code)


def test_unknown_token_is_404(guest):
    assert_error(guest.get(url("share-page", token="no-such-token")), 404, "not_found")


def test_a_password_is_required_and_checked(review, guest):
    link = ShareLinkFactory(version=review.version, password_hash=make_password("letmein"))

    assert_error(page(guest, link), 401, "share_password_required")
    assert_error(page(guest, link, "wrong"), 403, "share_password_invalid")
    assert page(guest, link, "letmein").status_code == 200
    created = comment(guest, link, {"guest_name": "G", "body": "x", "frame": 1}, password="letmein")
    assert created.status_code == 201
    assert_error(
        comment(guest, link, {"guest_name": "G", "body": "x", "frame": 1}, password="nope"),
        403,
        "share_password_invalid",
    )
    assert AuditLog.objects.filter(action="share_link.password_failed").count() == 2


def test_wrong_passwords_are_throttled(review, guest, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "share_password": "3/15min"},
    }
    link = ShareLinkFactory(version=review.version, password_hash=make_password("letmein"))
    for _ in range(3):
        assert_error(page(guest, link, "guess"), 403, "share_password_invalid")

    error = assert_error(page(guest, link, "letmein"), 429, "throttled")  # even the right one, for now

    assert error["details"]["retry_after"] == 900


def test_the_token_reaches_nothing_else(review, guest):
    token = review.link.token
    guest.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    for path in (
        url("version-detail", version_id=review.version.pk),
        url("version-feedback", version_id=review.version.pk),
        url("asset-detail", asset_id=review.asset.pk),
        url("feedback-detail", feedback_id=review.feedback.pk),
    ):
        assert guest.get(path).status_code == 401
    # The guest routes take no ids: nothing but the link's version can be named.
    other = APIClient().get(url("share-page", token=token) + f"?version={review.other_version.pk}").json()
    assert [f["body"] for f in other["feedback"]] == ["컷 전환이 빨라요"]


def test_a_member_opening_the_link_sees_the_guest_view(review):
    """Authorization headers are ignored on guest routes: no internal notes leak to a member
    who shares their screen from the guest page."""
    FeedbackFactory(version=review.version, internal=True, body="내부 메모")
    body = page(review.client(Role.OWNER), review.link).json()
    assert [f["body"] for f in body["feedback"]] == ["컷 전환이 빨라요"]


def test_links_need_a_ready_version(review):
    processing = VersionFactory(asset=review.asset, number=2, processing=True)
    response = review.client(Role.EDITOR).post(url("version-share-links", version_id=processing.pk), {}, format="json")
    assert_error(response, 409, "version_not_ready")
