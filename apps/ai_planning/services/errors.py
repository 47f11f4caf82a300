"""The domain errors of AI planning (codes the API and the client rely on)."""

from apps.core.errors import Conflict, DomainError


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
