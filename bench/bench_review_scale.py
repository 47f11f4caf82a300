"""The review room at scale (issue 21): a version with 2,000 comments (replies, drawings,
ranges, reactions) against one with 20 on the same clip, opened in alternation in Chromium
(bench/review_scale.mjs, fresh context each time) against the production build and a real
Daphne. Per room: time to interactive (first comment on screen and the composer taking
input), DOM elements once every comment is in, time to post a comment; also the time until
the whole round is loaded, the JS heap and the frame rate of a scripted scroll of the list.
Targets: time to interactive and posting ≤ 2× the 20-comment room, DOM < 3,000 elements.

The build (frontend/.next-bench-review) is remade only when the frontend changed
(scripts/frontend_build.py); its API is Daphne on BENCH_REVIEW_API_PORT (8791).
BENCH_REVIEW_FRONTEND=<another checkout's frontend dir> measures that code instead (e.g. the
commit before, for a before/after row); BENCH_REVIEW_ROUNDS (3) openings per room, medians."""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.files import File

from apps.feedbacks import services
from apps.feedbacks.busy_round import seed_busy_round
from apps.feedbacks.tests.factories import AssetFactory
from apps.projects.models import Role
from apps.projects.tests.factories import MembershipFactory, ProjectFactory
from apps.users.services import token_pair_for

from .conftest import ROOT, free_port

sys.path.insert(0, str(ROOT / "scripts"))
from frontend_build import ensure_build  # noqa: E402

FRONTEND = Path(os.environ.get("BENCH_REVIEW_FRONTEND", ROOT / "frontend")).resolve()
DIST = ".next-bench-review"
API_PORT = int(os.environ.get("BENCH_REVIEW_API_PORT", "8791"))
ROUNDS = int(os.environ.get("BENCH_REVIEW_ROUNDS", "3"))
BIG, SMALL = 2000, 20
CLIP_SECONDS = 60
DRIVER = ROOT / "bench" / "review_scale.mjs"
NAME = "review room at scale"


def frontend_env() -> dict[str, str]:
    return {
        **os.environ,
        "NEXT_DIST_DIR": DIST,
        "NEXT_TELEMETRY_DISABLED": "1",
        "NEXT_PUBLIC_API_URL": f"http://127.0.0.1:{API_PORT}",
    }


@pytest.fixture(scope="module")
def web_url():
    ensure_build(frontend_env(), FRONTEND)
    port = free_port()
    server = subprocess.Popen(
        [str(FRONTEND / "node_modules" / ".bin" / "next"), "start", "-p", str(port), "-H", "127.0.0.1"],
        cwd=FRONTEND,
        env=frontend_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"{url}/login", timeout=5)
            break
        except requests.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("next start did not come up")
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


def make_clip(path: Path) -> None:
    subprocess.run(
        [
            settings.FFMPEG_BINARY,
            *("-hide_banner", "-nostdin", "-v", "error", "-y"),
            *("-f", "lavfi", "-i", f"testsrc2=duration={CLIP_SECONDS}:size=640x360:rate=25"),
            *("-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "35"),
            *("-movflags", "+faststart", str(path)),
        ],
        check=True,
        timeout=300,
    )


def review_rooms():
    """One project, the same clip as two assets' first versions: 2,000 comments on one, 20 on the other."""
    project = ProjectFactory()
    teammates = [MembershipFactory(project=project, role=role).user for role in (Role.EDITOR, Role.REVIEWER)]
    authors = [project.owner, *teammates]
    rooms = {}
    with tempfile.TemporaryDirectory() as directory:
        clip = Path(directory) / "scale.mp4"
        make_clip(clip)
        for count in (BIG, SMALL):
            asset = AssetFactory(project=project, title=f"{count} comments")
            with clip.open("rb") as handle:
                version = services.version_create_from_file(
                    asset=asset, actor=project.owner, file=File(handle, name="scale.mp4")
                )
            version = services.version_process(version_id=version.pk)
            assert version.status == version.Status.READY, version.failure_reason
            seed_busy_round(version=version, authors=authors, count=count)
            rooms[count] = {"name": str(count), "path": f"/assets/{asset.pk}?version={version.pk}", "count": count}
    return project.owner, rooms


def run_driver(url: str, tokens: dict, rooms: dict) -> dict[str, list[dict]]:
    options = {"baseUrl": url, "tokens": tokens, "rooms": [rooms[BIG], rooms[SMALL]], "rounds": ROUNDS}
    done = subprocess.run(
        ["node", str(DRIVER), json.dumps(options)], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def checkout(path: Path) -> str:
    """Which commit a frontend directory holds (for rows measured on another checkout)."""
    done = subprocess.run(["git", "-C", str(path), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return f"commit {done.stdout.strip()}" if done.returncode == 0 else str(path)


def median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


@pytest.mark.django_db(transaction=True)
def test_review_room_at_scale(bench_server, web_url, report):
    owner, rooms = review_rooms()
    bench_server(
        port=API_PORT,
        CORS_ALLOWED_ORIGINS=web_url,
        FRONTEND_URL=web_url,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    results = run_driver(web_url, token_pair_for(owner), rooms)
    big, small = results[str(BIG)], results[str(SMALL)]
    code = "" if FRONTEND == (ROOT / "frontend").resolve() else f" [the frontend of {checkout(FRONTEND)}]"

    def row(measure: str, key: str, unit: str, *, target: str = "", limit: float | None = None, digits: int = 0):
        value, base = median(big, key), median(small, key)
        ratio = value / base if base else float("nan")
        report.add(
            NAME,
            f"{measure}, median of {ROUNDS}{code}",
            f"{value:.{digits}f} {unit} ({BIG:,} comments)",
            baseline=f"{base:.{digits}f} {unit} ({SMALL} comments)",
            ratio=f"{ratio:.2f}×",
            target=target,
            passed=None if limit is None else ratio <= limit,
        )

    row("time to interactive (first comment shown, composer takes input)", "ttiMs", "ms", target="≤ 2×", limit=2)
    dom = median(big, "domNodes")
    report.add(
        NAME,
        f"DOM elements once every comment is in{code}",
        f"{dom:,.0f} ({BIG:,} comments)",
        baseline=f"{median(small, 'domNodes'):,.0f} ({SMALL} comments)",
        ratio=f"{dom / median(small, 'domNodes'):.2f}×",
        target="< 3,000",
        passed=dom < 3000,
    )
    row("posting a comment (click → the server's copy in the list)", "postMs", "ms", target="≤ 2×", limit=2)
    row("posting a comment (click → shown)", "postShownMs", "ms")
    row("whole round loaded (later pages in the background)", "loadedMs", "ms")
    if all(run["heapMb"] is not None for run in big + small):
        row("JS heap once every comment is in", "heapMb", "MB", digits=1)
    row("scripted scroll of the comment list", "scrollFps", "fps", digits=0)
