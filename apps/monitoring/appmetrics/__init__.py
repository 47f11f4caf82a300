"""Application metrics the product measures itself, for alert rules (source `app`).

Prometheus counters live in each process, so the rule engine cannot read them; these are
kept in Redis, shared by every Daphne and Celery process on every node:

- HTTP: the middleware adds each request to a `MONITORING_APP_BUCKET_SECONDS` (10 s) hash
  `vp:app:http:<bucket>` — request count, 5xx count and a latency histogram per route group
  — in one pipelined write (no write at all for `MONITORING_APP_BACKOFF_SECONDS` after
  Redis failed, so a Redis outage costs no request a timeout). The rule reads the buckets of
  the last `MONITORING_APP_WINDOW_SECONDS` (300 s): `http.error_rate` = 5xx / requests in %,
  `http.p95_ms` = the 95th percentile from the histogram (linear inside its bucket).
  A route group is the app that serves the route (`auth`, `projects`, `feedbacks`, `ai`,
  `monitoring`, `analytics`, `core`, `admin`, `other`), never a path.
- WebSocket: each process counts its open connections per endpoint (`notifications`,
  `project`, `monitoring`, ...) in `vp:app:ws:<host>:<pid>`, rewritten on every connect and
  close and every `WS_REFRESH_SECONDS` while any is open, expiring after `WS_TTL_SECONDS`
  (a killed process stops counting within a minute). `ws.connections` sums the live ones.
- Celery: `celery.queue_depth` is the broker list length per queue (priority sub-lists
  included); `celery.oldest_wait_s` is the age of the message at the head of the queue, from
  the `vp-published-at` header every publish gets (`before_task_publish`).
- `ai.error_rate` and any other metric an upper app owns are registered with
  `register_app_metric()` (apps.ai_planning does it for AI calls): monitoring imports none.

Targets (the rule's selector `{"targets": [...]}`; `{}` = every target with data, plus any
target that still has an open alert, which then sees 0 and resolves): route groups for
`http.*`, endpoints for `ws.connections`, queues for `celery.*`, `all` for `ai.error_rate`."""

from .celery_queues import PUBLISHED_HEADER, celery_queues, stamp_published
from .http import (
    HISTORY_MINUTES,
    HTTP_KEY,
    LATENCY_BOUNDS_MS,
    histogram_percentile,
    http_minutes,
    http_record,
    http_series,
    http_window,
    route_group,
)
from .source import APP_METRICS, AppMetric, AppSource, app_http_series, app_snapshot, app_values, register_app_metric
from .websockets import WS_KEY, WS_NODES, WS_REFRESH_SECONDS, WS_TTL_SECONDS, ws_changed, ws_connections

__all__ = [
    "APP_METRICS",
    "HISTORY_MINUTES",
    "HTTP_KEY",
    "LATENCY_BOUNDS_MS",
    "PUBLISHED_HEADER",
    "WS_KEY",
    "WS_NODES",
    "WS_REFRESH_SECONDS",
    "WS_TTL_SECONDS",
    "AppMetric",
    "AppSource",
    "app_http_series",
    "app_snapshot",
    "app_values",
    "celery_queues",
    "histogram_percentile",
    "http_minutes",
    "http_record",
    "http_series",
    "http_window",
    "register_app_metric",
    "route_group",
    "stamp_published",
    "ws_changed",
    "ws_connections",
]
