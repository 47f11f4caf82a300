"""The AI job lifecycle: enqueue (approval or dispatch), approve, reject, retry, succeed,
fail (with backoff), and the sweeper that re-sends lost or due jobs."""

import datetime
import logging
import random

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.core import events
from apps.core.notify import notify
from apps.core.queues import AI, AI_URGENT, queue_name
from apps.projects.activity import activity_record, project_stream
from apps.projects.models import Project
from apps.projects.permissions import MANAGE, members_who_can

from .. import ai_client
from ..models import AICacheEntry, AIJob, AISettings, Plan
from ..serializers import AIJobOut, PlanSummaryOut
from .ai_settings import ai_settings_for
from .budget import _check_budget, _triage
from .errors import JobStateConflict
from .revisions import _require_idle

logger = logging.getLogger(__name__)


def _job_event(job: AIJob, type_: str) -> None:
    events.publish(stream=project_stream(job.project_id), type=type_, data={"job": AIJobOut(job).data})


# Jobs someone is waiting on right now (an urgent comment, a regenerated section) go to their
# own queue, which a worker with a free slot serves first; plans, digests and batches go to "ai".
AHEAD_OF_BULK = (AIJob.Priority.URGENT, AIJob.Priority.HIGH)


def job_queue(job: AIJob) -> str:
    return queue_name(AI_URGENT if job.priority in AHEAD_OF_BULK else AI)


def _dispatch(job: AIJob) -> None:
    from ..tasks import ai_job_run

    job_id, queue = str(job.pk), job_queue(job)

    def send():
        try:
            ai_job_run.apply_async((job_id,), queue=queue)
        except Exception:  # noqa: BLE001 — broker down: the sweeper dispatches queued jobs later
            logger.warning("Could not dispatch AI job %s; the sweeper will retry", job_id, exc_info=True)

    transaction.on_commit(send)


def _notify(users, project: Project, *, key: str, url: str, data: dict, **params) -> None:
    for user in users:
        notify(
            user,
            key=key,
            params={"project": project.name, **params},
            url=url,
            data={"project_id": str(project.pk), **data},
        )


def _enqueue(job: AIJob, ai_settings: AISettings) -> None:
    """After triage: ask for approval or send to the worker."""
    job.save()
    if job.status == AIJob.Status.AWAITING_APPROVAL:
        _job_event(job, "ai_job.awaiting_approval")
        _notify(
            members_who_can(job.project, MANAGE),
            job.project,
            key="ai_job.awaiting_approval",
            url=f"/projects/{job.project_id}/ai-jobs",
            data={"job_id": str(job.pk)},
        )
    else:
        _job_event(job, "ai_job.queued")
        _dispatch(job)


def _locked_job(job: AIJob) -> AIJob:
    return AIJob.objects.select_for_update(of=("self",)).select_related("project").get(pk=job.pk)


@transaction.atomic
def job_approve(*, job: AIJob, actor) -> AIJob:
    ai_client.require_configured()
    job = _locked_job(job)
    if job.status != AIJob.Status.AWAITING_APPROVAL:
        raise JobStateConflict(
            f"Only a job awaiting approval can be approved; this one is {job.status}.",
            details={"status": job.status},
        )
    ai_settings = AISettings.objects.select_for_update().get(pk=ai_settings_for(job.project).pk)
    _check_budget(ai_settings=ai_settings, estimate=job.estimated_cost_usd, job=job)
    job.status = AIJob.Status.QUEUED
    job.approved_by = actor
    job.approved_at = timezone.now()
    job.save()
    activity_record(
        project=job.project,
        actor=actor,
        verb="ai_job.approved",
        target=job,
        data={"kind": job.kind, "estimated_cost_usd": str(job.estimated_cost_usd)},
        payload={"job": AIJobOut(job).data},
    )
    _dispatch(job)
    return job


@transaction.atomic
def job_reject(*, job: AIJob, actor, reason: str = "") -> AIJob:
    job = _locked_job(job)
    if job.status != AIJob.Status.AWAITING_APPROVAL:
        raise JobStateConflict(
            f"Only a job awaiting approval can be rejected; this one is {job.status}.",
            details={"status": job.status},
        )
    job.status = AIJob.Status.REJECTED
    job.rejected_by = actor
    job.rejected_at = job.finished_at = timezone.now()
    job.error_code = "rejected"
    job.error = reason or "Rejected by an owner or manager."
    job.save()
    _release_plan(job, error=job.error)
    activity_record(
        project=job.project,
        actor=actor,
        verb="ai_job.rejected",
        target=job,
        data={"kind": job.kind, "reason": reason},
        payload={"job": AIJobOut(job).data},
    )
    return job


@transaction.atomic
def job_retry(*, job: AIJob, actor) -> AIJob:
    """A failed or stuck job, by hand: triaged again (budget, approval), then run."""
    ai_client.require_configured()
    job = _locked_job(job)
    if job.status not in (AIJob.Status.FAILED, AIJob.Status.NEEDS_ATTENTION):
        raise JobStateConflict(
            f"Only a failed job or one that needs attention can be retried; this one is {job.status}.",
            details={"status": job.status},
        )
    plan = None
    if job.kind in (AIJob.Kind.PLAN, AIJob.Kind.REGENERATE_SECTION):
        if job.plan_id is None:
            raise JobStateConflict("The plan of this job no longer exists.", details={"status": job.status})
        plan = Plan.objects.select_for_update().get(pk=job.plan_id)
        if job.kind == AIJob.Kind.REGENERATE_SECTION:
            _require_idle(plan)
    ai_settings = AISettings.objects.select_for_update().get(pk=ai_settings_for(job.project).pk)
    job.attempts = 0
    job.error = job.error_code = ""
    job.finished_at = None
    job.approved_at = job.approved_by = None
    _triage(job, ai_settings, urgent=job.priority == AIJob.Priority.URGENT)
    if plan is not None and job.kind == AIJob.Kind.PLAN:
        plan.status, plan.error, plan.progress_percent, plan.progress_step = Plan.Status.QUEUED, "", 0, ""
        plan.save()
    elif plan is not None:
        plan.busy = True
        plan.save()
    _enqueue(job, ai_settings)
    from .. import feedback_ai

    feedback_ai.job_requeued(job)
    return job


def _release_plan(job: AIJob, *, error: str) -> None:
    """A job ended without writing: its plan says why (a new plan) or becomes editable again;
    a feedback job tells the review room."""
    if job.plan_id is None:
        from .. import feedback_ai

        feedback_ai.job_ended_without_result(job, error=error)
        return
    plan = Plan.objects.select_for_update().get(pk=job.plan_id)
    if job.kind == AIJob.Kind.PLAN:
        plan.status = Plan.Status.FAILED
        plan.error = error
    else:
        plan.busy = False
    plan.save()
    events.publish(
        stream=project_stream(plan.project_id),
        type="plan.failed",
        data={
            "plan": PlanSummaryOut(plan).data,
            "job_id": str(job.pk),
            "error": error,
            "section": job.params.get("section", ""),
        },
    )


def _job_succeeded(job: AIJob) -> None:
    job.status = AIJob.Status.SUCCEEDED
    job.finished_at = timezone.now()
    job.lease_until = None
    job.error = job.error_code = ""
    job.save()
    _job_event(job, "ai_job.succeeded")


@transaction.atomic
def _job_failed(job: AIJob, exc: ai_client.AIError) -> None:
    job = _locked_job(job)
    if job.status != AIJob.Status.RUNNING:
        return
    job.error_code, job.error = exc.code, exc.message
    job.lease_until = None
    if exc.transient and job.attempts < job.max_attempts:
        delay = settings.AI_JOB_RETRY_BASE_SECONDS * 2 ** (job.attempts - 1)
        job.status = AIJob.Status.QUEUED
        job.retry_at = timezone.now() + datetime.timedelta(seconds=random.uniform(delay / 2, delay))
        job.save()  # jobs_sweep sends it once retry_at has passed
        _job_event(job, "ai_job.retrying")
        return
    job.status = AIJob.Status.NEEDS_ATTENTION if exc.transient else AIJob.Status.FAILED
    job.finished_at = timezone.now()
    job.save()
    _job_event(job, f"ai_job.{job.status}")
    _release_plan(job, error=exc.message)
    if job.status == AIJob.Status.NEEDS_ATTENTION:
        people = {user.pk: user for user in members_who_can(job.project, MANAGE)}
        if job.created_by_id:
            people.setdefault(job.created_by_id, job.created_by)
        _notify(
            people.values(),
            job.project,
            key="ai_job.needs_attention",
            url=f"/projects/{job.project_id}/ai-jobs",
            data={"job_id": str(job.pk)},
        )


def jobs_sweep(*, now: datetime.datetime | None = None) -> int:
    """Beat (every 15 s): send queued retries whose wait is over (no task is sent with a
    countdown, so none can sit unacknowledged in a killed worker for the broker's visibility
    timeout), and re-send queued jobs the broker may have lost and running jobs whose worker
    died (lease expired). `_claim` makes a duplicate delivery harmless."""
    now = now or timezone.now()
    due = AIJob.objects.filter(status=AIJob.Status.QUEUED, retry_at__lte=now)
    stale = AIJob.objects.filter(
        Q(status=AIJob.Status.QUEUED, retry_at__isnull=True, updated_at__lt=now - datetime.timedelta(minutes=10))
        | Q(status=AIJob.Status.RUNNING, lease_until__lt=now)
    )
    AICacheEntry.objects.filter(expires_at__lt=now).delete()
    count = 0
    for job in [*due, *stale]:
        with transaction.atomic():
            # A retry is sent once; if that message is lost, the 10-minute rule above re-sends it.
            if job.retry_at is not None and not AIJob.objects.filter(pk=job.pk, status=AIJob.Status.QUEUED).update(
                retry_at=None, updated_at=now
            ):
                continue
            _dispatch(job)
        count += 1
    return count
