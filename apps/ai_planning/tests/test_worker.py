"""A brief becomes a plan through a real Celery worker process and the real Redis broker
(eager mode hides serialization differences, DESIGN §8); the worker's `openai` client
talks to the fake server of this test process over loopback."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.ai_planning import planning
from apps.ai_planning.models import AIJob, AIUsage, Plan
from apps.ai_planning.tasks import ai_jobs_sweep
from tests.workers import real_worker

from .factories import AIJobFactory, BriefFactory, PlanFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def ai_worker(fake_openai):
    with real_worker(
        "ai",
        OPENAI_API_KEY="sk-worker",
        OPENAI_BASE_URL=fake_openai.base_url,
        AI_RETRY_BASE_SECONDS="0.01",
        PEXELS_API_KEY="",
        GOOGLE_CSE_KEY="",
        UNSPLASH_ACCESS_KEY="",
    ) as process:
        yield process


def _finished(job_id, timeout: float = 40) -> AIJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = AIJob.objects.get(pk=job_id)
        if job.status in (AIJob.Status.SUCCEEDED, AIJob.Status.FAILED, AIJob.Status.NEEDS_ATTENTION):
            break
        time.sleep(0.2)
    return job


def test_a_real_worker_turns_a_brief_into_a_plan(project_with_roles, fake_openai, ai_worker):
    ctx = project_with_roles
    fake_openai.queue("429")  # the worker retries it too
    brief = BriefFactory(project=ctx.project, created_by=ctx.users["editor"])

    response = ctx.client("editor").post(reverse("brief-plans", kwargs={"brief_id": brief.pk}))

    assert response.status_code == 202
    job = _finished(response.json()["id"])
    assert job.status == AIJob.Status.SUCCEEDED, (job.status, job.error)
    plan = Plan.objects.get(pk=job.plan_id)
    assert plan.status == Plan.Status.SUCCEEDED and planning.plan_errors(plan.result) == []
    assert fake_openai.call_count == len(planning.STEPS) + 1
    assert AIUsage.objects.filter(job=job, cache_hit=False).count() == len(planning.STEPS)
    assert AIUsage.objects.get(job=job, step="overview").http_attempts == 2

    # The beat sweeper, through the same worker, re-dispatches a job the broker lost.
    lost = AIJobFactory(
        project=ctx.project,
        created_by=ctx.users["editor"],
        plan=PlanFactory(brief=BriefFactory(project=ctx.project, title="분실된 작업"), queued=True),
    )
    AIJob.objects.filter(pk=lost.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=11))
    ai_jobs_sweep.delay()
    assert _finished(lost.pk).status == AIJob.Status.SUCCEEDED
