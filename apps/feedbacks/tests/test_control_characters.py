"""Text a database cannot store — NUL and the other C0 control characters (tab, newline and
carriage return excepted) and unpaired UTF-16 surrogates — is refused with a 400 naming the
field, wherever it sits in the body (PostgreSQL refuses NUL in text and jsonb, and neither
database can encode a lone surrogate). Bodies are sent as raw JSON text, escapes and all,
the way a client's bytes arrive."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from apps.core.tests.assertions import assert_error
from apps.feedbacks.models import Feedback, Version
from apps.projects.models import Role

from .conftest import url

pytestmark = pytest.mark.django_db

TEXT_SHAPE = '{"shapes":[{"type":"text","x":0.1,"y":0.1,"text":"%s","color":"#ff0000"}]}'


def send(client, method: str, path: str, raw_json: str):
    return getattr(client, method)(path, data=raw_json.encode(), content_type="application/json")


def guest_comment(body=r"x", guest_name="g", drawn_text=None) -> str:
    annotation = "" if drawn_text is None else ',"annotation":' + TEXT_SHAPE % drawn_text
    return f'{{"guest_name":"{guest_name}","body":"{body}","frame":1{annotation}}}'


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (guest_comment(drawn_text=r"a\u0000b"), "annotation.shapes.0.text"),
        (guest_comment(body=r"x\u0000"), "body"),
        (guest_comment(guest_name=r"g\u001b[31m"), "guest_name"),
        (guest_comment(body=r"\ud800"), "body"),
        (guest_comment(drawn_text=r"\udfff"), "annotation.shapes.0.text"),
    ],
    ids=["nul-in-drawn-text", "nul-in-body", "escape-in-guest-name", "lone-surrogate-in-body", "surrogate-in-drawing"],
)
def test_a_guest_comment_with_unstorable_text_is_400(review, raw, field):
    response = send(APIClient(), "post", url("share-feedback", token=review.link.token), raw)

    error = assert_error(response, 400, "validation_error", details={field})
    assert "U+" in error["details"][field][0]
    assert not Feedback.objects.filter(guest_name="g").exists()


def test_a_member_comment_with_nul_in_its_drawing_is_400(review):
    before = Feedback.objects.count()
    response = send(
        review.client(Role.REVIEWER),
        "post",
        url("version-feedback", version_id=review.version.pk),
        '{"body":"x","frame":1,"annotation":%s}' % (TEXT_SHAPE % r"a\u0000b"),
    )

    assert_error(response, 400, "validation_error", details={"annotation.shapes.0.text"})
    assert Feedback.objects.count() == before


def test_an_edit_with_nul_in_a_drawing_key_or_text_is_400(review):
    author = review.client(Role.REVIEWER)
    path = url("feedback-detail", feedback_id=review.feedback.pk)

    text = send(author, "patch", path, '{"annotation":%s}' % (TEXT_SHAPE % r"a\u0000b"))
    key = send(author, "patch", path, r'{"annotation":{"shapes":[{"ty\u0000pe":"text"}]}}')
    surrogate = send(author, "patch", path, r'{"body":"\ud83d"}')

    assert_error(text, 400, "validation_error", details={"annotation.shapes.0.text"})
    assert_error(key, 400, "validation_error", details={"annotation.shapes.0"})
    assert_error(surrogate, 400, "validation_error", details={"body"})
    review.feedback.refresh_from_db()
    assert review.feedback.body == "컷 전환이 빨라요" and review.feedback.edited_at is None


def test_tabs_newlines_and_paired_surrogates_are_kept(review):
    response = send(
        review.client(Role.REVIEWER),
        "post",
        url("version-feedback", version_id=review.version.pk),
        r'{"body":"첫 줄\r\n\t둘째 줄 \ud83c\udfac","frame":1}',
    )

    assert response.status_code == 201, response.content
    assert response.json()["body"] == "첫 줄\r\n\t둘째 줄 🎬"


@pytest.mark.parametrize("query", ["emoji=%00", "format=csv%00"], ids=["reaction-emoji", "export-format"])
def test_nul_in_a_query_parameter_is_400(review, query):
    client = review.client(Role.REVIEWER)
    path = {
        "emoji": url("feedback-reactions", feedback_id=review.feedback.pk),
        "format": url("version-feedback-export", version_id=review.version.pk),
    }[query.split("=")[0]]

    response = (client.delete if query.startswith("emoji") else client.get)(f"{path}?{query}")

    assert_error(response, 400, "validation_error", details={query.split("=")[0]})


def test_nul_in_a_share_token_in_the_path_is_not_a_server_error(review):
    response = APIClient().get("/api/v1/share/abc%00def/")

    assert_error(response, 400, "validation_error", details={"path"})


def test_an_upload_whose_form_field_holds_a_control_character_is_400(review):
    before = Version.objects.count()
    clip = SimpleUploadedFile("cut.mp4", b"not checked before the form is", content_type="video/mp4")

    response = review.client(Role.EDITOR).post(
        url("asset-versions", asset_id=review.asset.pk), {"file": clip, "label": "v2\x1b[2J"}, format="multipart"
    )

    assert_error(response, 400, "validation_error", details={"label"})
    assert Version.objects.count() == before
