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
