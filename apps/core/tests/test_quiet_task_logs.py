"""`make run` stays readable: Celery's per-run INFO lines of the every-few-seconds periodic
tasks (the 5 s analytics tick) are dropped, other tasks and every warning stay, and what a task
prints (each e-mail with the console backend) is INFO, not WARNING."""

import logging

from django.conf import settings

from apps.core.logging import frequent_tasks, quiet_frequent_tasks

TICK = "apps.monitoring.analytics.tasks.analytics_tick"
EMAIL = "apps.core.tasks.deliver_email"


def test_the_analytics_tick_is_frequent_and_the_weekly_report_is_not():
    names = frequent_tasks(settings.CELERY_BEAT_SCHEDULE)
    assert TICK in names
    assert "apps.monitoring.tasks.scheduled_report" not in names


def test_per_run_lines_of_frequent_tasks_are_dropped_and_the_rest_kept(caplog):
    quiet_frequent_tasks(settings.CELERY_BEAT_SCHEDULE)
    trace = logging.getLogger("celery.app.trace")
    beat = logging.getLogger("celery.beat")
    success = "Task %(name)s[%(id)s] succeeded in %(runtime)ss: %(return)r"
    with caplog.at_level(logging.INFO):
        trace.info(success, {"name": TICK, "id": "1", "runtime": 0.01, "return": None})
        beat.info("Scheduler: Sending due task %s (%s)", "analytics-tick", TICK)
        trace.info(success, {"name": EMAIL, "id": "2", "runtime": 0.2, "return": None})
        trace.warning("Task %s[%s] retry", TICK, "3")
    messages = [record.getMessage() for record in caplog.records]
    assert messages == [f"Task {EMAIL}[2] succeeded in 0.2s: None", f"Task {TICK}[3] retry"]


def test_what_a_task_prints_is_info_not_warning():
    assert settings.CELERY_WORKER_REDIRECT_STDOUTS_LEVEL == "INFO"
