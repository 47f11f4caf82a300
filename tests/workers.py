"""Real Celery worker processes for tests: eager mode hides serialization differences
(DESIGN §8). A worker runs the development settings against this test run's database and
Redis, on queues of its own: every queue name gets the test's prefix (CELERY_QUEUE_PREFIX),
and the test's task sends are routed into that namespace."""

import contextlib
import os
import subprocess
import sys
import time

import redis
from django.conf import settings
from django.db import connection

from apps.core.queues import DEFAULT
from config.celery import app as celery_app


def database_url() -> str:
    """The URL of the database this test run created, for processes the test starts."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = (db["USER"] or "postgres") + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_queue(name: str) -> str:
    """A namespace of queues for one test's workers (the prefix of every queue name)."""
    return f"test-{name}-{os.getpid()}-{time.monotonic_ns()}."


def worker_env(queue: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_QUEUE_PREFIX": queue,  # what the worker sends (retries, chained tasks) stays here
        **extra,
    }


def start_worker(
    queue: str,
    env: dict[str, str],
    *,
    queues: tuple[str, ...] = settings.CELERY_QUEUE_NAMES,
    node: str = "celery",
    pool: str = "solo",
    **popen,
) -> subprocess.Popen:
    """A worker (solo pool unless `pool` says otherwise; one child for prefork) serving `queues`
    (default: every one) of the namespace, in that order; `node` names it (TaskRun.worker) when
    a test starts several."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool",
        pool,
        *(["--concurrency", "1"] if pool == "prefork" else []),
        "-Q",
        ",".join(queue + kind for kind in queues),
        "--loglevel",
        "WARNING",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-n",
        f"{node}@%h",
    ]
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, **{"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **popen}
    )


@contextlib.contextmanager
def tasks_routed_to(queue: str):
    """This process's `.delay()` calls go to the broker, into the namespace `queue`, instead of
    running eagerly; what is left in its queues afterwards is dropped."""
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue + DEFAULT  # apps.core.queues.queue_name takes the prefix from it
    try:
        yield
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        with redis.Redis.from_url(settings.CELERY_BROKER_URL) as client:
            leftovers = [
                key for pattern in (queue, f"_kombu.binding*{queue}") for key in client.scan_iter(pattern + "*")
            ]
            if leftovers:
                client.delete(*leftovers)


@contextlib.contextmanager
def real_worker(
    name: str, *, queues: tuple[str, ...] = settings.CELERY_QUEUE_NAMES, pool: str = "solo", **extra_env: str
):
    """One worker for the duration of the block, with the test's tasks routed to it."""
    queue = worker_queue(name)
    process = start_worker(queue, worker_env(queue, **extra_env), queues=queues, pool=pool)
    try:
        with tasks_routed_to(queue):
            yield process
    finally:
        process.terminate()
        process.wait(timeout=20)
