"""The production build `make run` serves: built once, rebuilt only when the frontend changed.

A build is current when the stamp written beside it (`<dist>/vp-build-stamp`) still matches
the digest of what goes into a build — the frontend's sources, configuration and lock file,
and the NEXT_PUBLIC_* values Next inlines at build time — and names the build's own
BUILD_ID (so a build someone else wrote into the same folder is not taken for ours).
Tests, e2e specs, docs and lint/test configuration are left out: changing them never
changes what is served.

`python scripts/frontend_build.py` builds when needed (run.py calls `ensure_build`)."""

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
STAMP = "vp-build-stamp"
# Folders and files that never reach the served build (build outputs, tests, tooling, docs).
IGNORED_DIRS = {"node_modules", "e2e", "coverage", "out", "playwright-report", "blob-report", "screenshots"}
IGNORED_DIR_PREFIXES = (".next", "test-results")
IGNORED_FILES = {
    "README.md",
    ".gitignore",
    ".dockerignore",
    ".env.example",
    "eslint.config.mjs",
    "steiger.config.ts",
    "vitest.config.ts",
    "vitest.setup.ts",
    "playwright.config.ts",
    "next-env.d.ts",  # rewritten by every `next build` / `next dev`
}
IGNORED_SUFFIXES = (".test.ts", ".test.tsx", ".tsbuildinfo", ".md")
# Besides NEXT_PUBLIC_*: variables next.config.ts reads at build time.
BUILD_ENV = ("NEXT_OUTPUT",)


def _ignored_dir(name: str) -> bool:
    return name in IGNORED_DIRS or name.startswith(IGNORED_DIR_PREFIXES)


def _ignored_file(name: str) -> bool:
    return name in IGNORED_FILES or name.endswith(IGNORED_SUFFIXES)


def build_inputs(frontend: Path) -> list[Path]:
    """Every file a build reads, in a stable order."""
    found = []
    for folder, dirs, files in os.walk(frontend):
        dirs[:] = sorted(d for d in dirs if not _ignored_dir(d))
        found.extend(Path(folder) / name for name in sorted(files) if not _ignored_file(name))
    return found


def build_digest(frontend: Path, env: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for path in build_inputs(frontend):
        digest.update(path.relative_to(frontend).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in sorted(n for n in env if n.startswith("NEXT_PUBLIC_") or n in BUILD_ENV):
        digest.update(f"{name}={env[name]}\0".encode())
    return digest.hexdigest()


def _build_id(dist: Path) -> str | None:
    try:
        return (dist / "BUILD_ID").read_text().strip()
    except OSError:
        return None


def build_needed(dist: Path, digest: str) -> bool:
    try:
        stamp = json.loads((dist / STAMP).read_text())
    except (OSError, ValueError):
        return True
    build_id = _build_id(dist)
    return build_id is None or stamp != {"digest": digest, "build_id": build_id}


def write_stamp(dist: Path, digest: str) -> None:
    (dist / STAMP).write_text(json.dumps({"digest": digest, "build_id": _build_id(dist)}))


def dist_dir(env: Mapping[str, str], frontend: Path = FRONTEND) -> Path:
    return frontend / env.get("NEXT_DIST_DIR", ".next")


def ensure_build(env: Mapping[str, str], frontend: Path = FRONTEND) -> bool:
    """Run `next build` unless the build in NEXT_DIST_DIR is current; True when it built."""
    dist = dist_dir(env, frontend)
    digest = build_digest(frontend, env)
    if not build_needed(dist, digest):
        return False
    (dist / STAMP).unlink(missing_ok=True)  # a failed or interrupted build is never current
    print(
        "\n  Building the web app for production (first start, or the frontend changed; a few minutes)…",
        flush=True,
    )
    subprocess.run([str(frontend / "node_modules" / ".bin" / "next"), "build"], cwd=frontend, env=env, check=True)
    write_stamp(dist, digest)
    return True


if __name__ == "__main__":
    try:
        built = ensure_build(os.environ)
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
    print("built" if built else "the build is current")
