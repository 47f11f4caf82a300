"""The tasks view's actions, as in Flower: revoke a queued or running task, send a failed one
again. Both are staff actions, audited.

Revoking is Celery's broadcast: every running worker adds the id to its revoked set and drops
the task when its message (or ETA) comes; a worker started later does not hear it unless it
keeps its state (`celery worker --statedb`). A running task is stopped only with `terminate`,
which signals the process running it — with the prefork pool that is the child process
(SIGTERM), the task is lost mid-way and not retried; with the solo or threads pool it would be
the worker itself, so use terminate with prefork workers only."""

import uuid

from django.db import transaction
from django.utils import timezone

from apps.core.errors import Conflict
from apps.core.services import audit_record

from ..models import TaskRun


class TaskFinished(Conflict):
    code = "task_finished"
    message = "This task has already finished."


class TaskRunning(Conflict):
    code = "task_running"
    message = "This task is running; revoke it with terminate to stop it."


class TaskNotRetryable(Conflict):
    code = "task_not_retryable"
    message = "Only a failed task whose arguments were kept can be retried."


def _celery():
    from config.celery import app

    return app


def task_revoke(*, actor, run: TaskRun, terminate: bool = False, request=None) -> TaskRun:
    if run.state in (TaskRun.State.SUCCEEDED, TaskRun.State.FAILED, TaskRun.State.REVOKED):
        raise TaskFinished()
    if run.state == TaskRun.State.STARTED and not terminate:
        raise TaskRunning()
    with transaction.atomic():
        run = TaskRun.objects.select_for_update().get(pk=run.pk)
        run.state, run.finished_at = TaskRun.State.REVOKED, timezone.now()
        run.error = "terminated" if terminate else "revoked"
        run.save(update_fields=["state", "finished_at", "error"])
        audit_record(
            action="task.revoked",
            actor=actor,
            target=f"task:{run.task_id}",
            request=request,
            data={"name": run.name, "queue": run.queue, "terminate": terminate},
        )
        task_id = run.task_id
        transaction.on_commit(lambda: _celery().control.revoke(task_id, terminate=terminate, signal="SIGTERM"))
    return run


def task_retry(*, actor, run: TaskRun, request=None) -> str:
    """Sends the failed task again with the same name, arguments and queue (a new task id,
    returned; the failed run stays as it was)."""
    if run.state != TaskRun.State.FAILED or run.args is None:
        raise TaskNotRetryable()
    new_id = str(uuid.uuid4())
    options = {"queue": run.queue} if run.queue else {}
    audit_record(
        action="task.retried",
        actor=actor,
        target=f"task:{run.task_id}",
        request=request,
        data={"name": run.name, "queue": run.queue, "new_task_id": new_id},
    )
    _celery().signature(run.name, args=run.args, kwargs=run.kwargs or {}, **options).apply_async(task_id=new_id)
    return new_id
