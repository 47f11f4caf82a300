"""Every write of AI planning: briefs, settings, plans and their revisions, and the AI job
lifecycle (estimate → triage → awaiting_approval | queued → running → succeeded | failed |
needs_attention). Jobs run in Celery (`tasks.ai_job_run`), which calls `runner.job_run`.

The package's public names, for views, tasks and demo data; a module's private helpers are
imported from that module (e.g. `feedback_ai` builds on `budget._triage`, `jobs._enqueue`)."""

from .ai_settings import ai_settings_for, ai_settings_update
from .briefs import brief_create, brief_delete, brief_update
from .budget import OPEN_STATUSES, month_start, month_to_date_cost
from .errors import BudgetExceeded, JobStateConflict, PlanBusy, PlanNotReady, StaleRevision
from .jobs import job_approve, job_queue, job_reject, job_retry, jobs_sweep
from .plans import plan_create_from_result, plan_edit, plan_regenerate, plan_request, plan_restore
from .runner import job_run
from .shots import (
    AssetNotLinked,
    InvalidShotMap,
    PlanShotProvider,
    ShotMap,
    asset_plan_link,
    asset_plan_unlink,
    on_feedback_published,
    plan_shots_of,
    version_shot_map,
    version_shot_map_save,
)

__all__ = [
    "OPEN_STATUSES",
    "AssetNotLinked",
    "InvalidShotMap",
    "PlanShotProvider",
    "ShotMap",
    "asset_plan_link",
    "asset_plan_unlink",
    "on_feedback_published",
    "plan_shots_of",
    "version_shot_map",
    "version_shot_map_save",
    "BudgetExceeded",
    "JobStateConflict",
    "PlanBusy",
    "PlanNotReady",
    "StaleRevision",
    "ai_settings_for",
    "ai_settings_update",
    "brief_create",
    "brief_delete",
    "brief_update",
    "job_approve",
    "job_queue",
    "job_reject",
    "job_retry",
    "job_run",
    "jobs_sweep",
    "month_start",
    "month_to_date_cost",
    "plan_create_from_result",
    "plan_edit",
    "plan_regenerate",
    "plan_request",
    "plan_restore",
]
