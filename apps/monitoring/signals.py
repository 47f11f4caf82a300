"""Celery task runs recorded from Celery's signals: a TaskRun row per task id (for
`GET monitoring/tasks/`) from its publishing (`queued`, in the sender's process) through its
run to its end or revocation, with the name, arguments and queue a retry re-sends; and the
Prometheus counters. Failures here are logged and never affect the task or its sender."""

import json
import logging
import time
from datetime import datetime

from celery import signals
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
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
        with transaction.atomic():  # a savepoint: a sender's open transaction survives a failure here
            updated = TaskRun.objects.filter(task_id=task_id).update(**fields)
            if not updated and "name" in fields:
                try:
                    with transaction.atomic():
                        TaskRun.objects.create(task_id=task_id, **fields)
                except IntegrityError:  # the sender's `queued` row landed in between
                    TaskRun.objects.filter(task_id=task_id).update(**fields)
    except Exception:  # noqa: BLE001
        logger.info("Could not record task run %s", task_id, exc_info=True)


ARGUMENTS_KEPT_MAX = 32 * 1024  # bytes of JSON; larger arguments are not kept (no retry)


def _arguments(args, kwargs) -> dict:
    try:
        size = len(json.dumps([args, kwargs], default=str))
    except (TypeError, ValueError):
        size = ARGUMENTS_KEPT_MAX + 1
    if size > ARGUMENTS_KEPT_MAX:
        return {"args": None, "kwargs": None}
    return {"args": list(args or ()), "kwargs": dict(kwargs or {})}


@signals.after_task_publish.connect
def _on_published(sender=None, headers=None, body=None, routing_key=None, **kwargs):
    """In the sending process: the task waits in `routing_key` (its queue)."""
    headers = headers or {}
    task_id, name = headers.get("id"), headers.get("task") or sender
    if not task_id or not name or name in settings.MONITORING_TASKS_QUIET:
        return
    args, kw = (body[0], body[1]) if isinstance(body, list | tuple) and len(body) >= 2 else ((), {})
    eta = None
    if headers.get("eta"):
        try:
            eta = datetime.fromisoformat(headers["eta"])
        except ValueError:
            eta = None
    fields = {
        "task_id": task_id,
        "name": name,
        "state": "queued",
        "queue": str(routing_key or "")[:200],
        "eta": eta,
        "started_at": timezone.now(),
        **_arguments(args, kw),
    }

    def insert():
        # Only when no row exists yet: a worker may already have started it (or a retry of it
        # is being re-sent), and its state wins.
        from .models import TaskRun

        try:
            TaskRun.objects.bulk_create([TaskRun(**fields)], ignore_conflicts=True)
        except Exception:  # noqa: BLE001
            logger.info("Could not record queued task %s", task_id, exc_info=True)

    # Sent inside a transaction: recorded once it commits. An uncommitted row would make a
    # worker that starts the task before then wait on its unique task id.
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(insert)
    else:
        insert()


@signals.task_prerun.connect
def _on_prerun(task_id=None, task=None, args=None, kwargs=None, **extra):
    _started[task_id] = time.monotonic()
    if _quiet(task):
        return
    request = getattr(task, "request", None)
    delivery = getattr(request, "delivery_info", None) or {}
    fields = {"queue": str(delivery["routing_key"])[:200]} if delivery.get("routing_key") else {}
    _record(
        task_id,
        name=task.name,
        state="started",
        started_at=timezone.now(),
        finished_at=None,
        runtime_ms=None,
        worker=str(getattr(request, "hostname", "") or "")[:200],
        retries=getattr(request, "retries", 0) or 0,
        **fields,
        **_arguments(args, kwargs),
    )


@signals.task_revoked.connect
def _on_revoked(request=None, terminated=None, expired=None, sender=None, **kwargs):
    """In the worker: a revoked task was dropped (its ETA came, or it was terminated)."""
    task_id = getattr(request, "id", None)
    if task_id:
        reason = "terminated" if terminated else ("expired" if expired else "revoked")
        _record(task_id, state="revoked", finished_at=timezone.now(), error=reason)


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
    # Terminated from the tasks view: the body may still return (its work cut short, e.g. a
    # request interrupted) but the run stays "revoked", as the operator asked (same one UPDATE).
    fields["state"] = Case(When(state="revoked", error="terminated", then=Value("revoked")), default=Value(final))
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


REVOKES_REMEMBERED = 24 * 3600  # seconds: a revoke made while a worker was down still holds


@signals.worker_ready.connect
def _on_worker_ready(**kwargs):
    """A worker that starts after a revoke (the broadcast went to the workers running then)
    learns it from the runs revoked before they ever started."""
    from datetime import timedelta

    from celery.worker import state

    from .models import TaskRun

    try:
        since = timezone.now() - timedelta(seconds=REVOKES_REMEMBERED)
        revoked = TaskRun.objects.filter(state="revoked", worker="", finished_at__gte=since)
        for task_id in revoked.values_list("task_id", flat=True).iterator():
            state.revoked.add(task_id)
    except Exception:  # noqa: BLE001
        logger.info("Could not load revoked task ids", exc_info=True)


@signals.worker_process_shutdown.connect
def _on_process_shutdown(pid=None, **kwargs):
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid or os.getpid())


@signals.worker_init.connect
def _serve_worker_metrics(**kwargs):
    """In the worker's main process, once: with WORKER_METRICS_PORT set, serve this host's (this
    pod's) multiprocess-summed metrics on 0.0.0.0:<port>/metrics for Prometheus to scrape — on
    Kubernetes web and worker pods do not share PROMETHEUS_MULTIPROC_DIR, so the counters the
    worker's processes keep (vp_ai_*, vp_celery_tasks_total) reach Prometheus this way. A plain
    port: only the monitoring namespace may reach it (deploy/k8s NetworkPolicy)."""
    port = settings.WORKER_METRICS_PORT
    if not port:
        return
    from prometheus_client import CollectorRegistry, start_http_server

    if metrics_dir := settings.PROMETHEUS_MULTIPROC_DIR:
        from prometheus_client import multiprocess

        registry = CollectorRegistry(auto_describe=False)
        multiprocess.MultiProcessCollector(registry, path=metrics_dir)
    else:  # single process (solo pool): its own registry
        from prometheus_client import REGISTRY as registry
    try:
        start_http_server(port, addr=settings.WORKER_METRICS_ADDR, registry=registry)
    except OSError:
        logger.warning("Could not serve worker metrics on port %s", port, exc_info=True)
