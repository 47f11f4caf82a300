"""Triage: the queue of new comments (kept in the database), its flush into batched jobs, and
the run that writes each comment's category, priority and actionable flag."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from apps.feedbacks.models import Feedback
from apps.projects.models import Project

from .. import ai_client, services
from ..models import AIJob, AISettings
from ..prompts import triage_messages
from ..services.budget import _triage
from ..services.jobs import _enqueue, _job_succeeded, _locked_job
from .common import _charge, _estimate
from .schemas import _TRIAGE_TOKENS_PER_COMMENT, BATCH_SIZE, MAX_WAIT, TRIAGE_SCHEMA

logger = logging.getLogger(__name__)


# --- triage: the queue ------------------------------------------------------------------------


def _pending() -> Q:
    return Q(
        triage_queued_at__isnull=False,
        triage_job_id__isnull=True,
        triage__isnull=True,
        deleted_at__isnull=True,
        parent__isnull=True,
    )


def triage_prepare(feedback: Feedback) -> None:
    """Before a new comment is first saved: queue it when AI is on. Replies are not triaged
    (they belong to their comment's thread)."""
    if feedback.parent_id is None and ai_client.is_configured():
        feedback.triage_queued_at = timezone.now()


def triage_requeue(feedback: Feedback) -> None:
    """Its text changed: the old reading no longer holds, and an answer in flight is ignored."""
    if feedback.parent_id is None and ai_client.is_configured():
        feedback.triage = None
        feedback.triage_job_id = None
        feedback.triage_queued_at = timezone.now()


def triage_schedule(feedback: Feedback, *, project_id) -> None:
    """After the comment is saved: flush now (urgent, or maybe a full batch; a cheap no-op when
    nothing is due). When its wait is over the beat's `triage_flush_due` sends it."""
    if feedback.triage_queued_at is None or feedback.triage_job_id is not None:
        return
    from ..tasks import feedback_triage_flush

    project = str(project_id)

    def send():
        try:
            feedback_triage_flush.delay(project)
        except Exception:  # noqa: BLE001 — broker down: the beat sweep flushes the queue later
            logger.warning("Could not schedule the triage flush of %s; the sweep will", project, exc_info=True)

    transaction.on_commit(send)


def on_text_saving(sender, feedback: Feedback, created: bool, **kwargs) -> None:
    """`feedbacks.signals.feedback_text_saving`: a new comment is queued, a re-worded one re-queued."""
    (triage_prepare if created else triage_requeue)(feedback)


def on_text_saved(sender, feedback: Feedback, project_id, **kwargs) -> None:
    """`feedbacks.signals.feedback_text_saved`."""
    triage_schedule(feedback, project_id=project_id)


def _as_time(now: datetime.datetime | str | None) -> datetime.datetime:
    if now is None:
        return timezone.now()
    if not isinstance(now, str):
        return now
    parsed = parse_datetime(now)
    if parsed is None:
        raise ValueError(f"Not a date and time: {now!r}")
    return parsed


@transaction.atomic
def triage_flush(*, project_id, now: datetime.datetime | str | None = None) -> list[AIJob]:
    """Sends what is due of the project's queue as jobs of up to BATCH_SIZE comments.
    `now` is a parameter so tests (and the beat task) can say what time it is."""
    now = _as_time(now)
    if not ai_client.is_configured():
        return []
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return []
    # The settings row is the project's lock: flushes of one project never race for comments.
    ai_settings = AISettings.objects.select_for_update().get(pk=services.ai_settings_for(project).pk)
    pending = list(
        Feedback.objects.filter(_pending(), version__asset__project_id=project.pk)
        .select_related("version")
        .order_by("triage_queued_at", "id")[:500]
    )
    jobs = []
    while pending:
        pending.sort(key=lambda f: (not f.urgent, f.triage_queued_at, str(f.pk)))
        oldest = min(f.triage_queued_at for f in pending if f.triage_queued_at is not None)  # all: _pending()
        if not (len(pending) >= BATCH_SIZE or pending[0].urgent or oldest <= now - MAX_WAIT):
            break
        batch, pending = pending[:BATCH_SIZE], pending[BATCH_SIZE:]
        try:
            jobs.append(_triage_job(project, ai_settings, batch))
        except services.BudgetExceeded as exc:
            # Left in the queue: triaged once the budget allows (next month, or raised).
            logger.info("Feedback triage of project %s waits: %s", project.pk, exc.message)
            break
    return jobs


def triage_flush_due(*, now: datetime.datetime | str | None = None) -> int:
    """Beat: flush every project that has something queued (the flush decides what is due)."""
    now = _as_time(now)
    if not ai_client.is_configured():
        return 0
    project_ids = set(Feedback.objects.filter(_pending()).values_list("version__asset__project_id", flat=True))
    return sum(len(triage_flush(project_id=project_id, now=now)) for project_id in project_ids)


def _triage_job(project: Project, ai_settings: AISettings, batch: list[Feedback]) -> AIJob:
    job = AIJob(
        project=project,
        kind=AIJob.Kind.FEEDBACK_TRIAGE,
        model=ai_settings.effective_model(),
        params={"feedback_ids": [str(f.pk) for f in batch]},
        max_attempts=settings.AI_JOB_MAX_ATTEMPTS,
    )
    _estimate(job, triage_messages(batch), completion_tokens=_TRIAGE_TOKENS_PER_COMMENT * len(batch))
    _triage(job, ai_settings, urgent=any(f.urgent for f in batch))
    Feedback.objects.filter(pk__in=[f.pk for f in batch], triage_job_id__isnull=True).update(triage_job_id=job.pk)
    _enqueue(job, ai_settings)
    return job


# --- triage: the run ----------------------------------------------------------------------------


def _triage_check(ids: set[str]):
    def check(data: dict) -> list[str]:
        answered = {item["id"] for item in data["items"]}
        missing = sorted(ids - answered)
        return [f"items: no answer for comment ids {', '.join(missing)}."] if missing else []

    return check


def run_triage(job: AIJob) -> None:
    """Called by services.runner.job_run once the job is claimed (so at most once per delivery)."""
    comments = list(
        Feedback.objects.filter(
            pk__in=job.params.get("feedback_ids", []),
            triage_job_id=job.pk,
            triage__isnull=True,
            deleted_at__isnull=True,
        ).order_by("triage_queued_at", "id")
    )
    results: dict[str, dict] = {}
    if comments:
        ids = {str(c.pk) for c in comments}
        answer = ai_client.complete_json(
            call=ai_client.Call(project_id=job.project_id, job=job, kind=job.kind, step="triage", model=job.model),
            messages=triage_messages(comments),
            schema_name="feedback_triage",
            schema=TRIAGE_SCHEMA,
            check=_triage_check(ids),
        )
        _charge(job, answer)
        for item in answer.data["items"]:
            if item["id"] in ids:  # an id the model made up is ignored
                results.setdefault(item["id"], item)
    with transaction.atomic():
        job = _locked_job(job)
        if job.status != AIJob.Status.RUNNING:
            return  # another delivery finished it: write once
        from apps.feedbacks.services.feedback import feedback_triage_record

        now = timezone.now().isoformat()
        targets = (
            Feedback.objects.select_for_update(of=("self",))
            .filter(pk__in=list(results), triage_job_id=job.pk, triage__isnull=True)
            .select_related("version__asset", "author", "resolved_by")
            .prefetch_related("mentions", "reactions", "replies")
        )
        for feedback in targets:
            item = results[str(feedback.pk)]
            triage = {
                "category": item["category"],
                "priority": item["priority"],
                "actionable": item["actionable"],
                "job_id": str(job.pk),
                "triaged_at": now,
            }
            feedback_triage_record(feedback, triage=triage)
        _job_succeeded(job)
