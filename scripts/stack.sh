#!/usr/bin/env bash
# `make stack`: the production-like stack on one machine, built and tested like CI does.
#
# Builds both images (deploy/*.Dockerfile) on a debootstrapped Debian base (no registry
# needed; built once and reused), then runs on loopback with podman (--network host):
# migrate, two web nodes, one Celery worker, one beat, the Next.js server, and HAProxy
# (from Debian, on the host) in front; all against this machine's PostgreSQL and Redis.
# scripts/stack_smoke.py then tests it through the balancer, stops web node 1 and checks
# that its clients resumed on node 2 with nothing lost or repeated. Everything it started
# (containers, HAProxy, the stack's database and Redis db) is removed on exit, pass or fail.
#
# Needs root (podman, debootstrap), podman + runc + debootstrap + haproxy (apt), the .venv.
# Environment: DATABASE_URL / REDIS_URL name the servers (default: 127.0.0.1 defaults);
# STACK_DATABASE (vp_stack) and STACK_REDIS_DB (15) are the stack's own, created and dropped
# here; STACK_PORT_BASE (18480): balancer, web1, web2, frontend use it and the next three.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
STATE="$ROOT/var/stack"
LOGS="$STATE/logs"
LOCK=${HEAVY_LOCK:-/tmp/vp-heavy.lock}
started_at=$SECONDS

for tool in podman runc haproxy debootstrap; do
  command -v "$tool" >/dev/null || { echo "stack: $tool is missing (apt-get install -y podman runc haproxy debootstrap)" >&2; exit 1; }
done
[[ -x "$PY" ]] || { echo "stack: .venv is missing (make install)" >&2; exit 1; }

mkdir -p "$STATE" "$LOGS"
rm -f "$LOGS"/*.log
# podman in this sandbox: limits no higher than the hard limit, runc (crun refuses cgroup v1
# hybrid). Selected by CONTAINERS_CONF, so nothing under /etc changes.
cat >"$STATE/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
runtime = "runc"
EOF
export CONTAINERS_CONF="$STATE/containers.conf"

base=${STACK_PORT_BASE:-18480}
LB_PORT=$base WEB1_PORT=$((base + 1)) WEB2_PORT=$((base + 2)) FRONTEND_PORT=$((base + 3))
export LB_PORT WEB1_PORT WEB2_PORT FRONTEND_PORT
FAKE_OPENAI_PORT=$("$PY" -c 'import sys; sys.path.insert(0, "scripts"); from ports import free_port; print(free_port())')
LB_URL="http://127.0.0.1:$LB_PORT"
NAME=vpstack
BACKEND_IMAGE=localhost/videoplanet-backend:stack
FRONTEND_IMAGE=localhost/videoplanet-frontend:stack
BASE_IMAGE=localhost/localbase:bookworm

server_db=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
STACK_DATABASE=${STACK_DATABASE:-vp_stack}
STACK_DATABASE_URL="${server_db%/*}/$STACK_DATABASE"
ADMIN_DATABASE_URL="${server_db%/*}/postgres"
server_redis=${REDIS_URL:-redis://127.0.0.1:6379/0}
STACK_REDIS_URL="${server_redis%/*}/${STACK_REDIS_DB:-15}"

haproxy_pid=""
cleanup() {
  local status=$?
  set +e
  if [[ $status != 0 ]]; then
    echo "stack: FAILED (exit $status); container logs in $LOGS/"
  fi
  for name in web1 web2 worker beat frontend; do
    podman logs "$NAME-$name" >"$LOGS/$name.log" 2>&1
  done
  podman rm -f "$NAME-web1" "$NAME-web2" "$NAME-worker" "$NAME-beat" "$NAME-frontend" >/dev/null 2>&1
  [[ -n "$haproxy_pid" ]] && kill "$haproxy_pid" 2>/dev/null && wait "$haproxy_pid" 2>/dev/null
  "$PY" - "$ADMIN_DATABASE_URL" "$STACK_DATABASE" "$STACK_REDIS_URL" <<'PY'
import sys, psycopg, redis
admin_url, name, redis_url = sys.argv[1:]
with psycopg.connect(admin_url, autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
redis.Redis.from_url(redis_url).flushdb()
PY
  rm -f "$STATE/stack.env"
  echo "stack: cleaned up (containers, haproxy, database $STACK_DATABASE, redis ${STACK_REDIS_URL##*/}) — total $((SECONDS - started_at))s"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Containers of an earlier run that was killed before its cleanup could run.
podman rm -f "$NAME-web1" "$NAME-web2" "$NAME-worker" "$NAME-beat" "$NAME-frontend" >/dev/null 2>&1 || true

echo "━━━ images"
# Builds are heavy: on a shared machine they wait for the others' heavy jobs (one lock for
# the whole build phase, released before the stack starts).
t=$SECONDS
exec 9>"$LOCK"
flock 9
lock_wait_seconds=$((SECONDS - t))
t=$SECONDS
bash deploy/build-base.sh
base_seconds=$((SECONDS - t))
build() {  # build IMAGE DOCKERFILE CONTEXT [build args...]
  local image=$1 dockerfile=$2 context=$3 log="$LOGS/build-$(basename "$2" .Dockerfile).log"
  shift 3
  podman build --network host \
    -v /etc/ssl/certs/ca-certificates.crt:/run/host-ca.crt:ro \
    --build-arg PIP_CERT=/run/host-ca.crt --build-arg NODE_EXTRA_CA_CERTS=/run/host-ca.crt \
    --build-arg BASE_IMAGE="$BASE_IMAGE" "$@" -f "$dockerfile" -t "$image" "$context" >"$log" 2>&1 \
    || { tail -30 "$log"; echo "stack: building $image failed (log: $log)" >&2; return 1; }
}
t=$SECONDS
build "$BACKEND_IMAGE" deploy/backend.Dockerfile .
backend_seconds=$((SECONDS - t))
t=$SECONDS
# same-origin: the pages call the API on their own origin (the balancer routes /api and /ws),
# so the image does not depend on this run's address, as behind the Kubernetes Ingress.
build "$FRONTEND_IMAGE" deploy/frontend.Dockerfile frontend --build-arg NEXT_PUBLIC_API_URL=same-origin
frontend_seconds=$((SECONDS - t))
# Builder stages stay (untagged) as the next run's build cache: `podman image prune` frees
# about 1 GB when that is not wanted.
flock -u 9
exec 9>&-
size() { podman image inspect --format '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1 / 1e6}'; }
echo "waited ${lock_wait_seconds}s for the heavy-job lock; base ${base_seconds}s, backend ${backend_seconds}s ($(size "$BACKEND_IMAGE")), frontend ${frontend_seconds}s ($(size "$FRONTEND_IMAGE"))"

echo "━━━ database $STACK_DATABASE, redis ${STACK_REDIS_URL}"
"$PY" - "$ADMIN_DATABASE_URL" "$STACK_DATABASE" "$STACK_REDIS_URL" <<'PY'
import sys, psycopg, redis
admin_url, name, redis_url = sys.argv[1:]
with psycopg.connect(admin_url, autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{name}"')
redis.Redis.from_url(redis_url).flushdb()
PY

# Production settings with a secret generated for this run (never written into an image).
# Plain HTTP on loopback: no TLS redirect or HSTS.
umask 077
cat >"$STATE/stack.env" <<EOF
DJANGO_SETTINGS_MODULE=config.settings.prod
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
SECURE_SSL_REDIRECT=0
SECURE_HSTS_SECONDS=0
DATABASE_URL=$STACK_DATABASE_URL
REDIS_URL=$STACK_REDIS_URL
FRONTEND_URL=$LB_URL
CORS_ALLOWED_ORIGINS=$LB_URL
WS_ALLOWED_ORIGINS=$LB_URL
OPENAI_API_KEY=stack-fake-key
OPENAI_BASE_URL=http://127.0.0.1:$FAKE_OPENAI_PORT/v1
AI_RETRY_BASE_SECONDS=0.2
METRICS_TOKEN=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')
THROTTLE_USER=6000/min
LOG_LEVEL=WARNING
WEB_SHUTDOWN_GRACE_SECONDS=20
EOF
umask 022
run() {  # run NAME IMAGE [podman args...] -- [command...]
  local name=$1 image=$2
  shift 2
  local opts=()
  while [[ $# -gt 0 && $1 != -- ]]; do opts+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  podman run -d --name "$NAME-$name" --network host --env-file "$STATE/stack.env" "${opts[@]}" "$image" "$@" >/dev/null
}

echo "━━━ start"
podman run --rm --network host --env-file "$STATE/stack.env" "$BACKEND_IMAGE" migrate >"$LOGS/migrate.log" 2>&1 \
  || { tail -30 "$LOGS/migrate.log"; exit 1; }
podman run --rm --network host --env-file "$STATE/stack.env" "$BACKEND_IMAGE" python manage.py seed_demo >"$LOGS/seed.log" 2>&1 \
  || { tail -30 "$LOGS/seed.log"; exit 1; }
run web1 "$BACKEND_IMAGE" -e HOST=127.0.0.1 -e PORT="$WEB1_PORT" -e MONITORING_HOST_NAME=web1 -- web
run web2 "$BACKEND_IMAGE" -e HOST=127.0.0.1 -e PORT="$WEB2_PORT" -e MONITORING_HOST_NAME=web2 -- web
run worker "$BACKEND_IMAGE" -e MONITORING_HOST_NAME=worker -- worker
run beat "$BACKEND_IMAGE" -- beat
podman run -d --name "$NAME-frontend" --network host -e HOSTNAME=127.0.0.1 -e PORT="$FRONTEND_PORT" \
  "$FRONTEND_IMAGE" >/dev/null
haproxy -db -f deploy/stack/haproxy.cfg >"$LOGS/haproxy.log" 2>&1 &
haproxy_pid=$!

"$PY" scripts/stack_smoke.py \
  --lb "$LB_URL" --web1 "http://127.0.0.1:$WEB1_PORT" --web2 "http://127.0.0.1:$WEB2_PORT" \
  --frontend "http://127.0.0.1:$FRONTEND_PORT" --fake-openai-port "$FAKE_OPENAI_PORT" \
  --containers "$NAME" --stop-web1 "podman stop -t 30 $NAME-web1"
echo "stack: passed — images ${base_seconds}s + ${backend_seconds}s + ${frontend_seconds}s, whole run $((SECONDS - started_at))s"
