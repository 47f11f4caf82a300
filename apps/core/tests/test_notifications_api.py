"""In-app notifications over REST: the user's own feed (cursor paginated), unread filter
and count, mark one / all read."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.core.models import Notification
from apps.core.tests.assertions import assert_error

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"
UNREAD_COUNT = "/api/v1/notifications/unread-count/"
READ_ALL = "/api/v1/notifications/read-all/"
NOTIFICATION_FIELDS = {"id", "verb", "title", "body", "url", "data", "read_at", "created_at"}

_clock = itertools.count()
_EPOCH = timezone.now() - timedelta(days=1)


def read_url(notification) -> str:
    return f"/api/v1/notifications/{notification.pk}/read/"


def make_notifications(recipient, count: int, *, read: bool = False) -> list[Notification]:
    """`count` notifications with distinct, rising created_at; returned newest first."""
    rows = Notification.objects.bulk_create(
        Notification(recipient=recipient, verb="mention", title=f"알림 {n}", data={"n": n}) for n in range(count)
    )
    for row in rows:
        row.created_at = _EPOCH + timedelta(seconds=next(_clock))
        row.read_at = row.created_at if read else None
        Notification.objects.filter(pk=row.pk).update(created_at=row.created_at, read_at=row.read_at)
    return sorted(rows, key=lambda row: row.created_at, reverse=True)


def ids(notifications) -> list[str]:
    return [str(n.pk) for n in notifications]


def test_notifications_list_shows_only_own_newest_first_with_cursor_pages(auth_client, user, make_user):
    own = make_notifications(user, 25)
    make_notifications(make_user(), 3)

    first = auth_client.get(LIST)

    assert first.status_code == 200, first.content
    page = first.json()
    assert set(page) == {"next", "previous", "results"}
    assert page["previous"] is None and page["next"]
    assert [item["id"] for item in page["results"]] == ids(own[:20])
    assert set(page["results"][0]) == NOTIFICATION_FIELDS
    assert page["results"][0]["data"] == own[0].data

    second = auth_client.get(page["next"]).json()

    assert [item["id"] for item in second["results"]] == ids(own[20:])
    assert second["next"] is None and second["previous"]


def test_notifications_list_honours_page_size(auth_client, user):
    own = make_notifications(user, 7)

    response = auth_client.get(LIST, {"page_size": 3})

    assert [item["id"] for item in response.json()["results"]] == ids(own[:3])


def test_notifications_list_is_stable_when_new_ones_arrive_between_pages(auth_client, user):
    own = make_notifications(user, 4)
    first = auth_client.get(LIST, {"page_size": 2}).json()

    make_notifications(user, 1)  # newer than everything: must not shift the next page
    second = auth_client.get(first["next"]).json()

    assert [item["id"] for item in second["results"]] == ids(own[2:])


def test_notifications_list_filters_unread_true(auth_client, user):
    unread = make_notifications(user, 2)
    make_notifications(user, 3, read=True)

    response = auth_client.get(LIST, {"unread": "true"})

    assert response.status_code == 200
    assert {item["id"] for item in response.json()["results"]} == set(ids(unread))
    assert all(item["read_at"] is None for item in response.json()["results"])


def test_notifications_list_filters_unread_false(auth_client, user):
    make_notifications(user, 2)
    read = make_notifications(user, 3, read=True)

    response = auth_client.get(LIST, {"unread": "false"})

    assert {item["id"] for item in response.json()["results"]} == set(ids(read))


def test_notifications_list_rejects_bad_unread_value(auth_client, user):
    assert_error(auth_client.get(LIST, {"unread": "maybe"}), 400, "validation_error", details={"unread"})


def test_notifications_list_rejects_garbage_cursor(auth_client, user):
    make_notifications(user, 2)

    assert_error(auth_client.get(LIST, {"cursor": "garbage"}), 404, "not_found")


def test_notifications_list_requires_authentication(api_client, user):
    make_notifications(user, 1)

    assert_error(api_client.get(LIST), 401, "not_authenticated")


def test_notifications_list_is_empty_for_a_new_user(auth_client):
    assert auth_client.get(LIST).json() == {"next": None, "previous": None, "results": []}


def test_notifications_list_query_count_does_not_grow_with_page_size(auth_client, user, django_assert_num_queries):
    make_notifications(user, 60)

    # One query authenticates the user, one reads the page: whatever the page size.
    with django_assert_num_queries(2):
        small = auth_client.get(LIST, {"page_size": 2})
    with django_assert_num_queries(2):
        large = auth_client.get(LIST, {"page_size": 50})

    assert (len(small.json()["results"]), len(large.json()["results"])) == (2, 50)


def test_unread_count_counts_only_own_unread(auth_client, user, make_user):
    make_notifications(user, 4)
    make_notifications(user, 2, read=True)
    make_notifications(make_user(), 5)

    response = auth_client.get(UNREAD_COUNT)

    assert response.status_code == 200
    assert response.json() == {"count": 4}


def test_unread_count_requires_authentication(api_client, db):
    assert_error(api_client.get(UNREAD_COUNT), 401, "not_authenticated")


def test_mark_read_sets_read_at_and_returns_the_notification(auth_client, user):
    notification, other = make_notifications(user, 2)

    response = auth_client.post(read_url(notification))

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == NOTIFICATION_FIELDS
    assert body["id"] == str(notification.pk) and body["read_at"]
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.read_at is not None and other.read_at is None
    assert auth_client.get(UNREAD_COUNT).json() == {"count": 1}


def test_mark_read_twice_keeps_the_first_read_time(auth_client, user):
    [notification] = make_notifications(user, 1)
    first = auth_client.post(read_url(notification)).json()["read_at"]

    second = auth_client.post(read_url(notification))

    assert second.status_code == 200
    assert second.json()["read_at"] == first


def test_mark_read_of_someone_elses_notification_is_404(auth_client, make_user):
    [foreign] = make_notifications(make_user(), 1)

    response = auth_client.post(read_url(foreign))

    assert_error(response, 404, "not_found")
    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_mark_read_of_unknown_id_is_404(auth_client):
    response = auth_client.post("/api/v1/notifications/00000000-0000-0000-0000-000000000000/read/")

    assert_error(response, 404, "not_found")


def test_mark_read_requires_authentication(api_client, user):
    [notification] = make_notifications(user, 1)

    assert_error(api_client.post(read_url(notification)), 401, "not_authenticated")
    notification.refresh_from_db()
    assert notification.read_at is None


def test_read_all_marks_own_unread_and_reports_how_many(auth_client, user, make_user):
    make_notifications(user, 3)
    already_read = make_notifications(user, 2, read=True)
    [foreign] = make_notifications(make_user(), 1)

    response = auth_client.post(READ_ALL)

    assert response.status_code == 200
    assert response.json() == {"updated": 3}
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    foreign.refresh_from_db()
    assert foreign.read_at is None
    for notification in already_read:  # earlier read times are kept
        assert Notification.objects.get(pk=notification.pk).read_at == notification.read_at


def test_read_all_with_nothing_unread_reports_zero(auth_client, user):
    make_notifications(user, 2, read=True)

    response = auth_client.post(READ_ALL)

    assert response.json() == {"updated": 0}


def test_read_all_requires_authentication(api_client, db):
    assert_error(api_client.post(READ_ALL), 401, "not_authenticated")
