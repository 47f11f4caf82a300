"""API: the paginated feedback list (20 per page) against a bare JsonResponse of the same
rows, served by the same Daphne process in the same run; and queries per request at page
sizes 10 and 100, which must be equal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, VersionFactory
from apps.projects.tests.factories import ProjectFactory

from .conftest import http_load

ROUNDS = 3
REQUESTS_PER_ROUND = 300
CONCURRENCY = 4


@pytest.mark.django_db(transaction=True)
def test_feedback_list_against_bare_json(bench_server, report):
    project = ProjectFactory()
    version = VersionFactory(asset=AssetFactory(project=project), duration=600.0, frame_count=15000)
    for n in range(200):
        FeedbackFactory(version=version, author=project.owner, frame=(n * 37) % 15000, body=f"코멘트 {n} " * 5)
    token = str(AccessToken.for_user(project.owner))
    headers = {"Authorization": f"Bearer {token}"}

    server = bench_server()
    api = f"{server.url}/api/v1/versions/{version.pk}/feedback/?page_size=20"
    bare = f"{server.url}/bench/bare-feedback/{version.pk}/"
    http_load(api, total=40, concurrency=2, headers=headers)  # warm both paths
    http_load(bare, total=40, concurrency=2)

    api_runs, bare_runs = [], []
    for _ in range(ROUNDS):  # interleaved, so drift hits both sides alike
        api_runs.append(http_load(api, total=REQUESTS_PER_ROUND, concurrency=CONCURRENCY, headers=headers))
        bare_runs.append(http_load(bare, total=REQUESTS_PER_ROUND, concurrency=CONCURRENCY))
    assert {s for run in api_runs for s in run.statuses} == {200}
    assert {s for run in bare_runs for s in run.statuses} == {200}

    api_rps = sum(r.requests for r in api_runs) / sum(r.seconds for r in api_runs)
    bare_rps = sum(r.requests for r in bare_runs) / sum(r.seconds for r in bare_runs)
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
