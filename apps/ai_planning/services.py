"""Every write of AI planning: briefs, settings, plans and their revisions, and the AI job
lifecycle (estimate → triage → awaiting_approval | queued → running → succeeded | failed |
needs_attention). Jobs run in Celery (`tasks.ai_job_run`), which calls `job_run` here."""

import datetime
import logging
import random
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import Truncator

from apps.core import events
from apps.core.errors import Conflict, DomainError
from apps.core.models import Notification
from apps.core.money import UsdSum, usd
from apps.core.queues import AI, AI_URGENT, queue_name
from apps.core.services import notification_create
from apps.projects.models import Membership, Project, Role
from apps.projects.services import _record as activity_record
from apps.projects.services import project_stream

from . import ai_client, image_search, planning
from .api.serializers import AIJobOut, BriefOut, PlanSummaryOut
from .models import AICacheEntry, AIJob, AISettings, AIUsage, Brief, Plan, PlanRevision, VersionDigest

logger = logging.getLogger(__name__)

OPEN_STATUSES = (AIJob.Status.QUEUED, AIJob.Status.AWAITING_APPROVAL, AIJob.Status.RUNNING)
BUDGET_WARNING_SHARE = Decimal("0.8")


class BudgetExceeded(DomainError):
    code = "budget_exceeded"
    status_code = 402


class PlanBusy(Conflict):
    code = "plan_busy"
    message = "The plan is being generated. Wait until it has finished."


class PlanNotReady(Conflict):
    code = "plan_not_ready"
    message = "The plan has no generated content yet."


class StaleRevision(Conflict):
    code = "stale_revision"
    message = "The plan changed since you loaded it. Reload and apply your edit again."


class JobStateConflict(Conflict):
    code = "job_state_conflict"


def _usd(value) -> str:
    return f"{Decimal(value):.2f}"


# --- settings -----------------------------------------------------------------------------


def ai_settings_for(project: Project) -> AISettings:
    found, _ = AISettings.objects.get_or_create(
        project=project,
        defaults={
            "monthly_budget_usd": Decimal(str(settings.AI_DEFAULT_MONTHLY_BUDGET_USD)),
            "approval_threshold_usd": Decimal(str(settings.AI_DEFAULT_APPROVAL_THRESHOLD_USD)),
        },
    )
    return found


@transaction.atomic
def ai_settings_update(*, project: Project, actor, data: dict) -> AISettings:
    current = ai_settings_for(project)
    current = AISettings.objects.select_for_update().get(pk=current.pk)
    changes = {}
    for field in ("monthly_budget_usd", "approval_threshold_usd", "model"):
        if field in data and getattr(current, field) != data[field]:
            changes[field] = {"before": str(getattr(current, field)), "after": str(data[field])}
            setattr(current, field, data[field])
    current.full_clean()
    current.save()
    if changes:
        activity_record(
            project=project, actor=actor, verb="ai_settings.updated", target=current, data=changes, payload={}
        )
    return current


# --- briefs -------------------------------------------------------------------------------

BRIEF_FIELDS = (
    "title",
    "description",
    "video_type",
    "target_duration_seconds",
    "audience",
    "tone",
    "platform",
    "language",
)


@transaction.atomic
def brief_create(*, project: Project, actor, **data) -> Brief:
    brief = Brief(project=project, created_by=actor, **{k: v for k, v in data.items() if k in BRIEF_FIELDS})
    brief.full_clean()
    brief.save()
    activity_record(
        project=project,
        actor=actor,
        verb="brief.created",
        target=brief,
        data={"title": brief.title},
        payload={"brief": BriefOut(brief).data},
    )
    return brief


@transaction.atomic
def brief_update(*, brief: Brief, actor, data: dict) -> Brief:
    changes = {}
    for field in BRIEF_FIELDS:
        if field in data and getattr(brief, field) != data[field]:
            changes[field] = {"before": getattr(brief, field), "after": data[field]}
            setattr(brief, field, data[field])
    brief.full_clean()
    brief.save()
    if changes:
        activity_record(
            project=brief.project,
            actor=actor,
            verb="brief.updated",
            target=brief,
            data=changes,
            payload={"brief": BriefOut(brief).data},
        )
    return brief


@transaction.atomic
def brief_delete(*, brief: Brief, actor) -> None:
    if brief.plans.filter(Q(status__in=[Plan.Status.QUEUED, Plan.Status.RUNNING]) | Q(busy=True)).exists():
        raise PlanBusy("A plan of this brief is being generated. Wait until it has finished.")
    activity_record(
        project=brief.project,
        actor=actor,
        verb="brief.deleted",
        target=brief,
        data={"title": brief.title},
        payload={"brief_id": str(brief.pk)},
    )
    brief.delete()


# --- budget and triage ----------------------------------------------------------------------


def month_start(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def month_to_date_cost(project_id) -> Decimal:
    total = AIUsage.objects.filter(project_id=project_id, created_at__gte=month_start()).aggregate(
        total=UsdSum("cost_usd")
    )["total"]
    return total or usd(0)


def _reserved(project_id, *, exclude=None) -> Decimal:
    """What open jobs are still expected to spend (estimate minus what they already spent)."""
    jobs = AIJob.objects.filter(project_id=project_id, status__in=OPEN_STATUSES)
    if exclude is not None:
        jobs = jobs.exclude(pk=exclude.pk)
    total = Decimal("0")
    for estimate, spent in jobs.values_list("estimated_cost_usd", "cost_usd"):
        total += max(Decimal("0"), estimate - spent)
    return total


def _check_budget(*, ai_settings: AISettings, estimate: Decimal, job: AIJob | None = None) -> Decimal:
    """Refuses a job that would take the month past the budget; returns the committed spend."""
    spent = month_to_date_cost(ai_settings.project_id)
    committed = spent + _reserved(ai_settings.project_id, exclude=job)
    budget = ai_settings.monthly_budget_usd
    if committed + estimate > budget:
        raise BudgetExceeded(
            f"This would exceed the project's monthly AI budget: ${_usd(spent)} spent and "
            f"${_usd(committed - spent)} reserved of ${_usd(budget)}, this job is estimated at ${_usd(estimate)}.",
            details={
                "budget_usd": str(budget),
                "month_to_date_usd": str(spent),
                "reserved_usd": str(committed - spent),
                "estimated_cost_usd": str(estimate),
            },
        )
    return committed


RISK_TEXT = {
    "over_threshold": "estimated ${estimated_usd} is over the approval threshold ${threshold_usd}",
    "near_budget": "would take this month past {budget_share_percent} % of the budget",
}


def _triage(job: AIJob, ai_settings: AISettings, *, urgent: bool = False) -> None:
    """Priority from kind and urgency; high risk (→ approval) when costly or near the budget."""
    committed = _check_budget(ai_settings=ai_settings, estimate=job.estimated_cost_usd, job=job)
    job.priority = (
        AIJob.Priority.URGENT
        if urgent
        else {AIJob.Kind.REGENERATE_SECTION: AIJob.Priority.HIGH, AIJob.Kind.FEEDBACK_TRIAGE: AIJob.Priority.LOW}.get(
            job.kind, AIJob.Priority.NORMAL
        )
    )
    factors = []
    if job.estimated_cost_usd > ai_settings.approval_threshold_usd:
        factors.append(
            {
                "code": "over_threshold",
                "estimated_usd": _usd(job.estimated_cost_usd),
                "threshold_usd": _usd(ai_settings.approval_threshold_usd),
            }
        )
    if committed + job.estimated_cost_usd > ai_settings.monthly_budget_usd * BUDGET_WARNING_SHARE:
        factors.append({"code": "near_budget", "budget_share_percent": int(BUDGET_WARNING_SHARE * 100)})
    reasons = [RISK_TEXT[factor["code"]].format(**factor) for factor in factors]
    job.risk = AIJob.Risk.HIGH if factors else AIJob.Risk.LOW
    job.risk_reasons = reasons
    job.risk_factors = factors
    job.status = AIJob.Status.AWAITING_APPROVAL if reasons and job.approved_at is None else AIJob.Status.QUEUED


def _estimate(job: AIJob, *, steps: list[str], brief: Brief) -> None:
    context = _context(brief)
    job.estimated_tokens = planning.estimate_tokens_for(
        steps, context=context, target_seconds=brief.target_duration_seconds
    )
    prompt, completion = planning.estimate_split(job.estimated_tokens)
    job.estimated_cost_usd = ai_client.cost_of(job.model, prompt, completion)


def _context(brief: Brief) -> dict:
    project = brief.project
    phases = [
        {"name": phase.name, "start": phase.start.isoformat(), "end": phase.end.isoformat()}
        for phase in project.phases.order_by("order")
    ]
    return planning.brief_context(brief, phases=phases, deadline=project.deadline, today=timezone.localdate())


def _job_event(job: AIJob, type_: str) -> None:
    events.publish(stream=project_stream(job.project_id), type=type_, data={"job": AIJobOut(job).data})


# Jobs someone is waiting on right now (an urgent comment, a regenerated section) go to their
# own queue, which a worker with a free slot serves first; plans, digests and batches go to "ai".
AHEAD_OF_BULK = (AIJob.Priority.URGENT, AIJob.Priority.HIGH)


def job_queue(job: AIJob) -> str:
    return queue_name(AI_URGENT if job.priority in AHEAD_OF_BULK else AI)


def _dispatch(job: AIJob) -> None:
    from .tasks import ai_job_run

    job_id, queue = str(job.pk), job_queue(job)

    def send():
        try:
            ai_job_run.apply_async((job_id,), queue=queue)
        except Exception:  # noqa: BLE001 — broker down: the sweeper dispatches queued jobs later
            logger.warning("Could not dispatch AI job %s; the sweeper will retry", job_id, exc_info=True)

    transaction.on_commit(send)


def _notify(users, project: Project, *, verb: str, title_ko: str, title_en: str, url: str, data: dict) -> None:
    limit = Notification._meta.get_field("title").max_length
    for user in users:
        title = (title_ko if user.locale == "ko" else title_en).replace("{project}", project.name)
        notification_create(
            recipient=user,
            verb=verb,
            title=Truncator(title).chars(limit),
            url=url,
            data={"project_id": str(project.pk), **data},
        )


def _approvers(project: Project):
    return [
        m.user
        for m in Membership.objects.filter(project=project, role__in=[Role.OWNER, Role.MANAGER]).select_related("user")
    ]


def _enqueue(job: AIJob, ai_settings: AISettings) -> None:
    """After triage: ask for approval or send to the worker."""
    job.save()
    if job.status == AIJob.Status.AWAITING_APPROVAL:
        _job_event(job, "ai_job.awaiting_approval")
        _notify(
            _approvers(job.project),
            job.project,
            verb="ai_job.awaiting_approval",
            title_ko="{project}: 승인이 필요한 AI 작업이 있습니다",
            title_en="{project}: an AI job is waiting for your approval",
            url=f"/projects/{job.project_id}/ai-jobs",
            data={"job_id": str(job.pk)},
        )
    else:
        _job_event(job, "ai_job.queued")
        _dispatch(job)


# --- plans ---------------------------------------------------------------------------------


@transaction.atomic
def plan_request(*, brief: Brief, actor) -> AIJob:
    """A new plan for the brief, generated by a job (202 for the caller)."""
    ai_client.require_configured()
    ai_settings = AISettings.objects.select_for_update().get(pk=ai_settings_for(brief.project).pk)
    plan = Plan(brief=brief, project=brief.project, created_by=actor, model=ai_settings.effective_model())
    job = AIJob(
        project=brief.project,
        kind=AIJob.Kind.PLAN,
        model=plan.model,
        created_by=actor,
        max_attempts=settings.AI_JOB_MAX_ATTEMPTS,
    )
    _estimate(job, steps=planning.STEPS, brief=brief)
    _triage(job, ai_settings)
    plan.save()
    job.plan = plan
    _enqueue(job, ai_settings)
    return job


@transaction.atomic
def plan_regenerate(*, plan: Plan, actor, section: str) -> AIJob:
    ai_client.require_configured()
    plan = Plan.objects.select_for_update().select_related("brief", "project").get(pk=plan.pk)
    _require_idle(plan)
    ai_settings = AISettings.objects.select_for_update().get(pk=ai_settings_for(plan.project).pk)
    job = AIJob(
        project=plan.project,
        kind=AIJob.Kind.REGENERATE_SECTION,
        model=ai_settings.effective_model(),
        created_by=actor,
        plan=plan,
        params={"section": section},
        max_attempts=settings.AI_JOB_MAX_ATTEMPTS,
    )
    _estimate(job, steps=[section], brief=plan.brief)
    _triage(job, ai_settings)
    plan.busy = True
    plan.save(update_fields=["busy", "updated_at"])
    _enqueue(job, ai_settings)
    return job


def _require_idle(plan: Plan) -> None:
    if plan.status in (Plan.Status.QUEUED, Plan.Status.RUNNING) or plan.busy:
        raise PlanBusy()
    if plan.status != Plan.Status.SUCCEEDED or not plan.result:
        raise PlanNotReady()


def _new_revision(plan: Plan, *, result: dict, source: str, author=None, job=None, section: str = "") -> PlanRevision:
    plan.revision += 1
    plan.result = result
    revision = PlanRevision.objects.create(
        plan=plan, number=plan.revision, result=result, source=source, author=author, job=job, section=section
    )
    return revision


@transaction.atomic
def plan_edit(*, plan: Plan, actor, result: dict, base_revision: int | None = None) -> Plan:
    """A manual edit: the whole result, schema-checked, stored as a new revision."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_idle(plan)
    if base_revision is not None and base_revision != plan.revision:
        raise StaleRevision(details={"revision": plan.revision})
    _new_revision(plan, result=result, source=PlanRevision.Source.EDIT, author=actor)
    plan.save(update_fields=["revision", "result", "updated_at"])
    activity_record(
        project=plan.project,
        actor=actor,
        verb="plan.edited",
        target=plan,
        data={"revision": plan.revision},
        payload={"plan": PlanSummaryOut(plan).data},
    )
    return plan


@transaction.atomic
def plan_restore(*, plan: Plan, actor, revision: PlanRevision) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_idle(plan)
    _new_revision(plan, result=revision.result, source=PlanRevision.Source.RESTORE, author=actor)
    plan.save(update_fields=["revision", "result", "updated_at"])
    activity_record(
        project=plan.project,
        actor=actor,
        verb="plan.restored",
        target=plan,
        data={"revision": plan.revision, "restored": revision.number},
        payload={"plan": PlanSummaryOut(plan).data},
    )
    return plan


# --- approval, rejection, manual retry -------------------------------------------------------


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
    from . import feedback_ai

    feedback_ai.job_requeued(job)
    return job


def _release_plan(job: AIJob, *, error: str) -> None:
    """A job ended without writing: its plan says why (a new plan) or becomes editable again;
    a feedback job tells the review room."""
    if job.plan_id is None:
        from . import feedback_ai

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


# --- running (called by the Celery task) ---------------------------------------------------------


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
    from . import feedback_ai  # it builds on this module

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
        messages=planning.messages_for(
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
                verb="plan.succeeded",
                title_ko=f"{{project}}: '{plan.brief.title}' 기획안이 완성되었습니다",
                title_en=f"{{project}}: the plan for '{plan.brief.title}' is ready",
                url=f"/plans/{plan.pk}",
                data={"plan_id": str(plan.pk)},
            )


def _run_regenerate(job: AIJob) -> None:
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
        people = {user.pk: user for user in _approvers(job.project)}
        if job.created_by_id:
            people.setdefault(job.created_by_id, job.created_by)
        _notify(
            people.values(),
            job.project,
            verb="ai_job.needs_attention",
            title_ko="{project}: AI 작업이 여러 번 실패했습니다. 확인이 필요합니다",
            title_en="{project}: an AI job failed repeatedly and needs attention",
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


@transaction.atomic
def plan_create_from_result(*, brief: Brief, actor, result: dict, model: str = "demo") -> Plan:
    """A finished plan from given content (demo data, imports): no AI call, no job."""
    problems = planning.plan_errors(result)
    if problems:
        raise DomainError("The plan content is invalid.", details={"result": problems})
    plan = Plan(
        brief=brief,
        project=brief.project,
        created_by=actor,
        model=model,
        status=Plan.Status.SUCCEEDED,
        progress_step="done",
        progress_percent=100,
    )
    plan.save()
    _new_revision(plan, result=result, source=PlanRevision.Source.GENERATED, author=actor)
    plan.save(update_fields=["revision", "result", "updated_at"])
    return plan
