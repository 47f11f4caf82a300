"""Frontend: first-load JavaScript per route of the production build — every script a fresh
browser downloads for the route's HTML, gzip-compressed and summed (target ≤ 200 KB for the
review page). Builds the app (in its own dist dir) unless BENCH_SKIP_BUILD=1."""

import gzip
import os
import re
import subprocess
import time
import uuid

import pytest
import requests

from .conftest import ROOT, free_port

FRONTEND = ROOT / "frontend"
DIST = ".next-bench"
ID = str(uuid.uuid4())
ROUTES = {
    "/login": "login",
    "/": "dashboard",
    "/projects": "projects",
    f"/projects/{ID}": "project overview",
    f"/projects/{ID}/assets": "project assets",
    f"/assets/{ID}": "review page",
    f"/plans/{ID}": "AI plan",
    "/monitoring": "monitoring",
    "/analytics": "analytics",
    f"/share/{'x' * 32}": "guest review",
}
REVIEW_BUDGET_KB = 200
SCRIPT = re.compile(r"<script[^>]*>")
SOURCE = re.compile(r'src="([^"]+\.js[^"]*)"')


def _npx(*args: str, env: dict, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(["npx", *args], cwd=FRONTEND, env=env, **kwargs)


@pytest.fixture(scope="module")
def frontend_url():
    env = {**os.environ, "NEXT_DIST_DIR": DIST, "NEXT_TELEMETRY_DISABLED": "1"}
    if os.environ.get("BENCH_SKIP_BUILD") != "1" or not (FRONTEND / DIST / "BUILD_ID").exists():
        assert _npx("next", "build", env=env, stdout=subprocess.DEVNULL).wait() == 0, "next build failed"
    port = free_port()
    server = _npx(
        "next",
        "start",
        "-p",
        str(port),
        "-H",
        "127.0.0.1",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"{url}/login", timeout=2)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("next start did not come up")
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


def first_load_js(url: str, route: str, cache: dict[str, int]) -> tuple[int, int]:
    """(gzip bytes, script count) of every script the route's HTML loads."""
    html = requests.get(url + route, timeout=30).text
    # Module-capable browsers never fetch `noModule` (legacy polyfill) scripts.
    tags = [tag for tag in SCRIPT.findall(html) if "nomodule" not in tag.lower()]
    sources = sorted({match.group(1) for tag in tags if (match := SOURCE.search(tag))})
    total = 0
    for src in sources:
        if src not in cache:
            body = requests.get(src if src.startswith("http") else url + src, timeout=30).content
            cache[src] = len(gzip.compress(body, compresslevel=6))
        total += cache[src]
    return total, len(sources)


def test_first_load_js_per_route(frontend_url, report):
    cache: dict[str, int] = {}
    for route, name in ROUTES.items():
        size, scripts = first_load_js(frontend_url, route, cache)
        kb = size / 1024
        is_review = name == "review page"
        report.add(
            "frontend first-load JS",
            f"{name} ({scripts} scripts)",
            f"{kb:.0f} KB gzip",
            target=f"≤ {REVIEW_BUDGET_KB} KB" if is_review else "",
            passed=kb <= REVIEW_BUDGET_KB if is_review else None,
        )
