import logging
from datetime import timedelta

from .request_context import current_request_id


class RequestIdFilter(logging.Filter):
    """Stamps every log record with the id of the request being served (or '')."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs 4xx/5xx after the middleware reset the context variable;
        # those records carry the request itself.
        request = getattr(record, "request", None)
        record.request_id = current_request_id() or getattr(request, "request_id", "")
        return True


# Celery's loggers that write one INFO line per task run (received, succeeded, beat's send).
CELERY_PER_RUN_LOGGERS = ("celery.app.trace", "celery.worker.strategy", "celery.beat")
FREQUENT_SECONDS = 60


class QuietFrequentTasks(logging.Filter):
    """Drops the per-run INFO lines of periodic tasks that run more often than once a minute
    (the 5 s analytics tick alone wrote 160 lines a minute); their warnings and errors stay."""

    def __init__(self, tasks=()):
        super().__init__()
        self.tasks = tuple(tasks)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or not self.tasks:
            return True
        text = record.getMessage()
        return not any(task in text for task in self.tasks)


def frequent_tasks(schedule: dict) -> list[str]:
    """The tasks of `schedule` (CELERY_BEAT_SCHEDULE) due more often than once a minute."""
    names = []
    for entry in schedule.values():
        every = entry["schedule"]  # a timedelta, seconds, or a crontab (at most once a minute)
        seconds = every.total_seconds() if isinstance(every, timedelta) else every
        if isinstance(seconds, int | float) and seconds < FREQUENT_SECONDS:
            names.append(entry["task"])
    return names


def quiet_frequent_tasks(schedule: dict) -> QuietFrequentTasks:
    """Installs the filter on Celery's per-run loggers (worker and beat call it at start)."""
    quiet = QuietFrequentTasks(frequent_tasks(schedule))
    for name in CELERY_PER_RUN_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, QuietFrequentTasks)]:
            logger.removeFilter(old)
        logger.addFilter(quiet)
    return quiet
