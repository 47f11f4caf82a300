"""A long round through a share link: the guest page holds the first page of comments and
the link's list (`share/{token}/feedback/`) serves the rest by cursor, as the members' list
does — every comment a guest may see exactly once, in timeline order, never an internal one."""

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from apps.core.tests.assertions import assert_error
from apps.feedbacks.busy_round import seed_busy_round
from apps.feedbacks.models import Feedback, Reaction
from apps.projects.models import Role

from .conftest import url
from .factories import FeedbackFactory, ShareLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest() -> APIClient:
    return APIClient()


def busy(review, count: int) -> list[str]:
    """`count` comments on the link's version (the fixture's own makes one more); returns the
    ids a guest may see, in timeline order."""
    seed_busy_round(
        version=review.version, authors=[review.users[Role.OWNER], review.users[Role.REVIEWER]], count=count
    )
    visible = Feedback.objects.filter(version=review.version, parent=None, internal=False)
    return [str(pk) for pk in visible.order_by("seconds", "created_at", "id").values_list("pk", flat=True)]


def walk(guest, first: str, **headers) -> list[dict]:
    """Every item from `first` on, following `next`."""
    items, path = [], first
    while path:
        response = guest.get(path, **headers)
        assert response.status_code == 200, response.content
        items += response.json()["results"]
        path = response.json()["next"]
    return items


def test_the_share_page_holds_the_first_page_and_the_list_serves_the_rest_in_timeline_order(review, guest):
    expected = busy(review, 160)

    body = guest.get(url("share-page", token=review.link.token)).json()

    assert len(body["feedback"]) == 50
    assert [item["id"] for item in body["feedback"]] == expected[:50]
    assert body["feedback_next"].startswith(f"http://testserver{url('share-feedback', token=review.link.token)}?")
    rest = walk(guest, body["feedback_next"])
    listed = [item["id"] for item in body["feedback"] + rest]
    assert listed == expected  # each once, in order, none internal
    assert len(expected) < 161 and Feedback.objects.filter(version=review.version, internal=True).exists()
    # The guest's shape, replies and reactions included, on every page.
    late = rest[-1]
    assert set(late["author"]) == {"display_name", "is_guest"} and "email" not in str(rest)
    assert sum(1 for item in rest if item["replies"]) > 0
    assert all(set(reaction) == {"emoji", "count"} for item in rest for reaction in item["reactions"])


def test_the_list_from_its_start_is_the_same_walk(review, guest):
    expected = busy(review, 90)

    listed = walk(guest, url("share-feedback", token=review.link.token) + "?page_size=40")

    assert [item["id"] for item in listed] == expected


def test_a_short_round_fits_on_the_share_page(review, guest):
    body = guest.get(url("share-page", token=review.link.token)).json()

    assert [item["id"] for item in body["feedback"]] == [str(review.feedback.pk)]
    assert body["feedback_next"] is None


def test_the_share_page_takes_no_cursor(review, guest):
    busy(review, 80)
    listing = guest.get(url("share-feedback", token=review.link.token)).json()

    # A cursor is for the list: the page itself always starts at the beginning.
    again = guest.get(url("share-page", token=review.link.token), {"cursor": listing["next"].split("cursor=")[1]})

    assert again.json()["feedback"][0]["id"] == listing["results"][0]["id"]


@pytest.mark.parametrize(("asked", "served"), [("1", 1), ("200", 200), ("201", 200), ("5000", 200), ("0", 50)])
def test_page_size_is_capped(review, guest, asked, served):
    busy(review, 260)

    listing = guest.get(url("share-feedback", token=review.link.token), {"page_size": asked})
    first = guest.get(url("share-page", token=review.link.token), {"page_size": asked})

    assert len(listing.json()["results"]) == served
    assert len(first.json()["feedback"]) == served


# Not base64, not ASCII; "o=abc" (offset not a number); "o=-1"; "p=abc" (a position that is no timecode).
@pytest.mark.parametrize("cursor", ["garbage", "코멘트", "bz1hYmM=", "bz0tMQ==", "cD1hYmM="])
def test_a_bad_cursor_is_the_error_envelope(review, guest, cursor):
    response = guest.get(url("share-feedback", token=review.link.token), {"cursor": cursor})

    assert_error(response, 404, "not_found")


def test_the_list_needs_what_the_page_needs(review, guest):
    locked = ShareLinkFactory(version=review.version, password_hash=make_password("open sesame"))
    listing = url("share-feedback", token=locked.token)

    assert_error(guest.get(listing), 401, "share_password_required")
    assert guest.get(listing, HTTP_X_SHARE_PASSWORD="open sesame").status_code == 200
    assert_error(
        guest.get(url("share-feedback", token=ShareLinkFactory(revoked=True).token)), 410, "share_link_revoked"
    )
    assert_error(
        guest.get(url("share-feedback", token=ShareLinkFactory(expired=True).token)), 410, "share_link_expired"
    )
    assert_error(guest.get(url("share-feedback", token="no-such-link")), 404, "not_found")
    # A view-only link lists too (it only may not post).
    view_only = ShareLinkFactory(version=review.version, permission="view")
    assert guest.get(url("share-feedback", token=view_only.token)).json()["results"][0]["id"] == str(review.feedback.pk)


def test_a_link_lists_only_its_own_version(review, guest):
    busy(review, 30)

    listed = walk(guest, url("share-feedback", token=review.other_link.token))

    assert [item["id"] for item in listed] == [str(review.other_feedback.pk)]


def test_the_list_query_count_does_not_grow_with_the_page(review, guest):
    users = [review.users[Role.OWNER], review.users[Role.REVIEWER]]
    for index in range(12):
        top = FeedbackFactory(version=review.version, frame=index, author=users[index % 2])
        FeedbackFactory(version=review.version, parent=top, author=users[(index + 1) % 2])
        Reaction.objects.create(feedback=top, user=users[0], emoji="👍")
    listing = url("share-feedback", token=review.link.token)

    def queries(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert len(guest.get(listing, {"page_size": size}).json()["results"]) == size
        return len(captured)

    assert queries(2) == queries(12)


def test_the_members_list_rejects_a_forged_position_too(review):
    # Same pagination: a cursor whose position is no timecode ("p=abc") is not found, not a 500.
    response = review.client(Role.VIEWER).get(
        url("version-feedback", version_id=review.version.pk), {"cursor": "cD1hYmM="}
    )

    assert_error(response, 404, "not_found")
