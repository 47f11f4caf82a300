"""Real Celery worker processes for tests: eager mode hides serialization differences
(DESIGN §8). A worker runs the development settings against this test run's database and
Redis, on a queue of its own that the test's task sends are routed to."""

import contextlib
import os
import subprocess
import sys
import time

from django.conf import settings
from django.db import connection

from config.celery import app as celery_app


def database_url() -> str:
    """The URL of the database this test run created, for processes the test starts."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = (db["USER"] or "postgres") + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_queue(name: str) -> str:
    return f"test-{name}-{os.getpid()}-{time.monotonic_ns()}"


def worker_env(queue: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_TASK_DEFAULT_QUEUE": queue,  # what the worker sends (retries, chained tasks) stays here
        **extra,
    }


def start_worker(queue: str, env: dict[str, str], **popen) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool",
        "solo",
        "-Q",
        queue,
        "--loglevel",
        "WARNING",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    ]
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, **{"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **popen}
    )


@contextlib.contextmanager
def tasks_routed_to(queue: str):
    """This process's `.delay()` calls go to the broker, onto `queue`, instead of running eagerly."""
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous


@contextlib.contextmanager
def real_worker(name: str, **extra_env: str):
    """One worker for the duration of the block, with the test's tasks routed to it."""
    queue = worker_queue(name)
    process = start_worker(queue, worker_env(queue, **extra_env))
    try:
        with tasks_routed_to(queue):
            yield process
    finally:
        process.terminate()
        process.wait(timeout=20)
