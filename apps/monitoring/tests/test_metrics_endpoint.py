"""/metrics: bearer token, Prometheus text parsed with prometheus_client.parser, and
multiprocess mode merging several processes' values."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from prometheus_client.parser import text_string_to_metric_families

from .conftest import T0, make_rule, put

pytestmark = pytest.mark.django_db

AUTH = {"HTTP_AUTHORIZATION": "Bearer test-metrics-token"}


def families(text: str) -> dict:
    return {family.name: family for family in text_string_to_metric_families(text)}


def test_metrics_need_the_token(client, settings):
    response = client.get("/metrics")
    assert response.status_code == 401 and response.json()["error"]["code"] == "not_authenticated"
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    settings.METRICS_TOKEN = ""
    response = client.get("/metrics", **AUTH)
    assert response.status_code == 503 and response.json()["error"]["code"] == "metrics_disabled"


def test_metrics_scrape_parses_and_carries_app_state(client, staff_client, host):
    from apps.monitoring.services.alerts import rule_evaluate

    put(host, "cpu.percent", 97, T0)
    put(host, "disk.percent", 42, T0, labels="/")
    rule_evaluate(rule=make_rule(), now=T0)
    staff_client.get("/api/v1/monitoring/alerts/")
    response = client.get("/metrics", **AUTH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    parsed = families(response.content.decode())
    http = [
        s
        for s in parsed["vp_http_requests"].samples
        if s.name == "vp_http_requests_total"
        and s.labels["route"] == "/api/v1/monitoring/alerts/"
        and s.labels["status"] == "200"
    ]
    assert http and http[0].value >= 1  # counters are process-wide: earlier tests add to them
    assert "vp_http_request_duration_seconds" in parsed
    alerts = {(s.labels["severity"], s.labels["status"]): s.value for s in parsed["vp_alerts_open"].samples}
    assert alerts == {("critical", "firing"): 1}
    host_values = {(s.labels["metric"], s.labels["labels"]): s.value for s in parsed["vp_host_metric"].samples}
    assert host_values == {("cpu.percent", ""): 97, ("disk.percent", "/"): 42}
    business = {s.labels["kind"]: s.value for s in parsed["vp_business_objects"].samples}
    assert business["users"] >= 1 and "projects" in business
    assert "vp_celery_queue_length" in parsed and "vp_db_queries" in parsed


def test_multiprocess_mode_sums_every_process(tmp_path):
    """Two processes count requests into one PROMETHEUS_MULTIPROC_DIR; a third one scrapes."""
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "REDIS_URL": settings.REDIS_URL,
    }
    count = textwrap.dedent("""
        import django; django.setup()
        from apps.monitoring.metrics import HTTP_REQUESTS, record_ai_call
        HTTP_REQUESTS.labels("GET", "/x/", "200").inc(3)
        record_ai_call(model="m", kind="plan", outcome="ok", prompt_tokens=10, completion_tokens=5, cost=0.25)
    """)
    scrape = textwrap.dedent("""
        import django; django.setup()
        from prometheus_client.multiprocess import MultiProcessCollector
        from prometheus_client import CollectorRegistry, generate_latest
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        print(generate_latest(registry).decode())
    """)
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], env=env, cwd=settings.BASE_DIR, check=True, timeout=60)
    out = subprocess.run(
        [sys.executable, "-c", scrape],
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    ).stdout
    parsed = families(out)
    [requests] = [s for s in parsed["vp_http_requests"].samples if s.name == "vp_http_requests_total"]
    assert requests.value == 6
    [cost] = [s for s in parsed["vp_ai_cost_usd"].samples if s.name == "vp_ai_cost_usd_total"]
    assert cost.value == pytest.approx(0.5)
