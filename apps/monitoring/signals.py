"""Celery task runs recorded from Celery's signals: a TaskRun row per task id (for
`GET monitoring/tasks/`) and the Prometheus counters. Failures here are logged and never
affect the task."""

import logging
import time

from celery import signals
from django.conf import settings
from django.utils import timezone

from . import metrics

logger = logging.getLogger(__name__)

_started: dict[str, float] = {}
_STATES = {"SUCCESS": "succeeded", "FAILURE": "failed", "RETRY": "retry"}


def _quiet(task) -> bool:
    """Heartbeat tasks (every few seconds) leave a row only when they fail; their runs still
    count in the Prometheus metrics."""
    return getattr(task, "name", None) in settings.MONITORING_TASKS_QUIET


def _record(task_id: str, **fields) -> None:
    from .models import TaskRun

    try:
        updated = TaskRun.objects.filter(task_id=task_id).update(**fields)
        if not updated and "name" in fields:
            TaskRun.objects.create(task_id=task_id, **fields)
    except Exception:  # noqa: BLE001
        logger.info("Could not record task run %s", task_id, exc_info=True)


@signals.task_prerun.connect
def _on_prerun(task_id=None, task=None, **kwargs):
    _started[task_id] = time.monotonic()
    if _quiet(task):
        return
    request = getattr(task, "request", None)
    _record(
        task_id,
        name=task.name,
        state="started",
        started_at=timezone.now(),
        finished_at=None,
        runtime_ms=None,
        worker=str(getattr(request, "hostname", "") or "")[:200],
        retries=getattr(request, "retries", 0) or 0,
    )


@signals.task_postrun.connect
def _on_postrun(task_id=None, task=None, state=None, **kwargs):
    started = _started.pop(task_id, None)
    runtime = time.monotonic() - started if started is not None else None
    final = _STATES.get(state or "", "succeeded" if state is None else str(state).lower()[:10])
    fields = {"state": final, "finished_at": timezone.now()}
    if runtime is not None:
        fields["runtime_ms"] = int(runtime * 1000)
        metrics.CELERY_RUNTIME.labels(task.name).observe(runtime)
    metrics.CELERY_TASKS.labels(task.name, final).inc()
    if _quiet(task):
        if final == "failed":
            _record(task_id, name=task.name, **fields)
        return
    _record(task_id, **fields)


@signals.task_failure.connect
def _on_failure(task_id=None, exception=None, sender=None, **kwargs):
    error = f"{type(exception).__name__}: {exception}"[:500]
    if _quiet(sender):  # no row yet: this failure creates it
        _record(task_id, name=sender.name, state="failed", started_at=timezone.now(), error=error)
        return
    _record(task_id, error=error)


@signals.task_retry.connect
def _on_retry(request=None, reason=None, sender=None, **kwargs):
    from django.db.models import F

    from .models import TaskRun

    metrics.CELERY_RETRIES.labels(getattr(sender, "name", "unknown")).inc()
    try:
        TaskRun.objects.filter(task_id=request.id).update(retries=F("retries") + 1, error=str(reason)[:500])
    except Exception:  # noqa: BLE001
        logger.info("Could not record retry", exc_info=True)


@signals.worker_process_shutdown.connect
def _on_process_shutdown(pid=None, **kwargs):
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid or os.getpid())
