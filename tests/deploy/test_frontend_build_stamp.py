"""scripts/frontend_build.py: `make run` rebuilds the web app only when what goes into a
build changed — a source or config file, the lock file, a NEXT_PUBLIC_* value — and not for
a test, an e2e spec, a README or anything under node_modules."""

import json
import sys

import pytest
from django.conf import settings

sys.path.insert(0, str(settings.BASE_DIR / "scripts"))
from frontend_build import STAMP, build_digest, build_needed, ensure_build, write_stamp  # noqa: E402

ENV = {"NEXT_PUBLIC_API_URL": "http://localhost:8000", "PATH": "/usr/bin"}


@pytest.fixture
def frontend(tmp_path):
    """A frontend tree with a finished build (BUILD_ID) stamped as current."""
    files = {
        "package.json": "{}",
        "package-lock.json": "{}",
        "next.config.ts": "export default {};",
        "src/views/login/ui/login-page.tsx": "export const Login = 1;",
        "src/views/login/ui/login-page.test.tsx": "test('x', () => {});",
        "e2e/shell.spec.ts": "// spec",
        "README.md": "# frontend",
        "node_modules/next/index.js": "module.exports = 1;",
        ".next/BUILD_ID": "build-1",
    }
    root = tmp_path / "frontend"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    write_stamp(root / ".next", build_digest(root, ENV))
    return root


def needed(frontend, env=ENV) -> bool:
    return build_needed(frontend / ".next", build_digest(frontend, env))


def test_unchanged_frontend_needs_no_build(frontend):
    assert needed(frontend) is False


@pytest.mark.parametrize("changed", ["src/views/login/ui/login-page.tsx", "next.config.ts", "package-lock.json"])
def test_changed_source_or_config_needs_a_build(frontend, changed):
    (frontend / changed).write_text((frontend / changed).read_text() + "\n// edited")
    assert needed(frontend) is True


def test_new_source_file_needs_a_build(frontend):
    (frontend / "src/views/login/ui/hint.tsx").write_text("export const Hint = 1;")
    assert needed(frontend) is True


def test_changed_public_env_value_needs_a_build(frontend):
    assert needed(frontend, {**ENV, "NEXT_PUBLIC_API_URL": "http://localhost:9000"}) is True
    assert needed(frontend, {**ENV, "NEXT_PUBLIC_VP_SITE_KEY": "site-key"}) is True
    assert needed(frontend, {**ENV, "PATH": "/bin", "DATABASE_URL": "sqlite://"}) is False


@pytest.mark.parametrize(
    "unserved",
    ["src/views/login/ui/login-page.test.tsx", "e2e/shell.spec.ts", "README.md", "node_modules/next/index.js"],
)
def test_tests_docs_and_node_modules_need_no_build(frontend, unserved):
    (frontend / unserved).write_text("changed")
    assert needed(frontend) is False


def test_another_build_in_the_folder_is_not_ours(frontend):
    (frontend / ".next/BUILD_ID").write_text("build-2")  # e.g. the e2e tier built here since
    assert needed(frontend) is True


def test_missing_or_unreadable_stamp_needs_a_build(frontend):
    (frontend / ".next" / STAMP).write_text("not json")
    assert needed(frontend) is True
    (frontend / ".next" / STAMP).unlink()
    assert needed(frontend) is True


def test_ensure_build_builds_once_then_reuses(frontend):
    """A stand-in `next build` that writes a new BUILD_ID and counts its runs."""
    runs = frontend.parent / "runs"
    fake_next = frontend / "node_modules/.bin/next"
    fake_next.parent.mkdir(parents=True)
    fake_next.write_text(f'#!/bin/sh\necho run >> {runs}\necho "build-$(wc -l < {runs})" > .next/BUILD_ID\n')
    fake_next.chmod(0o755)
    (frontend / "next.config.ts").write_text("export default { reactStrictMode: true };")

    assert ensure_build(ENV, frontend) is True
    assert ensure_build(ENV, frontend) is False
    stamp = json.loads((frontend / ".next" / STAMP).read_text())
    assert stamp == {"digest": build_digest(frontend, ENV), "build_id": "build-1"}
    assert runs.read_text().count("run") == 1
