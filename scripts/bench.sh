#!/usr/bin/env bash
# `make bench`: every benchmark in bench/, each against a baseline measured in the same run.
# Prints one table with ratios and PASS/FAIL per target and appends it to bench/results.md.
# Not part of `make test`. BENCH_UPLOAD_MB (default 1024) sizes the upload benchmark;
# the frontend build in frontend/.next-bench is remade only when the frontend changed.
set -uo pipefail
cd "$(dirname "$0")/.."
# bench_multinode.py holds 1,000 sockets: one descriptor each here and in a web process.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ -z "${REDIS_URL:-}" ]]; then
  port=$(.venv/bin/python -c 'import sys; sys.path.insert(0, "scripts"); from ports import free_port; print(free_port())')
  REDIS_PORT=$port .venv/bin/python scripts/embedded_redis.py >/dev/null 2>&1 &
  redis_pid=$!
  trap 'kill $redis_pid 2>/dev/null' EXIT
  export REDIS_URL="redis://127.0.0.1:$port/0"
  for _ in $(seq 50); do .venv/bin/python -c "import redis; redis.Redis.from_url('$REDIS_URL').ping()" 2>/dev/null && break; sleep 0.1; done
fi
echo "Database: ${DATABASE_URL:-SQLite under var/} · Redis: $REDIS_URL"
# Every benchmark, or only the files named (`bash scripts/bench.sh bench/bench_upload.py`).
paths=(bench)
for arg in "$@"; do [[ $arg == bench/* ]] && paths=(); done
# Not exec: the EXIT trap stops the embedded redis-server once pytest is done.
.venv/bin/pytest "${paths[@]}" -p no:cacheprovider -q -s -o python_files='bench_*.py' "$@"
