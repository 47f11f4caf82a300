"""Running a job (called by the Celery task): claim it, check the budget, call the model
step by step and write the result once."""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.core import events
from apps.projects.activity import project_stream

from .. import ai_client, image_search, planning, prompts
from ..models import AIJob, Plan, PlanRevision, VersionDigest
from ..serializers import PlanSummaryOut
from .ai_settings import ai_settings_for
from .briefs import _context
from .budget import _usd, month_to_date_cost
from .jobs import _job_event, _job_failed, _job_succeeded, _locked_job, _notify
from .revisions import _new_revision

logger = logging.getLogger(__name__)


def _claim(job_id) -> AIJob | None:
    """Takes the job for this worker, or None when it is done, waiting or held by another."""
    with transaction.atomic():
        job = AIJob.objects.select_for_update().filter(pk=job_id).select_related("project").first()
        if job is None:
            return None
        now = timezone.now()
        stale = job.status == AIJob.Status.RUNNING and (job.lease_until is None or job.lease_until < now)
        waiting = job.retry_at is not None and job.retry_at > now  # an earlier message, back late
        if (job.status != AIJob.Status.QUEUED or waiting) and not stale:
            return None
        job.status = AIJob.Status.RUNNING
        job.retry_at = None
        job.attempts = F("attempts") + 1
        job.lease_until = now + datetime.timedelta(seconds=settings.AI_JOB_LEASE_SECONDS)
        job.started_at = job.started_at or now
        job.save()
        job.refresh_from_db()
        if job.kind == AIJob.Kind.PLAN and job.plan_id:
            Plan.objects.filter(pk=job.plan_id).update(status=Plan.Status.RUNNING, error="", updated_at=now)
        _job_event(job, "ai_job.started")
        return job


def job_run(*, job_id) -> None:
    from .. import feedback_ai  # it builds on this module

    job = _claim(job_id)
    if job is None:
        return
    try:
        ai_settings = ai_settings_for(job.project)
        spent = month_to_date_cost(job.project_id)
        remaining = max(Decimal("0"), job.estimated_cost_usd - job.cost_usd)
        if spent + remaining > ai_settings.monthly_budget_usd:
            raise ai_client.AIBudgetSpent(
                f"The project's monthly AI budget is spent (${_usd(spent)} of ${_usd(ai_settings.monthly_budget_usd)})."
            )
        if job.kind == AIJob.Kind.PLAN:
            _run_plan(job)
        elif job.kind == AIJob.Kind.REGENERATE_SECTION:
            _run_regenerate(job)
        elif job.kind == AIJob.Kind.FEEDBACK_TRIAGE:
            feedback_ai.run_triage(job)
        elif job.kind == AIJob.Kind.FEEDBACK_DIGEST:
            feedback_ai.run_digest(job)
        else:
            raise ai_client.AIError(f"Jobs of kind {job.kind} are not supported.")
    except (Plan.DoesNotExist, VersionDigest.DoesNotExist):
        logger.info("AI job %s: what it was working on was deleted", job_id)
    except ai_client.AIError as exc:
        _job_failed(job, exc)


def _call(job: AIJob, step: str, *, plan: Plan, result: dict, variation: str = "") -> dict:
    brief = plan.brief
    deadline = plan.project.deadline
    answer = ai_client.complete_json(
        call=ai_client.Call(project_id=job.project_id, job=job, kind=job.kind, step=step, model=job.model),
        messages=prompts.plan_messages(
            step, context=_context(brief), language=brief.language, plan_so_far=result, variation=variation
        ),
        schema_name=f"plan_{step}",
        schema=planning.STEP_SCHEMAS[step],
        check=planning.check_for(step, deadline=deadline),
    )
    AIJob.objects.filter(pk=job.pk).update(
        cost_usd=F("cost_usd") + answer.cost_usd,
        tokens=F("tokens") + answer.prompt_tokens + answer.completion_tokens,
    )
    return planning.apply_step(step, answer.data, target_seconds=brief.target_duration_seconds)


@transaction.atomic
def _progress(plan: Plan, job: AIJob, step: str, percent: int) -> None:
    Plan.objects.filter(pk=plan.pk).update(progress_step=step, progress_percent=percent, updated_at=timezone.now())
    events.publish(
        stream=project_stream(plan.project_id),
        type="plan.progress",
        data={
            "plan_id": str(plan.pk),
            "job_id": str(job.pk),
            "step": step,
            "percent": percent,
            "section": job.params.get("section", ""),
        },
    )


def _run_plan(job: AIJob) -> None:
    assert job.plan_id is not None, "a plan job names its plan"
    plan = Plan.objects.select_related("brief", "project").get(pk=job.plan_id)
    result: dict = {}
    steps = planning.STEPS
    for index, step in enumerate(steps):
        _progress(plan, job, step, int(index * 90 / len(steps)))
        result.update(_call(job, step, plan=plan, result=result))
    images_status = {"provider": None, "status": "off", "error": ""}
    if result.get("storyboard") and image_search.provider() is not None:
        _progress(plan, job, "images", 90)
        images_status = image_search.attach_images(result["storyboard"])
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        job = _locked_job(job)
        if job.status != AIJob.Status.RUNNING or PlanRevision.objects.filter(job=job).exists():
            return  # another delivery finished it: write once
        result["images_status"] = images_status
        _new_revision(plan, result=result, source=PlanRevision.Source.GENERATED, job=job)
        plan.status = Plan.Status.SUCCEEDED
        plan.progress_step, plan.progress_percent, plan.error = "done", 100, ""
        plan.save()
        _job_succeeded(job)
        events.publish(
            stream=project_stream(plan.project_id),
            type="plan.progress",
            data={"plan_id": str(plan.pk), "job_id": str(job.pk), "step": "done", "percent": 100, "section": ""},
        )
        events.publish(
            stream=project_stream(plan.project_id),
            type="plan.succeeded",
            data={"plan": PlanSummaryOut(plan).data, "job_id": str(job.pk), "section": ""},
        )
        if job.created_by_id:
            _notify(
                [job.created_by],
                plan.project,
                key="plan.succeeded",
                brief=plan.brief.title,
                url=f"/plans/{plan.pk}",
                data={"plan_id": str(plan.pk)},
            )


def _run_regenerate(job: AIJob) -> None:
    assert job.plan_id is not None, "a regenerate job names its plan"
    plan = Plan.objects.select_related("brief", "project").get(pk=job.plan_id)
    section = job.params["section"]
    _progress(plan, job, section, 0)
    base = dict(plan.result)
    others = {key: value for key, value in base.items() if key not in ("images_status",)}
    fresh = _call(job, section, plan=plan, result=others, variation=str(job.pk))
    if section == "storyboard":
        if image_search.provider() is not None:
            _progress(plan, job, "images", 80)
        fresh_status = image_search.attach_images(fresh["storyboard"])
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        job = _locked_job(job)
        if job.status != AIJob.Status.RUNNING or PlanRevision.objects.filter(job=job).exists():
            return
        result = {**plan.result, **fresh}
        if section == "storyboard":
            result["images_status"] = fresh_status
        _new_revision(plan, result=result, source=PlanRevision.Source.REGENERATED, job=job, section=section)
        plan.busy = False
        plan.save()
        _job_succeeded(job)
        events.publish(
            stream=project_stream(plan.project_id),
            type="plan.progress",
            data={"plan_id": str(plan.pk), "job_id": str(job.pk), "step": "done", "percent": 100, "section": section},
        )
        events.publish(
            stream=project_stream(plan.project_id),
            type="plan.succeeded",
            data={"plan": PlanSummaryOut(plan).data, "job_id": str(job.pk), "section": section},
        )
