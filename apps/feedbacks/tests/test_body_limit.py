"""A comment is at most FEEDBACK_BODY_MAX_LENGTH characters: one longer is refused with the
400 envelope naming the field and the limit (ko and en), on every path that writes one, and
nothing is stored — never cut. Exactly the limit, counted in characters (Hangul, emoji), passes."""

import pytest

from apps.core.models import StreamEvent
from apps.core.tests.assertions import assert_error
from apps.feedbacks.models import FEEDBACK_BODY_MAX_LENGTH, Feedback
from apps.projects.models import Role

from .conftest import url

pytestmark = pytest.mark.django_db

LIMIT = FEEDBACK_BODY_MAX_LENGTH
TOO_LONG = "가" * LIMIT + "!"


def refused(response, language: str) -> None:
    assert_error(response, 400, "validation_error", details={"body"})
    (message,) = response.json()["error"]["details"]["body"]
    assert str(LIMIT) in message
    if language == "en":
        assert message == f"Ensure this field has no more than {LIMIT} characters."
    else:
        assert "이하" in message and "필드" in message


def test_the_limit_is_5000_characters():
    assert LIMIT == 5000


@pytest.mark.parametrize("language", ["ko", "en"])
def test_feedback_create_rejects_a_body_over_the_limit(review, language):
    before = (Feedback.objects.count(), StreamEvent.objects.count())
    response = review.client(Role.EDITOR).post(
        url("version-feedback", version_id=review.version.pk),
        {"body": TOO_LONG, "frame": 3},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    refused(response, language)
    assert (Feedback.objects.count(), StreamEvent.objects.count()) == before


def test_a_reply_over_the_limit_is_refused(review):
    response = review.client(Role.EDITOR).post(
        url("version-feedback", version_id=review.version.pk),
        {"body": TOO_LONG, "parent_id": str(review.feedback.pk)},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    refused(response, "en")
    assert not review.feedback.replies.exists()


def test_feedback_update_rejects_a_body_over_the_limit(review):
    response = review.client(Role.REVIEWER).patch(
        url("feedback-detail", feedback_id=review.feedback.pk), {"body": TOO_LONG}, format="json"
    )
    refused(response, "ko")
    review.feedback.refresh_from_db()
    assert review.feedback.body == "컷 전환이 빨라요"  # untouched, not cut


def test_share_link_feedback_rejects_a_body_over_the_limit(review):
    before = Feedback.objects.count()
    response = review.client("anonymous").post(
        url("share-feedback", token=review.link.token),
        {"guest_name": "Client", "body": TOO_LONG, "frame": 3},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    refused(response, "en")
    assert Feedback.objects.count() == before


def test_exactly_the_limit_is_stored_whole(review):
    body = "🎬" * 10 + "가" * (LIMIT - 10)  # characters, not bytes or UTF-16 units
    response = review.client(Role.EDITOR).post(
        url("version-feedback", version_id=review.version.pk), {"body": body, "frame": 3}, format="json"
    )
    assert response.status_code == 201, response.content[:300]
    assert Feedback.objects.get(pk=response.json()["id"]).body == body
