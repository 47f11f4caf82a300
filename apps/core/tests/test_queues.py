"""Celery queues by kind of work: every task is routed on purpose (AI jobs by priority: see
apps/ai_planning/tests/test_worker_queues.py), and the workers the project starts (make run,
the Procfile) serve every queue between them."""

import re
import shlex

import pytest
from django.conf import settings

from apps.core.queues import queue_name
from config.celery import app as celery_app

QUEUES = set(settings.CELERY_QUEUE_NAMES)


def _routed_queue(task_name: str, **options) -> str:
    return celery_app.amqp.router.route(options, task_name, (), {})["queue"].name


def test_every_task_of_ours_has_a_queue_of_its_kind():
    celery_app.loader.import_default_modules()
    ours = {name for name in celery_app.tasks if name.startswith("apps.")}
    assert ours == set(settings.CELERY_TASK_QUEUE_OF), "route new tasks in CELERY_TASK_QUEUE_OF; drop gone ones"
    assert set(settings.CELERY_TASK_QUEUE_OF.values()) == QUEUES  # no queue is left without work
    for name, kind in settings.CELERY_TASK_QUEUE_OF.items():
        assert _routed_queue(name) == kind, name


def test_slow_work_and_the_alert_path_are_on_different_queues():
    assert _routed_queue("apps.feedbacks.tasks.process_version") == "media"
    assert _routed_queue("apps.monitoring.tasks.evaluate_alert_rules") == "monitoring"
    assert _routed_queue("apps.monitoring.tasks.deliver_notification") == "monitoring"
    assert _routed_queue("apps.ai_planning.tasks.feedback_triage_flush") == "ai-urgent"
    assert _routed_queue("celery.backend_cleanup") == "default"  # Celery's own tasks


def test_a_namespace_prefixes_every_queue():
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = "ns-1.default"
    try:
        assert queue_name("media") == "ns-1.media"
        assert _routed_queue("apps.feedbacks.tasks.process_version") == "ns-1.media"
    finally:
        celery_app.conf.task_default_queue = previous


def _worker_queues(procfile: str) -> dict[str, tuple[str, ...]]:
    """Each Celery worker line of a Procfile → the queues its -Q names, in order."""
    found = {}
    for line in (settings.BASE_DIR / procfile).read_text().splitlines():
        name, _, command = line.partition(":")
        if re.search(r"celery\S* -A config worker", command):
            args = shlex.split(command.split("&&")[-1])
            found[name] = tuple(args[args.index("-Q") + 1].split(","))
    return found


@pytest.mark.parametrize("procfile", ["Procfile", "Procfile.dev"])
def test_the_procfile_workers_are_the_worker_groups_and_serve_every_queue(procfile):
    workers = _worker_queues(procfile)
    assert sorted(workers.values()) == sorted(settings.CELERY_WORKER_QUEUES.values())
    assert {queue for queues in workers.values() for queue in queues} == QUEUES


def test_each_worker_group_takes_urgent_ai_work_before_bulk_ai_work():
    for queues in settings.CELERY_WORKER_QUEUES.values():
        if "ai" in queues:
            assert queues.index("ai-urgent") < queues.index("ai")
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["queue_order_strategy"] == "priority"
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
