"""Real Daphne web nodes for tests, on this test run's database and Redis (tests/workers.py
does the same for Celery workers). Several nodes share nothing but PostgreSQL and Redis,
like the pods behind a load balancer."""

import contextlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from django.conf import settings

from scripts.ports import free_port
from tests.workers import database_url

DAPHNE = str(Path(sys.executable).parent / "daphne")


@dataclass
class WebNode:
    url: str
    process: subprocess.Popen

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://")


def start_web_node(**extra_env: str) -> WebNode:
    """A Daphne serving config.asgi with the development settings; not yet waited for."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        **extra_env,
    }
    process = subprocess.Popen(
        [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return WebNode(url=f"http://127.0.0.1:{port}", process=process)


def wait_ready(node: WebNode, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if requests.get(f"{node.url}/healthz", timeout=2).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or still loading
            pass
        if node.process.poll() is not None:
            raise RuntimeError(f"web node {node.url} exited with {node.process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"web node {node.url} did not answer /healthz within {timeout:.0f}s")
        time.sleep(0.2)


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextlib.contextmanager
def web_nodes(count: int, **extra_env: str):
    """`count` web nodes started side by side; yields them once every one is ready."""
    nodes = [start_web_node(**extra_env) for _ in range(count)]
    try:
        for node in nodes:
            wait_ready(node)
        yield nodes
    finally:
        for node in nodes:
            stop(node.process)
