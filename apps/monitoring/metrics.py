"""Application metrics for /metrics (Prometheus text format).

Multiprocess mode (DESIGN §8): with PROMETHEUS_MULTIPROC_DIR set (before this module is
imported: the settings do it), every Daphne and Celery process writes its own files and a
scrape merges them with MultiProcessCollector. Nothing here uses a custom collector inside
those processes; values that are state rather than events (hosts, open alerts, queue
lengths, business counts, Celery runs from other containers) are read from the database
and Redis at scrape time by `AppStateCollector`, in the scraping process only."""

import logging
import os

from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

logger = logging.getLogger(__name__)

HTTP_REQUESTS = Counter("vp_http_requests", "HTTP requests", ["method", "route", "status"])
HTTP_LATENCY = Histogram(
    "vp_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DB_QUERIES = Counter("vp_db_queries", "Database queries made while serving HTTP requests", ["route"])
WS_CONNECTIONS = Gauge(
    "vp_websocket_connections", "Open WebSocket connections", ["endpoint"], multiprocess_mode="livesum"
)
CELERY_TASKS = Counter("vp_celery_tasks", "Celery task executions by final state", ["task", "state"])
CELERY_RUNTIME = Histogram(
    "vp_celery_task_runtime_seconds",
    "Celery task run time",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900),
)
CELERY_RETRIES = Counter("vp_celery_task_retries", "Celery task retries", ["task"])
AI_CALLS = Counter(
    "vp_ai_calls",
    "AI completions finished by the AI client (cache hits included, cache=hit)",
    ["model", "kind", "outcome", "cache"],
)
AI_TOKENS = Counter("vp_ai_tokens", "AI tokens billed", ["model", "kind", "type"])
AI_COST = Counter("vp_ai_cost_usd", "AI cost in USD", ["model", "kind"])


def record_ai_call(
    *,
    model: str,
    kind: str,
    outcome: str,
    cache_hit: bool = False,
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
    cost: float = 0.0,
) -> None:
    """For the AI client (`apps.ai_planning.ai_client`), once per finished call: `kind` is the
    job kind (plan, feedback_summary, ...), `outcome` ok / invalid / error / rate_limited /
    timeout / unreachable / refused. Never raises: metrics never break an AI call."""
    try:
        AI_CALLS.labels(model, kind, outcome, "hit" if cache_hit else "miss").inc()
        AI_TOKENS.labels(model, kind, "prompt").inc(prompt_tokens)
        AI_TOKENS.labels(model, kind, "completion").inc(completion_tokens)
        AI_COST.labels(model, kind).inc(float(cost))
    except Exception:  # noqa: BLE001
        logger.debug("AI metrics update failed", exc_info=True)


def ws_connected(endpoint: str, delta: int) -> None:
    try:
        WS_CONNECTIONS.labels(endpoint).inc(delta)
    except Exception:  # noqa: BLE001 — metrics never break a connection
        logger.debug("ws gauge update failed", exc_info=True)


def _count_model(label: str) -> int | None:
    from django.apps import apps

    try:
        return apps.get_model(label).objects.count()
    except LookupError:
        return None


class AppStateCollector:
    def collect(self):
        from datetime import timedelta

        from django.conf import settings
        from django.db.models import Count
        from django.utils import timezone

        from .models import Alert, Backup, Host, MetricPoint, TaskRun
        from .selectors import queue_lengths

        now = timezone.now()
        business = GaugeMetricFamily(
            "vp_business_objects", "Rows stored per kind of business object (all time, not activity)", labels=["kind"]
        )
        for kind, label in (
            ("users", "users.User"),
            ("projects", "projects.Project"),
            ("versions", "feedbacks.Version"),
            ("feedback", "feedbacks.Feedback"),
            ("plans", "ai_planning.Plan"),
        ):
            count = _count_model(label)
            if count is not None:
                business.add_metric([kind], count)
        yield business
        yield from _activity(now)

        alerts = GaugeMetricFamily("vp_alerts_open", "Open alerts", labels=["severity", "status"])
        for row in (
            Alert.objects.filter(status__in=["pending", "firing"]).values("severity", "status").annotate(n=Count("id"))
        ):
            alerts.add_metric([row["severity"], row["status"]], row["n"])
        yield alerts

        hosts = list(Host.objects.all())
        seen = GaugeMetricFamily("vp_host_last_seen_timestamp_seconds", "Last sample time", labels=["host"])
        values = GaugeMetricFamily("vp_host_metric", "Latest host metric value", labels=["host", "metric", "labels"])
        for host in hosts:
            if host.last_seen_at:
                seen.add_metric([host.name], host.last_seen_at.timestamp())
        latest = MetricPoint.objects.filter(
            host__in=hosts, ts__in=[h.last_seen_at for h in hosts if h.last_seen_at]
        ).values_list("host__name", "host__last_seen_at", "ts", "metric", "labels", "value")
        for name, last_seen, ts, metric, labels, value in latest:
            if ts == last_seen:
                values.add_metric([name, metric, labels], value)
        yield seen
        yield values

        queues = GaugeMetricFamily("vp_celery_queue_length", "Messages waiting per Celery queue", labels=["queue"])
        for queue, length in (queue_lengths() or {}).items():
            queues.add_metric([queue], length)
        yield queues

        runs = CounterMetricFamily(
            "vp_celery_task_runs_recorded", "Task runs in the last hour (all workers)", labels=["task", "state"]
        )
        for row in (
            TaskRun.objects.filter(started_at__gte=now - timedelta(hours=1))
            .values("name", "state")
            .annotate(n=Count("id"))
        ):
            runs.add_metric([row["name"], row["state"]], row["n"])
        yield runs

        last_backup = Backup.objects.filter(status=Backup.Status.SUCCEEDED).order_by("-created_at").first()
        backup = GaugeMetricFamily("vp_backup_last_success_timestamp_seconds", "Last successful backup")
        if last_backup:
            backup.add_metric([], last_backup.created_at.timestamp())
        yield backup

        cache = CounterMetricFamily("vp_cache_lookups", "Redis keyspace lookups", labels=["result"])
        stats = _redis_stats(settings.REDIS_URL, settings.REDIS_TIMEOUT)
        if stats:
            cache.add_metric(["hit"], stats.get("keyspace_hits", 0))
            cache.add_metric(["miss"], stats.get("keyspace_misses", 0))
        yield cache


# Activity over sliding windows, not totals: `window` is the label.
ACTIVE_USER_WINDOWS = {"1h": 3600, "24h": 86400, "7d": 7 * 86400, "30d": 30 * 86400}
COMMENT_WINDOWS = {"1h": 3600, "24h": 86400}


def _activity(now):
    """Users active within each window (signed in, or renewed their session: every refresh
    token issued — at sign-in and at each rotation, at least every JWT_ACCESS_MINUTES while a
    tab is open), and comments (replies included) written within each window."""
    from datetime import timedelta

    from django.apps import apps

    users = GaugeMetricFamily(
        "vp_active_users", "Distinct users who signed in or renewed a session within the window", labels=["window"]
    )
    try:
        tokens = apps.get_model("token_blacklist", "OutstandingToken").objects
    except LookupError:
        tokens = None
    if tokens is not None:
        for window, seconds in ACTIVE_USER_WINDOWS.items():
            since = now - timedelta(seconds=seconds)
            count = tokens.filter(created_at__gte=since, user__isnull=False).values("user").distinct().count()
            users.add_metric([window], count)
    yield users

    comments = GaugeMetricFamily(
        "vp_comments_written", "Review comments (replies included) written within the window", labels=["window"]
    )
    try:
        feedback = apps.get_model("feedbacks", "Feedback").objects
    except LookupError:
        feedback = None
    if feedback is not None:
        for window, seconds in COMMENT_WINDOWS.items():
            comments.add_metric([window], feedback.filter(created_at__gte=now - timedelta(seconds=seconds)).count())
    yield comments


def _redis_stats(url: str, timeout: float) -> dict | None:
    import redis

    try:
        with redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout) as client:
            return client.info("stats")
    except redis.RedisError:
        return None


class _DefaultRegistry:
    def collect(self):
        yield from DEFAULT_REGISTRY.collect()


def metrics_payload() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_DefaultRegistry())
    registry.register(AppStateCollector())
    return generate_latest(registry)
