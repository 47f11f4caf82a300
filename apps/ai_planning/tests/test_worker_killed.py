"""A worker SIGKILLed while AI work waits holds none of it (issue 15, defect 7).

With the Redis broker a message a worker has fetched stays unacknowledged until the broker's
visibility timeout (an hour in production) when the worker dies without acking it. A task sent
with a countdown is fetched at once and held until its time, so a killed worker used to sit on
every pending triage flush and AI retry for that hour. Now nothing is sent with a countdown:
the wait is a time in the database (`Feedback.triage_queued_at`, `AIJob.retry_at`) and the beat
sweeps send the work when it is due. Real worker processes on the real broker with its
production visibility timeout; the beat is played by sending its tasks with a later `now`."""

import datetime
import json
import os
import signal
import time

import pytest
import redis
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.ai_planning.models import AIJob, Plan
from apps.ai_planning.tasks import ai_jobs_sweep, feedback_triage_flush_due
from apps.feedbacks.models import Feedback
from apps.feedbacks.tests.factories import AssetFactory, VersionFactory
from tests.workers import start_worker, tasks_routed_to, worker_env, worker_queue

from .factories import BriefFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _wait_for(predicate, timeout: float = 40) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def _held_by_workers(namespace: str) -> list[str]:
    """Tasks of this test fetched by a worker and not acknowledged (kombu's `unacked` hash)."""
    with redis.Redis.from_url(settings.CELERY_BROKER_URL) as client:
        held = []
        for raw in client.hvals("unacked"):
            message, _exchange, routing_key = json.loads(raw)
            if routing_key.startswith(namespace):
                held.append(message["headers"]["task"])
        return held


def test_a_killed_worker_holds_no_waiting_triage_or_ai_retry(project_with_roles, fake_openai):
    ctx = project_with_roles
    namespace = worker_queue("killed")
    env = worker_env(
        namespace,
        OPENAI_API_KEY="sk-worker",
        OPENAI_BASE_URL=fake_openai.base_url,
        AI_MAX_RETRIES="2",
        AI_RETRY_BASE_SECONDS="0.01",
        AI_JOB_RETRY_BASE_SECONDS="60",  # the retry waits a minute: it must not wait in a worker
        PEXELS_API_KEY="",
        GOOGLE_CSE_KEY="",
        UNSPLASH_ACCESS_KEY="",
    )
    workers = [start_worker(namespace, env, start_new_session=True)]
    try:
        with tasks_routed_to(namespace):
            # A comment that waits up to 30 s for its batch, and a plan whose first attempt fails.
            version = VersionFactory(asset=AssetFactory(project=ctx.project))
            comment = ctx.client("reviewer").post(
                reverse("version-feedback", kwargs={"version_id": version.pk}), {"body": "색감", "frame": 3}
            )
            assert comment.status_code == 201, comment.content
            fake_openai.queue("500", "500", "500")  # the 3 HTTP attempts of the first job attempt
            brief = BriefFactory(project=ctx.project, created_by=ctx.users["editor"])
            plan = ctx.client("editor").post(reverse("brief-plans", kwargs={"brief_id": brief.pk}))
            assert plan.status_code == 202, plan.content
            job_id = plan.json()["id"]
            assert _wait_for(lambda: AIJob.objects.get(pk=job_id).retry_at is not None)

            # The worker is done with everything due; what waits is in the database, not in it.
            assert _wait_for(lambda: _held_by_workers(namespace) == [], 15), _held_by_workers(namespace)
            os.killpg(workers[0].pid, signal.SIGKILL)
            workers[0].wait(timeout=10)
            assert _held_by_workers(namespace) == []

            # A replacement worker, and the beat once the waits are over: everything gets done.
            workers.append(start_worker(namespace, env, start_new_session=True))
            later = (timezone.now() + datetime.timedelta(seconds=61)).isoformat()
            feedback_triage_flush_due.delay(later)
            ai_jobs_sweep.delay(later)

            def job() -> AIJob:
                return AIJob.objects.get(pk=job_id)

            assert _wait_for(lambda: job().status == AIJob.Status.SUCCEEDED), (job().status, job().error)
            assert job().attempts == 2
            assert Plan.objects.get(jobs=job_id).status == Plan.Status.SUCCEEDED
            triaged = Feedback.objects.filter(pk=comment.json()["id"], triage__isnull=False)
            assert _wait_for(triaged.exists), Feedback.objects.get(pk=comment.json()["id"]).triage_queued_at
    finally:
        for process in workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
