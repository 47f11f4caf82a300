"""Thin Celery tasks. Idempotent: `services.job_run` claims the job in a locked row, so a
task delivered twice (acks_late + a worker restart) runs the work once and charges once."""

from celery import shared_task

from . import services


@shared_task(bind=True, acks_late=True, ignore_result=True)
def ai_job_run(self, job_id: str) -> None:
    # Retries with backoff are scheduled by the service (the job row keeps the attempt
    # count), so a retried job survives worker restarts and shows as `queued` meanwhile.
    services.job_run(job_id=job_id)


@shared_task(acks_late=True, ignore_result=True)
def ai_jobs_sweep() -> int:
    return services.jobs_sweep()
