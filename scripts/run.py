"""`make run`: migrate, seed demo data on first start, build the web app when its sources
changed (scripts/frontend_build.py), then start every process with honcho (Procfile.dev),
the web app served by `next start`. `make dev` (`--dev`) serves it with `next dev` instead:
hot reload, no build, but every page compiles on its first visit. Without REDIS_URL an
embedded redis-server starts first, so that the seed's realtime events and cache writes
reach a live Redis, and stops last."""

import atexit
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from frontend_build import ensure_build  # noqa: E402
from ports import free_port  # noqa: E402

dev = "--dev" in sys.argv[1:]
env = dict(os.environ)
env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
env.setdefault("API_PORT", "8000")
env.setdefault("WEB_PORT", "3000")
env.setdefault("PYTHONUNBUFFERED", "1")
env.setdefault("FRONTEND_URL", f"http://localhost:{env['WEB_PORT']}")
# The browser calls the API from the web app's origin, whichever port it was given.
env.setdefault("CORS_ALLOWED_ORIGINS", f"http://localhost:{env['WEB_PORT']},http://127.0.0.1:{env['WEB_PORT']}")
env.setdefault("NEXT_TELEMETRY_DISABLED", "1")
env.setdefault("NEXT_PUBLIC_API_URL", f"http://localhost:{env['API_PORT']}")
env["FRONTEND_MODE"] = "dev" if dev else "start"
if not dev:
    # Its own folder: builds for the e2e tier or benchmarks (frontend/.next, .next-bench) never
    # replace the one being served, and `make dev` keeps .next for itself.
    env.setdefault("NEXT_DIST_DIR", ".next-run")
python = str(ROOT / ".venv" / "bin" / "python")
embedded_redis = None
if not env.get("REDIS_URL"):
    env["REDIS_PORT"] = str(free_port())
    env["REDIS_URL"] = f"redis://127.0.0.1:{env['REDIS_PORT']}/0"
    # Its own session: Ctrl-C stops honcho's processes first; Redis goes after them.
    embedded_redis = subprocess.Popen(
        [python, "scripts/embedded_redis.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    atexit.register(lambda: embedded_redis.terminate() or embedded_redis.wait(timeout=10))  # also on errors
    ping = [python, "-c", f"import redis; redis.Redis.from_url({env['REDIS_URL']!r}).ping()"]
    for _ in range(100):
        if subprocess.run(ping, capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    else:
        sys.exit("The embedded redis-server did not start; see var/redis or set REDIS_URL.")
(ROOT / "var" / "media").mkdir(parents=True, exist_ok=True)
# prometheus-client multiprocess mode: one folder shared by web and worker processes,
# emptied before any of them starts (stale files from a previous run would be summed in).
env.setdefault("PROMETHEUS_MULTIPROC_DIR", str(ROOT / "var" / "prometheus"))
shutil.rmtree(env["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
pathlib.Path(env["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)

subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
subprocess.run([python, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True)
# Dogfooding (web analytics): the frontend embeds the tracker with the demo site's key,
# read from the database now that it is seeded. Set NEXT_PUBLIC_VP_SITE_KEY (even empty)
# to choose another site or none.
if "NEXT_PUBLIC_VP_SITE_KEY" not in env:
    origins = [f"http://{host}:{env['WEB_PORT']}" for host in ("localhost", "127.0.0.1")]
    key = subprocess.run(
        [python, "manage.py", "analytics_demo_site", *[arg for o in origins for arg in ("--origin", o)]],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    env["NEXT_PUBLIC_VP_SITE_KEY"] = key

if not dev:
    try:
        ensure_build(env)
    except subprocess.CalledProcessError:
        sys.exit("The web app did not build; see above. `make dev` serves it without a build.")
    except KeyboardInterrupt:
        sys.exit(130)

api, web = env["API_PORT"], env["WEB_PORT"]
print(
    "\n  VideoPlanet is starting:\n"
    f"    web app   http://localhost:{web}/\n"
    f"    API docs  http://localhost:{api}/api/v1/docs/\n"
    f"    admin     http://localhost:{api}/admin/\n"
    f"    redis     {env['REDIS_URL']}{' (embedded)' if embedded_redis else ''}\n"
    f"    frontend  {'next dev (hot reload)' if dev else 'production build (make dev: hot reload)'}\n"
    "  Ctrl-C stops everything.\n",
    flush=True,
)
honcho = str(ROOT / ".venv" / "bin" / "honcho")
processes = subprocess.Popen([honcho, "start", "-f", "Procfile.dev"], cwd=ROOT, env=env)
signal.signal(signal.SIGTERM, lambda *_: processes.terminate())  # `kill` stops them too
try:
    code = processes.wait()
except KeyboardInterrupt:  # honcho got the same Ctrl-C and is stopping its processes
    code = processes.wait()
sys.exit(code)
