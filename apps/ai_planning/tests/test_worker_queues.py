"""An AI job's priority decides its queue, and an urgent triage is not held up by bulk AI work.
Real Celery worker processes on the real Redis broker; the bulk jobs are version digests whose
fake OpenAI answers take SLOW seconds each, the urgent one is a comment marked urgent.

- The shipped layout (settings.CELERY_WORKER_QUEUES, what make run and the Procfile start):
  the "fast" worker serves ai-urgent while the "bulk" worker is busy with the full ai queue.
- One worker serving both (`-Q ai-urgent,ai`, prefetch 1, kombu's "priority" queue order): the
  urgent job goes ahead of every bulk job still waiting and finishes right after the running one."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from apps.ai_planning.models import AIJob
from apps.ai_planning.services import job_queue
from apps.core.tasks import prune_stream_events
from apps.feedbacks.models import Feedback
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, VersionFactory
from apps.monitoring.models import TaskRun
from tests.workers import start_worker, tasks_routed_to, worker_env, worker_queue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SLOW = 5.0  # seconds per bulk job


@pytest.mark.parametrize(
    "priority, queue",
    [
        (AIJob.Priority.URGENT, "ai-urgent"),
        (AIJob.Priority.HIGH, "ai-urgent"),
        (AIJob.Priority.NORMAL, "ai"),
        (AIJob.Priority.LOW, "ai"),
    ],
)
def test_an_ai_job_goes_to_the_queue_of_its_priority(priority, queue):
    assert job_queue(AIJob(priority=priority)) == queue


@pytest.fixture
def slow_digests(fake_openai):
    fake_openai.by_schema["feedback_digest"] = "slow"
    previous, fake_openai.slow_seconds = fake_openai.slow_seconds, SLOW
    yield fake_openai
    fake_openai.slow_seconds = previous


@pytest.fixture
def workers(slow_digests):
    """Starts workers serving the given queue groups of one namespace; the test's sends go there."""
    namespace = worker_queue("queues")
    env = worker_env(
        namespace,
        OPENAI_API_KEY="sk-worker",
        OPENAI_BASE_URL=slow_digests.base_url,
        AI_TIMEOUT_SECONDS=str(SLOW * 4),
        PEXELS_API_KEY="",
        GOOGLE_CSE_KEY="",
        UNSPLASH_ACCESS_KEY="",
    )
    started = []
    with tasks_routed_to(namespace):
        yield lambda *groups: started.extend(start_worker(namespace, env, queues=queues) for queues in groups)
    for process in started:
        process.terminate()  # a warm shutdown: the digest in hand is finished first
    for process in started:
        process.wait(timeout=SLOW * 4)


def _wait(predicate, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _fill_the_ai_queue(ctx, fake, count: int) -> list[str]:
    """`count` digest jobs (priority normal: the ai queue); returns once a worker runs the first."""
    jobs = []
    for _ in range(count):
        version = VersionFactory(asset=AssetFactory(project=ctx.project))
        FeedbackFactory(version=version, author=ctx.users["reviewer"], body="컷 전환이 빨라요")
        response = ctx.client("reviewer").post(reverse("version-digest", kwargs={"version_id": version.pk}))
        assert response.status_code == 202, response.content
        jobs.append(AIJob.objects.get(kind=AIJob.Kind.FEEDBACK_DIGEST, digest__version=version))
    assert {job.priority for job in jobs} == {AIJob.Priority.NORMAL}
    assert _wait(lambda: fake.calls_named("feedback_digest")), "no worker took a digest"
    return [job.pk for job in jobs]


def _serving(task) -> None:
    """Returns once a worker of this namespace has run `task` (its queue's only consumer)."""
    task.delay()
    assert _wait(lambda: TaskRun.objects.filter(name=task.name, state="succeeded").exists()), "worker not up"


def _urgent_comment(ctx) -> tuple[Feedback, float]:
    version = VersionFactory(asset=AssetFactory(project=ctx.project))
    url = reverse("version-feedback", kwargs={"version_id": version.pk})
    sent = time.monotonic()
    response = ctx.client("reviewer").post(url, {"body": "자막 오타", "frame": 12, "urgent": True}, format="json")
    assert response.status_code == 201, response.content
    return Feedback.objects.get(pk=response.json()["id"]), sent


def _finished_digests(job_ids) -> int:
    return AIJob.objects.filter(pk__in=job_ids, finished_at__isnull=False).count()


def test_an_urgent_triage_is_not_held_up_by_a_full_ai_queue(project_with_roles, slow_digests, workers):
    ctx = project_with_roles
    workers(*settings.CELERY_WORKER_QUEUES.values())  # "fast" and "bulk", as deployed
    _serving(prune_stream_events)  # the default queue: only "fast" serves it
    bulk = _fill_the_ai_queue(ctx, slow_digests, 4)  # 4 × SLOW s of bulk work ahead

    feedback, sent = _urgent_comment(ctx)
    assert _wait(lambda: Feedback.objects.get(pk=feedback.pk).triage is not None, timeout=SLOW * 5)
    took = time.monotonic() - sent

    job = AIJob.objects.get(pk=Feedback.objects.get(pk=feedback.pk).triage_job_id)
    assert job.priority == AIJob.Priority.URGENT and job.status == AIJob.Status.SUCCEEDED
    assert took < SLOW, f"the urgent triage took {took:.1f}s: it waited behind bulk work"
    assert _finished_digests(bulk) <= 1  # the bulk queue was still full when it was done


def test_one_worker_serving_both_takes_urgent_work_before_waiting_bulk_work(project_with_roles, slow_digests, workers):
    ctx = project_with_roles
    workers(("ai-urgent", "ai"))
    bulk = _fill_the_ai_queue(ctx, slow_digests, 4)

    feedback, sent = _urgent_comment(ctx)
    assert _wait(lambda: Feedback.objects.get(pk=feedback.pk).triage is not None, timeout=SLOW * 6)
    took = time.monotonic() - sent

    # It waited for the digest in hand (one worker, one slot), and for nothing else.
    assert _finished_digests(bulk) == 1, "bulk jobs waiting in the ai queue went first"
    assert took < SLOW * 1.8, f"the urgent triage took {took:.1f}s"
