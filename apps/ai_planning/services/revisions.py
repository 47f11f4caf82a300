"""A plan's state guard and its revision log (shared by edits, restores and runs)."""

from .. import planning
from ..models import Plan, PlanRevision
from .errors import PlanBusy, PlanNotReady
from .shots import plan_shots_changed


def _require_idle(plan: Plan) -> None:
    if plan.status in (Plan.Status.QUEUED, Plan.Status.RUNNING) or plan.busy:
        raise PlanBusy()
    if plan.status != Plan.Status.SUCCEEDED or not plan.result:
        raise PlanNotReady()


def _new_revision(plan: Plan, *, result: dict, source: str, author=None, job=None, section: str = "") -> PlanRevision:
    plan.revision += 1
    before, result = plan.result, planning.with_shot_ids(result, previous=plan.result)
    plan.result = result
    plan_shots_changed(plan, before=before or {})
    revision = PlanRevision.objects.create(
        plan=plan, number=plan.revision, result=result, source=source, author=author, job=job, section=section
    )
    return revision
