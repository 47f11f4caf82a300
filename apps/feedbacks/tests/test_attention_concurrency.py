"""Reports that arrive at the same time (two tabs, a retry racing the next batch) are merged
one after the other: no range is lost, on PostgreSQL (row lock, unique-insert race) and
SQLite (IMMEDIATE transactions) alike."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from apps.feedbacks.models import WatchRecord
from apps.projects.models import Role
from apps.projects.tests.conftest import client_for

from .conftest import url

pytestmark = pytest.mark.django_db(transaction=True)

PARTS = [[0, 20], [40, 60], [80, 100], [120, 140], [160, 180], [200, 220]]


def post_at_once(clients_and_urls: list[tuple], bodies: list[dict]) -> list[int]:
    barrier = threading.Barrier(len(bodies))
    statuses: list[int] = [0] * len(bodies)

    def run(index: int) -> None:
        client, target = clients_and_urls[index]
        try:
            barrier.wait(timeout=10)
            statuses[index] = client.post(target, bodies[index], format="json").status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


def test_concurrent_first_reports_of_one_member_lose_nothing(review):
    target = url("version-attention-me", version_id=review.version.pk)
    # One client per thread: a test client keeps per-request state.
    clients = [(client_for(review.users[Role.REVIEWER]), target) for _ in PARTS]

    statuses = post_at_once(clients, [{"ranges": [part]} for part in PARTS])

    assert statuses == [200] * len(PARTS)
    record = WatchRecord.objects.get(version=review.version, viewer=review.users[Role.REVIEWER])
    assert (record.ranges, record.watched_frames) == (PARTS, 120)


def test_concurrent_reports_of_one_guest_lose_nothing(review):
    target = url("share-attention", token=review.link.token)
    key = "concurrent-guest-key-000001"
    statuses = post_at_once(
        [(APIClient(), target) for _ in PARTS], [{"guest_key": key, "ranges": [part]} for part in PARTS]
    )

    assert statuses == [200] * len(PARTS)
    assert WatchRecord.objects.get(share_link=review.link, guest_key=key).ranges == PARTS


def test_concurrent_new_guests_never_go_past_the_links_cap(review, settings):
    """Six first reports of six guests at once on a link that records two: two get in."""
    settings.SHARE_LINK_MAX_GUESTS = 2
    target = url("share-attention", token=review.link.token)
    bodies = [{"guest_key": f"racing-guest-{index:06}", "ranges": [[0, 10]]} for index in range(6)]

    statuses = post_at_once([(APIClient(), target) for _ in bodies], bodies)

    assert sorted(statuses) == [200, 200, 409, 409, 409, 409]
    assert WatchRecord.objects.filter(share_link=review.link).count() == 2


def test_concurrent_first_reports_of_one_guest_take_one_place(review, settings):
    """The one guest a link has room for sends its first reports at once (two tabs): all of
    them are that guest's, none is told the link is full."""
    settings.SHARE_LINK_MAX_GUESTS = 1
    target = url("share-attention", token=review.link.token)
    key = "last-place-guest-key-01"

    statuses = post_at_once(
        [(APIClient(), target) for _ in PARTS], [{"guest_key": key, "ranges": [part]} for part in PARTS]
    )

    assert statuses == [200] * len(PARTS)
    assert WatchRecord.objects.get(share_link=review.link).ranges == PARTS
