"""Feedback triage through a real Celery worker process and the real Redis broker: comments
posted over HTTP queue themselves, the worker runs the flush tasks and the triage jobs (its
`openai` client talks to the fake server of this test process), and the 30-second rule is
reached by passing the flush task a later `now` rather than by waiting."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.ai_planning.models import AIJob, AIUsage
from apps.ai_planning.tasks import feedback_triage_flush
from apps.feedbacks.models import Feedback
from apps.feedbacks.tests.factories import AssetFactory, VersionFactory

from .test_worker import ai_worker  # noqa: F401 — the real worker fixture

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _wait_for(predicate, timeout: float = 40) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def test_25_comments_become_3_triage_calls_through_a_real_worker(project_with_roles, fake_openai, ai_worker):  # noqa: F811
    ctx = project_with_roles
    version = VersionFactory(asset=AssetFactory(project=ctx.project))
    url = reverse("version-feedback", kwargs={"version_id": version.pk})
    started = time.monotonic()
    for index in range(25):
        response = ctx.client("reviewer").post(url, {"body": f"색감 {index}", "frame": index}, format="json")
        assert response.status_code == 201, response.content

    triaged = Feedback.objects.filter(version=version, triage__isnull=False)
    assert _wait_for(lambda: triaged.count() >= 20), triaged.count()
    if time.monotonic() - started < 25:  # before any comment's 30-second wait is over
        assert len(fake_openai.calls_named("feedback_triage")) == 2
        assert Feedback.objects.filter(version=version, triage_job_id__isnull=True).count() == 5

    later = (timezone.now() + datetime.timedelta(seconds=31)).isoformat()
    feedback_triage_flush.delay(str(ctx.project.pk), later)

    assert _wait_for(lambda: triaged.count() == 25), triaged.count()
    assert len(fake_openai.calls_named("feedback_triage")) == 3
    jobs = AIJob.objects.filter(kind=AIJob.Kind.FEEDBACK_TRIAGE)
    assert _wait_for(lambda: set(jobs.values_list("status", flat=True)) == {AIJob.Status.SUCCEEDED})
    assert jobs.count() == 3
    assert AIUsage.objects.filter(kind=AIJob.Kind.FEEDBACK_TRIAGE, cache_hit=False).count() == 3
    assert {f.triage["category"] for f in triaged} == {"colour"}
