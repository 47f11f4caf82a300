"""API: the paginated feedback list (20 per page) against a bare JsonResponse of the same
rows, served by the same Daphne process in the same run; and queries per request at page
sizes 10 and 100, which must be equal.

The data is a review under way: 200 comments, a third with a reply, a quarter mentioning a
teammate, half with a reaction. The bare view reads the rows the API's page shows (the same
columns, replies, mentions and reactions; checked below) and returns them as they come; the
narrower baseline used up to a0eda12 is reported beside it, without a target.

Token revocation (issue 19): the same authenticated lists (the feedback page and the cheap
project list) served by a second Daphne whose authentication is plain simplejwt, without
the Redis denylist check (bench/settings.py, BENCH_WITHOUT_DENYLIST=1), interleaved in the
same run: the check must cost at most one Redis round trip (ratio ≥ 0.9)."""

import pytest
import requests
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from apps.feedbacks.models import Reaction
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, VersionFactory
from apps.projects.tests.factories import MembershipFactory, ProjectFactory
from apps.users.services import token_pair_for

from .conftest import http_load

ROUNDS = 3
REQUESTS_PER_ROUND = 300
CONCURRENCY = 4


def review_under_way():
    project = ProjectFactory()
    teammate = MembershipFactory(project=project).user
    version = VersionFactory(asset=AssetFactory(project=project), duration=600.0, frame_count=15000)
    for n in range(200):
        comment = FeedbackFactory(
            version=version, author=project.owner, frame=(n * 37) % 15000, body=f"코멘트 {n} " * 5
        )
        if n % 3 == 0:
            FeedbackFactory(version=version, parent=comment, author=teammate, frame=comment.frame, body=f"답글 {n}")
        if n % 4 == 0:
            comment.mentions.add(teammate)
        if n % 2 == 0:
            Reaction.objects.create(feedback=comment, user=teammate, emoji="👍")
    return project, version


def assert_same_rows(api_page: dict, bare_page: dict) -> None:
    """The bare view serves the comments, replies, mentions and reactions the API shows."""
    results = api_page["results"]
    replies = [reply for comment in results for reply in comment["replies"]]
    assert [c["id"] for c in results] == [row["id"] for row in bare_page["results"]]
    assert [r["id"] for r in replies] == [row["id"] for row in bare_page["replies"]]
    assert sum(len(c["mentions"]) for c in results + replies) == len(bare_page["mentions"]) > 0
    assert sum(r["count"] for c in results + replies for r in c["reactions"]) == len(bare_page["reactions"]) > 0
    assert replies


def requests_per_second(runs) -> float:
    return sum(r.requests for r in runs) / sum(r.seconds for r in runs)


@pytest.mark.django_db(transaction=True)
def test_feedback_list_against_bare_json(bench_server, report):
    project, version = review_under_way()
    token = str(AccessToken.for_user(project.owner))
    headers = {"Authorization": f"Bearer {token}"}

    server = bench_server()
    api = f"{server.url}/api/v1/versions/{version.pk}/feedback/?page_size=20"
    bare = f"{server.url}/bench/bare-feedback/{version.pk}/"
    narrow = f"{server.url}/bench/narrow-feedback/{version.pk}/"
    assert_same_rows(requests.get(api, headers=headers).json(), requests.get(bare).json())
    http_load(api, total=40, concurrency=2, headers=headers)  # warm every path
    http_load(bare, total=40, concurrency=2)
    http_load(narrow, total=40, concurrency=2)

    api_runs, bare_runs, narrow_runs = [], [], []
    for _ in range(ROUNDS):  # interleaved, so drift hits every side alike
        api_runs.append(http_load(api, total=REQUESTS_PER_ROUND, concurrency=CONCURRENCY, headers=headers))
        bare_runs.append(http_load(bare, total=REQUESTS_PER_ROUND, concurrency=CONCURRENCY))
        narrow_runs.append(http_load(narrow, total=REQUESTS_PER_ROUND, concurrency=CONCURRENCY))
    assert {s for run in api_runs + bare_runs + narrow_runs for s in run.statuses} == {200}

    api_rps, bare_rps, narrow_rps = map(requests_per_second, (api_runs, bare_runs, narrow_runs))
    api_p95 = max(r.p95 for r in api_runs)
    bare_p95 = max(r.p95 for r in bare_runs)
    ratio = api_rps / bare_rps
    report.add(
        "API feedback list",
        "requests/s (20 per page)",
        f"{api_rps:.0f}",
        baseline=f"{bare_rps:.0f} bare",
        ratio=f"{ratio:.2f}",
        target="≥ 0.60",
        passed=ratio >= 0.6,
    )
    report.add(
        "API feedback list",
        "p95 latency",
        f"{api_p95:.1f} ms",
        baseline=f"{bare_p95:.1f} ms bare",
        ratio=f"{api_p95 / bare_p95:.2f}",
    )
    report.add(
        "API feedback list",
        "requests/s vs the narrow baseline (9 columns, no people/mentions/reactions)",
        f"{api_rps:.0f}",
        baseline=f"{narrow_rps:.0f} narrow",
        ratio=f"{api_rps / narrow_rps:.2f}",
    )

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    counts = {}
    for size in (10, 100):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/versions/{version.pk}/feedback/?page_size={size}")
        assert response.status_code == 200 and len(response.json()["results"]) == size
        counts[size] = len(queries)
    report.add(
        "API feedback list",
        "queries per request (10 / 100 per page)",
        f"{counts[10]} / {counts[100]}",
        target="equal",
        passed=counts[10] == counts[100],
    )


@pytest.mark.django_db(transaction=True)
def test_revocation_check_against_the_same_lists_without_it(bench_server, report):
    project, version = review_under_way()
    for _ in range(10):
        MembershipFactory(user=project.owner)  # the owner's project list: 11 projects
    headers = {"Authorization": f"Bearer {token_pair_for(project.owner)['access']}"}
    checked, plain = bench_server(), bench_server(BENCH_WITHOUT_DENYLIST="1")
    lists = {
        "feedback list (20 per page)": f"/api/v1/versions/{version.pk}/feedback/?page_size=20",
        "project list": "/api/v1/projects/",
    }
    for path in lists.values():
        for server in (checked, plain):
            http_load(server.url + path, total=40, concurrency=2, headers=headers)  # warm every path

    for name, path in lists.items():
        checked_runs, plain_runs = [], []
        for _ in range(ROUNDS):  # interleaved, so drift hits both sides alike
            checked_runs.append(
                http_load(checked.url + path, total=REQUESTS_PER_ROUND, concurrency=CONCURRENCY, headers=headers)
            )
            plain_runs.append(
                http_load(plain.url + path, total=REQUESTS_PER_ROUND, concurrency=CONCURRENCY, headers=headers)
            )
        assert {s for run in checked_runs + plain_runs for s in run.statuses} == {200}
        checked_rps, plain_rps = requests_per_second(checked_runs), requests_per_second(plain_runs)
        ratio = checked_rps / plain_rps
        report.add(
            "Token revocation check",
            f"requests/s, {name}",
            f"{checked_rps:.0f}",
            baseline=f"{plain_rps:.0f} without the check",
            ratio=f"{ratio:.2f}",
            target="≥ 0.90",
            passed=ratio >= 0.9,
        )
