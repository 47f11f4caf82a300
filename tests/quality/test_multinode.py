"""Two web nodes and two Celery workers on one PostgreSQL and one Redis, as several pods behind
a load balancer: real Daphne processes, real workers, real sockets (no containers).

- An event written through either node's REST API reaches the sockets held by both.
- A client that moves from node A to node B resumes with `?after=<last seq>`: nothing lost,
  nothing repeated.
- Presence is one list: a viewer on A and one on B see each other join, move and leave.
- Throttles are shared: alternating between the nodes does not double a limit.
- A revoked access token (logout, sign out everywhere) is refused by the other node at once.
- A scheduled task runs once, not once per worker: every message beat sends is run by one of
  the two workers; and the triage flush, which both workers may run for one project at the
  same moment, makes each batch once (the project's settings row is its lock)."""

import contextlib
import datetime
import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass

import pytest
import requests
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from websockets.sync.client import connect

from apps.ai_planning.models import AIJob, AISettings
from apps.ai_planning.services import ai_settings_for
from apps.ai_planning.tasks import feedback_triage_flush
from apps.core.models import StreamEvent
from apps.feedbacks.models import Feedback
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, VersionFactory
from apps.monitoring.models import MetricPoint, TaskRun
from apps.projects.models import Role
from apps.projects.tests.factories import MembershipFactory, ProjectFactory
from apps.users.services import token_pair_for
from tests.factories import UserFactory
from tests.fake_openai import FakeOpenAI
from tests.nodes import WebNode, stop, web_nodes
from tests.workers import start_worker, tasks_routed_to, worker_env, worker_queue

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
    pytest.mark.skipif(connection.vendor == "sqlite", reason="several nodes share a PostgreSQL, not a SQLite file"),
]

LIMIT = 20  # THROTTLE_USER on the nodes, per minute
QUIET = 1.0  # seconds of silence after which nothing more is on its way


@dataclass
class Cluster:
    a: WebNode
    b: WebNode
    namespace: str
    worker_env: dict
    fake: FakeOpenAI


@pytest.fixture(scope="module")
def cluster(django_db_setup):
    fake = FakeOpenAI().start()
    namespace = worker_queue("multinode")
    ai = {"OPENAI_API_KEY": "sk-multinode", "OPENAI_BASE_URL": fake.base_url, "PEXELS_API_KEY": ""}
    env = worker_env(namespace, **ai)
    workers = [start_worker(namespace, {**env, "MONITORING_HOST_NAME": n}, node=n) for n in ("worker-1", "worker-2")]
    try:
        with (
            web_nodes(2, CELERY_QUEUE_PREFIX=namespace, THROTTLE_USER=f"{LIMIT}/min") as (a, b),
            tasks_routed_to(namespace),
        ):
            yield Cluster(a=a, b=b, namespace=namespace, worker_env=env, fake=fake)
    finally:
        for worker in workers:
            stop(worker)
        fake.stop()


class Socket:
    """A protocol-following client on one node: keeps the `seq` events it was sent, in order."""

    def __init__(self, node: WebNode, path: str, token: str, *, after: int | None = None):
        query = f"?after={after}" if after is not None else ""
        self._stack = contextlib.ExitStack()
        self.ws = self._stack.enter_context(
            connect(
                f"{node.ws_url}{path}{query}", additional_headers={"Authorization": f"Bearer {token}"}, open_timeout=20
            )
        )
        self.hello = json.loads(self.ws.recv(timeout=20))
        assert self.hello["type"] == "hello", self.hello
        self.events: list[dict] = []
        self.other: list[dict] = []  # presence and other ephemeral messages

    def _take(self, timeout: float) -> dict | None:
        try:
            message = json.loads(self.ws.recv(timeout=timeout))
        except TimeoutError:
            return None
        (self.events if "seq" in message else self.other).append(message)
        return message

    def until(self, predicate, timeout: float = 20) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._take(max(0.01, deadline - time.monotonic()))
            if message is not None and predicate(message):
                return message
        raise AssertionError(f"nothing matching arrived in {timeout}s; got {self.events[-3:]} {self.other[-3:]}")

    def drain(self) -> None:
        """Everything still on its way (until QUIET seconds pass without a message)."""
        while self._take(QUIET) is not None:
            pass

    def seqs(self) -> list[int]:
        return [event["seq"] for event in self.events]

    def close(self) -> None:
        self._stack.close()


@dataclass
class Review:
    project: object
    version: object
    reviewer: object
    tokens: dict  # owner / reviewer → access token


@pytest.fixture
def review(cluster) -> Review:
    """A version under review: its owner and a reviewer, with tokens."""
    project = ProjectFactory()
    reviewer = MembershipFactory(project=project, role=Role.REVIEWER, user=UserFactory()).user
    version = VersionFactory(asset=AssetFactory(project=project))
    tokens = {"owner": token_pair_for(project.owner)["access"], "reviewer": token_pair_for(reviewer)["access"]}
    return Review(project=project, version=version, reviewer=reviewer, tokens=tokens)


def _comment(node: WebNode, version, token: str, body: str) -> None:
    response = requests.post(
        f"{node.url}/api/v1/versions/{version.pk}/feedback/",
        json={"body": body, "frame": 1},
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
    )
    assert response.status_code == 201, response.text


def _created(body: str):
    return lambda m: m["type"] == "feedback.created" and m["data"]["feedback"]["body"] == body


def _stored_seqs(version) -> list[int]:
    return list(
        StreamEvent.objects.filter(stream=f"version:{version.pk}").order_by("seq").values_list("seq", flat=True)
    )


def test_an_event_written_on_either_node_reaches_sockets_on_both(cluster, review):
    version, tokens = review.version, review.tokens
    path = f"/ws/versions/{version.pk}/"
    on_a, on_b = Socket(cluster.a, path, tokens["owner"]), Socket(cluster.b, path, tokens["reviewer"])
    try:
        for writer, body in ((cluster.a, "A에서 쓴 의견"), (cluster.b, "written through B")):
            _comment(writer, version, tokens["owner"], body)
            here, there = on_a.until(_created(body)), on_b.until(_created(body))
            assert here["seq"] == there["seq"]
        on_a.drain()
        on_b.drain()
        assert on_a.seqs() == on_b.seqs() == _stored_seqs(version) == [1, 2]
    finally:
        on_a.close()
        on_b.close()


def test_a_client_moving_from_node_a_to_node_b_resumes_with_nothing_lost_or_repeated(cluster, review):
    version, tokens = review.version, review.tokens
    path, token = f"/ws/versions/{version.pk}/", tokens["reviewer"]
    nodes = (cluster.a, cluster.b)

    first = Socket(cluster.a, path, token)
    for n in range(3):
        _comment(nodes[n % 2], version, tokens["owner"], f"before {n}")
        first.until(_created(f"before {n}"))
    first.close()  # node A goes away (or the balancer moves the client)
    for n in range(4):  # written while the client is away, through both nodes
        _comment(nodes[n % 2], version, tokens["owner"], f"away {n}")

    second = Socket(cluster.b, path, token, after=first.seqs()[-1])
    try:
        second.until(_created("away 3"))
        _comment(cluster.a, version, tokens["owner"], "live")
        second.until(_created("live"))
        second.drain()
        assert first.seqs() + second.seqs() == _stored_seqs(version) == list(range(1, 9))
        assert [e["data"]["feedback"]["body"] for e in second.events] == [f"away {n}" for n in range(4)] + ["live"]
    finally:
        second.close()


def test_presence_is_one_list_across_nodes(cluster, review):
    path = f"/ws/versions/{review.version.pk}/"
    owner_id, reviewer_id = str(review.project.owner.pk), str(review.reviewer.pk)
    on_a = Socket(cluster.a, path, review.tokens["owner"])
    on_b = Socket(cluster.b, path, review.tokens["reviewer"])
    try:
        assert {v["id"] for v in on_a.hello["presence"]} == {owner_id}
        assert {v["id"] for v in on_b.hello["presence"]} == {owner_id, reviewer_id}  # who is on A, too
        on_a.until(lambda m: m["type"] == "presence.joined" and m["data"]["user"]["id"] == reviewer_id)

        on_a.ws.send(json.dumps({"type": "presence.update", "playhead": 12.5, "playing": False}))
        moved = on_b.until(lambda m: m["type"] == "presence.update" and m["data"]["user"]["id"] == owner_id)
        assert moved["data"]["playhead"] == 12.5

        on_b.close()  # the reviewer leaves node B: node A's viewer is told (after the reload grace)
        on_a.until(lambda m: m["type"] == "presence.left" and m["data"]["user"]["id"] == reviewer_id, timeout=15)
    finally:
        on_a.close()
        on_b.close()


def test_throttles_are_shared_so_two_nodes_do_not_double_a_limit(cluster):
    headers = {"Authorization": f"Bearer {token_pair_for(UserFactory())['access']}"}
    statuses = Counter()
    for n in range(2 * LIMIT):
        node = (cluster.a, cluster.b)[n % 2]
        response = requests.get(f"{node.url}/api/v1/users/me/", headers=headers, timeout=20)
        statuses[response.status_code] += 1
        if response.status_code == 429:
            assert response.json()["error"]["code"] == "throttled"
    assert statuses == {200: LIMIT, 429: LIMIT}


def _me(node: WebNode, access: str) -> requests.Response:
    return requests.get(f"{node.url}/api/v1/users/me/", headers={"Authorization": f"Bearer {access}"}, timeout=20)


def test_a_token_logged_out_on_node_a_is_refused_on_node_b_within_a_second(cluster):
    user = UserFactory()
    session, other_device = token_pair_for(user), token_pair_for(user)
    assert _me(cluster.b, session["access"]).status_code == 200

    response = requests.post(
        f"{cluster.a.url}/api/v1/auth/logout/",
        json={"refresh": session["refresh"]},
        headers={"Authorization": f"Bearer {session['access']}"},
        timeout=20,
    )
    assert response.status_code == 204, response.content
    logged_out = time.monotonic()

    refused = _me(cluster.b, session["access"])
    assert time.monotonic() - logged_out < 1.0
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "token_revoked"
    assert _me(cluster.b, other_device["access"]).status_code == 200  # only that session ended

    # Sign out everywhere on B: the other device's token is refused on A at once.
    assert (
        requests.post(
            f"{cluster.b.url}/api/v1/auth/logout-all/",
            headers={"Authorization": f"Bearer {other_device['access']}"},
            timeout=20,
        ).status_code
        == 204
    )
    assert _me(cluster.a, other_device["access"]).json()["error"]["code"] == "token_revoked"


COLLECT = "apps.monitoring.tasks.collect_metrics"


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def test_a_scheduled_task_runs_once_not_once_per_worker(cluster, tmp_path):
    log = tmp_path / "beat.log"
    env = {**cluster.worker_env, "MONITORING_COLLECT_INTERVAL": "1"}  # beat sends the collector every second
    with log.open("wb") as sink:
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    runs = TaskRun.objects.filter(name=COLLECT)
    try:
        # Beat's own "Sending due task" lines are quieted for every-second tasks (core.logging),
        # so count the messages by their task runs: one row per task id.
        assert _wait(lambda: runs.count() >= 5, 60), log.read_text()[-2000:]
    finally:
        stop(beat)
    assert _wait(lambda: runs.filter(finished_at__isnull=False).count() == runs.count(), 30), runs.count()
    time.sleep(QUIET)  # a run per worker would land now
    sent = runs.count()
    assert runs.filter(finished_at__isnull=False).count() == sent
    # Each run sampled its worker's host once: as many sample times as messages.
    samples = MetricPoint.objects.filter(host__name__in=["worker-1", "worker-2"]).values_list("host_id", "ts")
    assert len(set(samples)) == sent


def test_two_workers_flushing_one_project_at_once_make_each_triage_batch_once(cluster, review):
    project, version = review.project, review.version
    waited = timezone.now() - datetime.timedelta(minutes=1)  # past the 30-second rule
    comments = [FeedbackFactory(version=version, author=project.owner, triage_queued_at=waited) for _ in range(20)]
    ai_settings_for(project)
    flushes = TaskRun.objects.filter(name=feedback_triage_flush.name)

    with transaction.atomic():
        # Hold the project's flush lock until both workers are inside a flush of this project.
        AISettings.objects.select_for_update().get(project=project)
        for _ in range(4):
            feedback_triage_flush.delay(str(project.pk))
        assert _wait(lambda: flushes.values("worker").distinct().count() == 2, 30), list(flushes.values("worker"))

    triaged = Feedback.objects.filter(pk__in=[c.pk for c in comments], triage__isnull=False)
    assert _wait(lambda: triaged.count() == 20, 60), triaged.count()
    jobs = AIJob.objects.filter(project=project, kind=AIJob.Kind.FEEDBACK_TRIAGE)
    assert jobs.count() == 2  # two batches of ten, each made once
    assert sorted(Counter(triaged.values_list("triage_job_id", flat=True)).values()) == [10, 10]
    assert len(cluster.fake.calls_named("feedback_triage")) == 2
