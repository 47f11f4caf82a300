"""Thin Celery tasks. Idempotent: `services.job_run` claims the job in a locked row, so a
task delivered twice (acks_late + a worker restart) runs the work once and charges once."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from . import services


@shared_task(bind=True, acks_late=True, ignore_result=True)
def ai_job_run(self, job_id: str) -> None:
    # Retries with backoff are scheduled by the service (the job row keeps the attempt
    # count), so a retried job survives worker restarts and shows as `queued` meanwhile.
    services.job_run(job_id=job_id)


@shared_task(acks_late=True, ignore_result=True)
def ai_jobs_sweep(now: str | None = None) -> int:
    """Beat: due retries, lost messages, expired leases. `now` (ISO 8601) lets a caller say what
    time it is."""
    return services.jobs_sweep(now=parse_datetime(now) if now else None)


@shared_task(acks_late=True, ignore_result=True)
def feedback_triage_flush(project_id: str, now: str | None = None) -> int:
    """Sends what is due of a project's triage queue (idempotent: the queue is in the database).
    `now` (ISO 8601) lets a caller say what time it is."""
    from . import feedback_ai

    return len(feedback_ai.triage_flush(project_id=project_id, now=now))


@shared_task(acks_late=True, ignore_result=True)
def feedback_triage_flush_due(now: str | None = None) -> int:
    """Beat (every 15 s): the 30-second rule for every project. The only sender of comments whose
    wait is over: no task is scheduled with a countdown (docs/architecture.md, Celery)."""
    from . import feedback_ai

    return feedback_ai.triage_flush_due(now=now)
