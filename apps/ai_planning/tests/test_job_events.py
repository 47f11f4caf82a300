"""`GET ai-jobs/{id}/events/` through a real Daphne with an SSE client (httpx-sse): the
events of the job in order, resumed with Last-Event-ID exactly once each, keep-alive
comments, the end after the final event, the refusals, and many open streams that hold no
thread and no database connection."""

import asyncio
import json
import os
import threading
from pathlib import Path

import httpx
import pytest
from django.db import transaction
from httpx_sse import connect_sse

from apps.ai_planning.models import AIJob, Plan
from apps.ai_planning.services import jobs, runner
from apps.core import events, revocation
from apps.core.models import StreamEvent
from apps.projects.activity import project_stream
from apps.projects.models import Role
from apps.projects.tests.factories import MembershipFactory, ProjectFactory
from apps.users.services import token_pair_for
from tests.factories import UserFactory
from tests.nodes import web_nodes

from .factories import AIJobFactory, PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)

KEEP_ALIVE_SECONDS = 0.5
STREAMS = 50


@pytest.fixture(scope="module")
def node(django_db_setup, django_db_blocker):
    """One Daphne for the module, with a keep-alive short enough to watch, a database pool
    far smaller than the streams opened (PostgreSQL) and a small default thread pool."""
    with web_nodes(1, SSE_KEEPALIVE_SECONDS=str(KEEP_ALIVE_SECONDS), DB_POOL_MAX_SIZE="4", ASGI_THREADS="4") as nodes:
        yield nodes[0]


@pytest.fixture
def job():
    project = ProjectFactory()
    plan = PlanFactory(project=project, brief__project=project, queued=True)
    return AIJobFactory(project=project, plan=plan, status=AIJob.Status.RUNNING)


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {token_pair_for(user)['access']}"}


def url(node, job, query="") -> str:
    return f"{node.url}/api/v1/ai-jobs/{job.pk}/events/{query}"


# --- the job's life, through the services' own publishers ---------------------------------------


def started(job):
    jobs._job_event(job, "ai_job.started")


def progress(job, step, percent):
    runner._progress(Plan.objects.get(pk=job.plan_id), job, step, percent)


def succeeded(job):
    with transaction.atomic():
        jobs._job_succeeded(AIJob.objects.get(pk=job.pk))


def noise(job):
    """Events of the same project stream that are not this job's."""
    events.publish(stream=project_stream(job.project_id), type="phase.created", data={"phase": {}})
    jobs._job_event(AIJobFactory(project=job.project), "ai_job.queued")


def job_seqs(job) -> list[int]:
    stream = StreamEvent.objects.filter(stream=project_stream(job.project_id))
    return [
        e.seq
        for e in stream.order_by("seq")
        if str(e.data.get("job_id") or e.data.get("job", {}).get("id")) == str(job.pk)
    ]


def read(source, count: int) -> list:
    """The next `count` events of an open stream."""
    got = []
    for event in source:
        got.append(event)
        if len(got) == count:
            break
    return got


# --- events, resume, keep-alive, the end --------------------------------------------------------


def test_a_member_receives_every_event_of_the_job_in_order_then_the_stream_ends(node, job):
    viewer = MembershipFactory(project=job.project, role=Role.VIEWER).user
    started(job)
    noise(job)
    progress(job, "logline", 10)
    with httpx.Client(timeout=10) as client, connect_sse(client, "GET", url(node, job), headers=bearer(viewer)) as sse:
        assert sse.response.status_code == 200
        assert sse.response.headers["content-type"].startswith("text/event-stream")
        source = sse.iter_sse()
        replayed = read(source, 2)
        noise(job)
        progress(job, "synopsis", 30)
        succeeded(job)
        live = list(source)  # ends by itself after the final event

    received = replayed + live
    assert [int(event.id) for event in received] == job_seqs(job)
    assert [event.event for event in received] == [
        "ai_job.started",
        "plan.progress",
        "plan.progress",
        "ai_job.succeeded",
    ]
    # `data` is the WebSocket message itself.
    stored = StreamEvent.objects.get(stream=project_stream(job.project_id), seq=int(received[1].id))
    assert json.loads(received[1].data) == events.wire_format(stored)
    assert json.loads(received[-1].data)["data"]["job"]["status"] == "succeeded"


def test_a_client_that_disconnects_resumes_with_last_event_id_and_gets_each_remaining_event_once(node, job):
    owner = job.project.owner
    started(job)
    progress(job, "logline", 10)
    progress(job, "synopsis", 20)
    with httpx.Client(timeout=10) as client:
        with connect_sse(client, "GET", url(node, job), headers=bearer(owner)) as sse:
            first = read(sse.iter_sse(), 2)
        # Gone for a while: the job goes on.
        progress(job, "sections", 40)
        noise(job)
        headers = {**bearer(owner), "Last-Event-ID": first[-1].id}
        with connect_sse(client, "GET", url(node, job), headers=headers) as sse:
            source = sse.iter_sse()
            caught_up = read(source, 2)
            progress(job, "scenes", 60)
            succeeded(job)
            rest = caught_up + list(source)
        # `?after=` does the same for clients that cannot set a header.
        with connect_sse(client, "GET", url(node, job, f"?after={rest[-2].id}"), headers=bearer(owner)) as sse:
            tail = list(sse.iter_sse())

    ids = [int(event.id) for event in first + rest]
    assert ids == job_seqs(job), "every event once, in order, across the reconnect"
    assert [int(event.id) for event in tail] == ids[-1:]


def test_an_idle_stream_sends_keep_alive_comments_and_closes_after_the_final_event(node, job):
    owner = job.project.owner
    lines = []
    with httpx.Client(timeout=10) as client, client.stream("GET", url(node, job), headers=bearer(owner)) as response:
        source = response.iter_lines()
        while lines.count(": keep-alive") < 2:
            lines.append(next(source))
        succeeded(job)
        lines.extend(source)  # the server ends the response
    assert lines[:2] == [": open", ""]
    final = [line for line in lines if line.startswith("event:")]
    assert final == ["event: ai_job.succeeded"]
    assert lines[-2].startswith("data:") and '"ai_job.succeeded"' in lines[-2]


def test_a_finished_job_replays_and_closes_at_once(node, job):
    started(job)
    succeeded(job)
    with httpx.Client(timeout=5) as client:
        with connect_sse(client, "GET", url(node, job), headers=bearer(job.project.owner)) as sse:
            received = list(sse.iter_sse())
        with connect_sse(
            client, "GET", url(node, job, f"?after={job_seqs(job)[-1]}"), headers=bearer(job.project.owner)
        ) as sse:
            after_the_end = list(sse.iter_sse())
    assert [event.event for event in received] == ["ai_job.started", "ai_job.succeeded"]
    assert after_the_end == []


def test_the_stream_ends_when_the_token_is_revoked(node, job):
    owner = job.project.owner
    token = token_pair_for(owner)["access"]
    with httpx.Client(timeout=10) as client:
        with connect_sse(client, "GET", url(node, job), headers={"Authorization": f"Bearer {token}"}) as sse:
            source = sse.iter_sse()
            started(job)
            read(source, 1)
            revocation.user_tokens_revoke(owner.pk)
            assert list(source) == []  # ended without the job finishing
        again = client.get(url(node, job), headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 401 and again.json()["error"]["code"] == "token_revoked"


# --- refusals: the error envelope, as on every route --------------------------------------------


def test_refusals_answer_the_error_envelope(node, job):
    outsider = UserFactory()
    other_job = AIJobFactory()
    cases = [
        ({}, 401, "not_authenticated"),
        ({"Authorization": "Bearer not-a-jwt"}, 401, "token_invalid"),
        (bearer(outsider), 404, "not_found"),
    ]
    with httpx.Client(timeout=5) as client:
        answers = [(client.get(url(node, job), headers=headers), status, code) for headers, status, code in cases]
        answers.append((client.get(url(node, other_job), headers=bearer(job.project.owner)), 404, "not_found"))
        bad_id = client.get(url(node, job), headers={**bearer(job.project.owner), "Last-Event-ID": "x"})
        answers.append((bad_id, 400, "validation_error"))
    for response, status, code in answers:
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/json"
        error = response.json()["error"]
        assert error["code"] == code and error["request_id"] == response.headers["X-Request-ID"]


# --- many open streams ----------------------------------------------------------------------------


def threads_of(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


class StreamPool:
    """Streams held open by an event loop in a thread of its own (the test's thread keeps
    the database); `call` runs a coroutine there."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def call(self, coroutine, timeout=60):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


async def _open(client, address, headers, count):
    streams = []
    for _ in range(count):
        response = await client.send(client.build_request("GET", address, headers=headers), stream=True)
        lines = response.aiter_lines()
        assert await anext(lines) == ": open"
        streams.append((response, lines))
    return streams


async def _events_until_end(streams) -> list[list[str]]:
    async def one(lines):
        return [line async for line in lines if line.startswith("event:")]

    return await asyncio.gather(*(one(lines) for _, lines in streams))


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts threads through /proc")
def test_fifty_open_streams_hold_no_thread_and_no_database_connection(node, job):
    owner = job.project.owner
    headers = bearer(owner)
    detail = f"{node.url}/api/v1/ai-jobs/{job.pk}/"
    pool = StreamPool()
    client = httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=STREAMS + 5))
    try:
        assert httpx.get(detail, headers=headers, timeout=10).status_code == 200  # warm
        before = threads_of(node.process.pid)
        streams = pool.call(_open(client, url(node, job), headers, STREAMS))
        during = threads_of(node.process.pid)
        # A normal request (database and all) is answered while every stream is open, with a
        # pool of 4 connections and 4 default threads.
        assert httpx.get(detail, headers=headers, timeout=10).status_code == 200
        started(job)
        succeeded(job)
        seen = pool.call(_events_until_end(streams))
    finally:
        pool.call(client.aclose())
        pool.close()
    assert all(events_ == ["event: ai_job.started", "event: ai_job.succeeded"] for events_ in seen)
    assert during - before < 5, f"{during - before} more threads with {STREAMS} streams open"
