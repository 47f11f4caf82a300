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
# Every browser, user and guest of the run comes from 127.0.0.1: the per-IP and per-user API
# limits (meant for one person each) would otherwise answer 429 to a whole suite's pages.
export THROTTLE_IP="${THROTTLE_IP:-6000/min}" THROTTLE_USER="${THROTTLE_USER:-6000/min}"
export THROTTLE_AUTH="${THROTTLE_AUTH:-600/min}" THROTTLE_SHARE="${THROTTLE_SHARE:-600/min}"
# E-mail goes to files the specs read (e2e/support/outbox.ts: the sign-up verification link).
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
export EMAIL_FILE_PATH="$PWD/var/e2e-outbox-${E2E_API_PORT:-8765}"
mkdir -p var
.venv/bin/python manage.py migrate --noinput -v 0
# The web app tracks itself (dogfooding), under its CSP: playwright.config.ts builds it with
# this site's key, and e2e/security.spec.ts checks the tracker loads and reaches the API.
.venv/bin/python manage.py analytics_demo_site --origin "http://127.0.0.1:$E2E_WEB_PORT" \
  --origin "http://localhost:$E2E_WEB_PORT" > "var/e2e-site-key-$E2E_WEB_PORT"
# AI planning runs against the backend tests' fake OpenAI-compatible server (tests/fake_openai.py)
# on a free loopback port: real plans through the real client, no key and no internet needed.
# Each answer takes E2E_AI_DELAY seconds (default 1) so a browser can watch the progress.
fake_url="$PWD/var/e2e-fake-openai-$$.url"
.venv/bin/python -c 'import os, sys, threading
from tests.fake_openai import FakeOpenAI
fake = FakeOpenAI(slow_seconds=float(os.environ.get("E2E_AI_DELAY", "1")))
fake.default = "slow"
open(sys.argv[1] + ".tmp", "w").write(fake.start().base_url)
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
threading.Event().wait()' "$fake_url" &
fake=$!
trap 'kill $fake 2>/dev/null' EXIT INT TERM
for _ in $(seq 100); do [ -s "$fake_url" ] && break; sleep 0.1; done
export OPENAI_BASE_URL="$(cat "$fake_url")" OPENAI_API_KEY="e2e-fake-key"
rm -f "$fake_url"
.venv/bin/celery -A config worker --pool solo --loglevel WARNING &
worker=$!
trap 'kill $worker $fake 2>/dev/null' EXIT INT TERM
.venv/bin/daphne -b 127.0.0.1 -p "${E2E_API_PORT:-8765}" config.asgi:application
