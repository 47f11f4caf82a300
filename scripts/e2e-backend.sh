#!/usr/bin/env bash
# The backend for the browser e2e tier: migrated, a Celery worker, and Daphne serving
# HTTP + WebSocket on 127.0.0.1:$E2E_API_PORT. Started by Playwright's webServer.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.dev
export DJANGO_DEBUG=0
export DATABASE_URL="${E2E_DATABASE_URL:-${DATABASE_URL:-sqlite:///$PWD/var/e2e.sqlite3}}"
export REDIS_URL="${REDIS_URL:?REDIS_URL must be set (scripts/test.sh provides one)}"
export E2E_WEB_PORT="${E2E_WEB_PORT:-3100}"
export CORS_ALLOWED_ORIGINS="http://127.0.0.1:$E2E_WEB_PORT,http://localhost:$E2E_WEB_PORT"
export FRONTEND_URL="http://127.0.0.1:$E2E_WEB_PORT"
export MEDIA_ROOT="$PWD/var/e2e-media"
mkdir -p var
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/celery -A config worker --pool solo --loglevel WARNING &
worker=$!
trap 'kill $worker 2>/dev/null' EXIT INT TERM
.venv/bin/daphne -b 127.0.0.1 -p "${E2E_API_PORT:-8765}" config.asgi:application
