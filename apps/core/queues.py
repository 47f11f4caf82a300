"""Celery queues by kind of work (settings.CELERY_QUEUE_NAMES): the router that sends every
task to its queue, and the name of a queue in this process's namespace."""

from celery import current_app
from django.conf import settings

DEFAULT = "default"
AI = "ai"
AI_URGENT = "ai-urgent"


def queue_name(kind: str) -> str:
    """Every queue shares the default queue's prefix (CELERY_QUEUE_PREFIX), read at each send
    so tests can give a real worker a namespace of its own."""
    return current_app.conf.task_default_queue.removesuffix(DEFAULT) + kind


def route_task(name, args, kwargs, options, task=None, **kw) -> dict:
    """CELERY_TASK_ROUTES: the queue settings.CELERY_TASK_QUEUE_OF names for the task. A queue
    given to `apply_async` wins over it (AI jobs are sent by priority)."""
    return {"queue": queue_name(settings.CELERY_TASK_QUEUE_OF.get(name, DEFAULT))}
