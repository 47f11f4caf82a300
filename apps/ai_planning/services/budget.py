"""Budget and triage: what a job may cost, whether it needs an owner's approval, its priority."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.core.money import UsdSum, usd

from .. import ai_client, planning
from ..models import AIJob, AISettings, AIUsage, Brief
from .briefs import _context
from .errors import BudgetExceeded

OPEN_STATUSES = (AIJob.Status.QUEUED, AIJob.Status.AWAITING_APPROVAL, AIJob.Status.RUNNING)
BUDGET_WARNING_SHARE = Decimal("0.8")
# A job's priority by kind, unless it is urgent (default: normal).
KIND_PRIORITY: dict[str, str] = {
    AIJob.Kind.REGENERATE_SECTION: AIJob.Priority.HIGH,
    AIJob.Kind.FEEDBACK_TRIAGE: AIJob.Priority.LOW,
}


def _usd(value) -> str:
    return f"{Decimal(value):.2f}"


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
    job.priority = AIJob.Priority.URGENT if urgent else KIND_PRIORITY.get(job.kind, AIJob.Priority.NORMAL)
    factors: list[dict[str, Any]] = []
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
