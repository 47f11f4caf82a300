"""Idle and loaded memory (PSS of the whole process tree) and CPU of each server process, the
numbers the Kubernetes resource requests in deploy/k8s are sized from (docs/deploy.md).

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python scripts/measure_processes.py

Starts Daphne, a Celery worker (prefork, MEASURE_CONCURRENCY processes, default 4) and beat
on the given PostgreSQL and Redis, and `next start` when a production build exists (NEXT_DIST_DIR, default
frontend/.next). Idle: 10 s after start-up. Loaded: Daphne holds 500 WebSockets while 2 000
authenticated REST reads run 20 at a time; the worker runs 400 real tasks; `next start`
serves 500 page loads 10 at a time. Prints one Markdown table. Loopback only, about 2 minutes.
"""

import asyncio
import os
import pathlib
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import psutil
import requests
import websockets

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from ports import free_port  # noqa: E402

VENV = ROOT / ".venv" / "bin"
SOCKETS, REQUESTS, TASKS, PAGES = 500, 2000, 400, 500
CONCURRENCY = int(os.environ.get("MEASURE_CONCURRENCY", "4"))  # worker processes, as the fast and ai pods run


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of the process and its children: shared pages (a prefork
    worker's children share the parent's) counted once, as a container's memory cgroup does."""
    root = psutil.Process(pid)
    return sum(p.memory_full_info().pss for p in [root, *root.children(recursive=True)]) / 2**20


def tree_cpu_seconds(pid: int) -> float:
    root = psutil.Process(pid)
    total = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def measure(pid: int, work) -> tuple[float, float]:
    """CPU (millicores) over `work` (or 5 s of idling) and memory (PSS) at its end."""
    cpu0, t0 = tree_cpu_seconds(pid), time.monotonic()
    work() if work else time.sleep(5)
    cpu = (tree_cpu_seconds(pid) - cpu0) / (time.monotonic() - t0) * 1000
    return cpu, tree_pss_mb(pid)


def start(args: list[str], env: dict, cwd=ROOT) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def access_token(env: dict) -> str:
    code = (
        "import django; django.setup()\n"
        "from apps.users.models import User\n"
        "from rest_framework_simplejwt.tokens import AccessToken\n"
        "u, _ = User.objects.get_or_create(email='measure@videoplanet.local', defaults={'display_name': 'm'})\n"
        "print(AccessToken.for_user(u))\n"
    )
    return subprocess.run(
        [VENV / "python", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def daphne_load(base: str, token: str) -> None:
    async def hold_sockets_while_reading():
        headers = {"Authorization": f"Bearer {token}"}
        ws_url = base.replace("http", "ws") + "/ws/notifications/"
        sockets = [await websockets.connect(ws_url, additional_headers=headers) for _ in range(SOCKETS)]
        session = requests.Session()
        with ThreadPoolExecutor(20) as pool:
            get = lambda _: session.get(f"{base}/api/v1/users/me/", headers=headers, timeout=10).status_code  # noqa: E731
            await asyncio.to_thread(lambda: list(pool.map(get, range(REQUESTS))))
        for ws in sockets:
            await ws.close()

    asyncio.run(hold_sockets_while_reading())


def worker_load(env: dict) -> None:
    code = (
        "import django, time; django.setup()\n"
        "from apps.core.tasks import deliver_email, prune_stream_events\n"
        f"results = [prune_stream_events.delay() for _ in range({TASKS // 2})]\n"
        "mail = dict(to='m@example.com', subject='s', text='t', html='<p>t</p>')\n"
        f"results += [deliver_email.delay(**mail) for _ in range({TASKS // 2})]\n"
        "import redis; from django.conf import settings\n"
        "r = redis.Redis.from_url(settings.REDIS_URL)\n"
        "while any(r.llen(q.name) for q in settings.CELERY_TASK_QUEUES): time.sleep(0.2)\n"
    )
    subprocess.run([VENV / "python", "-c", code], cwd=ROOT, env=env, check=True)
    time.sleep(2)  # the last prefetched tasks finish


def next_load(base: str) -> None:
    session = requests.Session()
    with ThreadPoolExecutor(10) as pool:
        list(pool.map(lambda _: session.get(f"{base}/projects", timeout=30).status_code, range(PAGES)))


def main() -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    env["THROTTLE_USER"] = env["THROTTLE_IP"] = "100000/min"
    # Queues of this run only (tests/workers.py does the same).
    env["CELERY_QUEUE_PREFIX"] = prefix = f"measure-{os.getpid()}."
    queues = ",".join(prefix + name for name in ("monitoring", "ai-urgent", "default", "media", "ai"))
    rows = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # still stop the servers

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    web = start([VENV / "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"], env)
    worker = start([VENV / "celery", "-A", "config", "worker", "-Q", queues, "-c", str(CONCURRENCY)], env)
    beat_schedule = f"/tmp/measure-beat-{os.getpid()}"
    beat = start([VENV / "celery", "-A", "config", "beat", "-s", beat_schedule, "--pidfile="], env)
    processes = [web, worker, beat]
    try:
        wait_http(f"{base}/healthz")
        token = access_token(env)
        time.sleep(10)
        for name, proc, work in (
            ("daphne (web)", web, lambda: daphne_load(base, token)),
            (f"celery worker -c {CONCURRENCY}", worker, lambda: worker_load(env)),
            ("celery beat", beat, None),
        ):
            idle = measure(proc.pid, None)
            loaded = measure(proc.pid, work)
            rows.append((name, idle, loaded))
            print(f"measured {name}", file=sys.stderr, flush=True)
        dist = ROOT / "frontend" / env.get("NEXT_DIST_DIR", ".next")
        if (dist / "BUILD_ID").exists():
            web_port = free_port()
            next_env = dict(env, NEXT_DIST_DIR=dist.name, PORT=str(web_port))
            nxt = start(["npx", "next", "start", "-p", str(web_port)], next_env, cwd=ROOT / "frontend")
            processes.append(nxt)
            wait_http(f"http://127.0.0.1:{web_port}/")
            time.sleep(10)
            idle = measure(nxt.pid, None)
            loaded = measure(nxt.pid, lambda: next_load(f"http://127.0.0.1:{web_port}"))
            rows.append(("next start", idle, loaded))
        else:
            print(f"no production build in {dist}: `next start` not measured", file=sys.stderr)
    finally:
        for proc in processes:
            proc.terminate()
        for proc in processes:
            proc.wait(timeout=30)
        pathlib.Path(beat_schedule).unlink(missing_ok=True)

    print("| process | idle MB (PSS) | idle CPU m | loaded MB (PSS) | loaded CPU m | load |")
    print("|---|---|---|---|---|---|")
    loads = {
        "daphne (web)": f"{SOCKETS} WebSockets + {REQUESTS} REST reads, 20 concurrent",
        f"celery worker -c {CONCURRENCY}": f"{TASKS} tasks",
        "celery beat": "its own schedule",
        "next start": f"{PAGES} page loads, 10 concurrent",
    }
    for name, (idle_cpu, idle_rss), (cpu, rss) in rows:
        print(f"| {name} | {idle_rss:.0f} | {idle_cpu:.0f} | {rss:.0f} | {cpu:.0f} | {loads[name]} |")


if __name__ == "__main__":
    main()
