from celery import shared_task
from django.conf import settings

from . import services
from .media import TransientMediaError
from .storage import StorageUnavailable


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(TransientMediaError, StorageUnavailable),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=settings.PROCESSING_TIMEOUT_SECONDS + 120,
)
def process_version(self, version_id: str) -> str | None:
    """Probe + poster for a version in `processing`; a no-op for any other state."""
    version = services.version_process(version_id=version_id)
    return version.status if version is not None else None


@shared_task(acks_late=True)
def sweep_uploads() -> dict:
    """Beat: abort uploads left unfinished for UPLOAD_STALE_HOURS and re-queue (or finally
    fail) versions stuck in processing."""
    return {"aborted": services.uploads_abort_stale(), "requeued": services.versions_requeue_stuck()}
