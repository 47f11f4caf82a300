#!/bin/sh
# One backend image, four roles, chosen by the first argument:
#   web                Daphne (HTTP + WebSocket) on $PORT (8000); graceful SIGTERM (config/web_server.py)
#   worker [queues]    a Celery worker; queues comma-separated (default $CELERY_QUEUES, else the settings' queues)
#   beat               Celery beat (run exactly one)
#   migrate            apply database migrations, then exit
#   anything else      run as given (e.g. `python manage.py createsuperuser`)
# Each role `exec`s its server so it is PID 1 and receives SIGTERM itself.
set -eu

reset_metrics() {
  # prometheus-client multiprocess files of a previous run must not be summed in.
  if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
    rm -rf "$PROMETHEUS_MULTIPROC_DIR"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
  fi
}

role="${1:-web}"
[ $# -gt 0 ] && shift

case "$role" in
  web)
    reset_metrics
    exec python -m config.web_server --proxy-headers \
      -b "${HOST:-0.0.0.0}" -p "${PORT:-8000}" \
      --shutdown-grace "${WEB_SHUTDOWN_GRACE_SECONDS:-25}" \
      "$@" config.asgi:application
    ;;
  worker)
    reset_metrics
    queues="${1:-${CELERY_QUEUES:-}}"
    [ $# -gt 0 ] && shift
    if [ -n "$queues" ]; then
      exec celery -A config worker --loglevel "${LOG_LEVEL:-INFO}" \
        --concurrency "${CELERY_CONCURRENCY:-2}" -Q "$queues" "$@"
    fi
    exec celery -A config worker --loglevel "${LOG_LEVEL:-INFO}" --concurrency "${CELERY_CONCURRENCY:-2}" "$@"
    ;;
  beat)
    exec celery -A config beat --loglevel "${LOG_LEVEL:-INFO}" "$@"
    ;;
  migrate)
    exec python manage.py migrate --noinput "$@"
    ;;
  *)
    exec "$role" "$@"
    ;;
esac
