#!/usr/bin/env bash
# Every test tier, with a summary. `scripts/test.sh [backend|frontend|deploy|e2e]` runs one group.
# With CI=true (or REQUIRE_ALL_TIERS=1) a skipped tier fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ONLY="${1:-all}"
STRICT=0
[[ "${CI:-}" == "true" || "${REQUIRE_ALL_TIERS:-}" == "1" ]] && STRICT=1

names=(); results=(); failed=0
tier() {  # tier NAME CMD...
  local name=$1; shift
  echo; echo "━━━ $name"; local start=$SECONDS
  if "$@"; then results+=("passed   $(( SECONDS - start ))s"); else results+=("FAILED   $(( SECONDS - start ))s"); failed=1; fi
  names+=("$name")
}
skip() {  # skip NAME REASON
  names+=("$1"); results+=("SKIPPED  $2"); echo; echo "━━━ $1: SKIPPED — $2"
  [[ $STRICT == 1 ]] && failed=1
}
want() { [[ "$ONLY" == all || "$ONLY" == "$1" ]]; }

# Redis: the one given, else a real embedded redis-server for this run.
if [[ -z "${REDIS_URL:-}" ]]; then
  port=$(.venv/bin/python -c 'import sys; sys.path.insert(0, "scripts"); from ports import free_port; print(free_port())')
  REDIS_PORT=$port .venv/bin/python scripts/embedded_redis.py >/dev/null 2>&1 &
  redis_pid=$!
  trap 'kill $redis_pid 2>/dev/null' EXIT
  export REDIS_URL="redis://127.0.0.1:$port/0"
  for _ in $(seq 50); do .venv/bin/python -c "import redis,sys; redis.Redis.from_url('$REDIS_URL').ping()" 2>/dev/null && break; sleep 0.1; done
  echo "Using an embedded redis-server at $REDIS_URL"
fi
echo "Database: ${DATABASE_URL:-SQLite under var/}"

if want backend; then
  tier "backend lint (ruff)" .venv/bin/ruff check apps config tests scripts bench conftest.py
  tier "backend format (ruff)" .venv/bin/ruff format --check apps config tests scripts bench conftest.py
  tier "backend boundaries (import-linter)" .venv/bin/lint-imports --no-cache
  tier "backend types (mypy)" .venv/bin/mypy
  tier "backend tests (pytest)" .venv/bin/pytest -p no:cacheprovider -q
  # The embedded default (SQLite, nothing configured) must pass too, not only PostgreSQL:
  # CI runs the suite on both (a skipped SQLite tier fails a strict run).
  if [[ -n "${DATABASE_URL:-}" && "$DATABASE_URL" != sqlite* ]]; then
    if [[ $STRICT == 1 || "${BACKEND_SQLITE:-}" == 1 ]]; then
      tier "backend tests on SQLite (pytest)" env -u DATABASE_URL \
        SQLITE_TEST_PATH="${SQLITE_TEST_PATH:-$ROOT/var/test.sqlite3}" .venv/bin/pytest -p no:cacheprovider -q
    else
      skip "backend tests on SQLite (pytest)" "DATABASE_URL is set; BACKEND_SQLITE=1 runs the suite on SQLite as well"
    fi
  fi
fi

if want frontend; then
  tier "frontend typecheck" npm --prefix frontend run --silent typecheck
  tier "frontend lint (eslint)" npm --prefix frontend run --silent lint
  tier "frontend layers (steiger)" npm --prefix frontend run --silent lint:fsd
  tier "frontend unit (vitest)" npm --prefix frontend run --silent test
  tier "frontend API types current (openapi-typescript)" bash scripts/api_types.sh --check
fi

if want deploy; then
  tier "deploy (k8s manifests, Dockerfiles, workflows)" bash scripts/check_deploy.sh
fi

if want e2e; then
  CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [[ -x "$CHROMIUM_PATH" ]]; then
    export CHROMIUM_PATH
    tier "browser e2e (playwright + chromium)" npm --prefix frontend run --silent e2e
  else
    skip "browser e2e (playwright + chromium)" "no Chromium at $CHROMIUM_PATH (apt-get install chromium, or set CHROMIUM_PATH)"
  fi
fi

echo; echo "━━━ Summary"
for i in "${!names[@]}"; do printf '  %-40s %s\n' "${names[$i]}" "${results[$i]}"; done
if [[ $failed == 0 ]]; then echo "All tiers passed."; else echo "Some tiers failed or were skipped."; fi
if [[ "${results[*]}" == *FAILED* ]] && [[ " ${names[*]} " == *"browser e2e"* ]] && [[ -f frontend/test-results/results.json ]]; then
  echo; echo "━━━ Why browser tests failed"; .venv/bin/python scripts/e2e_failures.py
fi
exit $failed
