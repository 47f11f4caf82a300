"""Tracker ingestion through HTTP: JSON and text/plain beacons, every bad input of issue 8,
rate limits, CORS, session stitching, the active window and ingestion health."""

import json

import pytest
from django.utils import timezone
from prometheus_client import REGISTRY

from apps.monitoring.analytics import health
from apps.monitoring.analytics.models import Event, Session, Site
from apps.monitoring.analytics.sources import AnalyticsSource
from apps.monitoring.models import AlertRule

from .analytics_support import ORIGIN, SAFARI_IPHONE, SID, VID, event, make_site, now_ms, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db) -> Site:
    return make_site()


def test_json_batch_is_stored_with_its_session(client, site):
    events = [
        event(
            "page_view",
            path="/",
            ts=now_ms(-20),
            ref="https://www.google.com/search?q=x",
            utm={"source": "news", "campaign": "nov"},
        ),
        event("click", path="/", ts=now_ms(-15), label="buy-button"),
        event("vital", path="/", ts=now_ms(-14), name="LCP", value=1234.5),
        event("page_view", path="/pricing", ts=now_ms(-10)),
        event("conversion", path="/pricing", ts=now_ms(-5), name="signup", value=12.5),
        event("heartbeat", path="/pricing", ts=now_ms(-1)),
    ]
    response = send(client, site, events)
    assert response.status_code == 202, response.content
    assert response.json() == {"accepted": 6, "rejected": []}
    assert Event.objects.filter(site=site).count() == 6
    click = Event.objects.get(type="click")
    assert (click.label, click.path) == ("buy-button", "/")
    assert Event.objects.get(type="vital").value == 1234.5
    session = Session.objects.get(site=site)
    assert (session.sid, session.visitor, session.entry_page, session.exit_page) == (SID, VID, "/", "/pricing")
    assert (session.page_count, session.event_count, session.converted) == (2, 6, True)
    assert session.duration_seconds == pytest.approx(19, abs=0.01)
    assert (session.browser, session.os, session.device_class) == ("Chrome", "macOS", "desktop")
    assert (session.referrer, session.utm_source, session.utm_campaign) == ("www.google.com", "news", "nov")
    site.refresh_from_db()
    assert site.last_event_at is not None


def test_no_ip_and_no_user_agent_string_is_stored(client, site):
    send(client, site, [event()], ip="198.51.100.99")
    session = Session.objects.get()
    stored = json.dumps(
        [list(Session.objects.values().get().values()), list(Event.objects.values().get().values())], default=str
    )
    assert "198.51.100.99" not in stored and "Mozilla" not in stored and "Intel Mac" not in stored
    assert session.device_class == "desktop"


def test_text_plain_beacon_body_is_accepted_on_both_paths(client, site):
    for slash in (False, True):
        response = send(client, site, [event("heartbeat")], content_type="text/plain;charset=UTF-8", slash=slash)
        assert response.status_code == 202, response.content
    assert Event.objects.filter(type="heartbeat").count() == 2


def test_mobile_user_agent_is_reduced_to_classes(client, site):
    send(client, site, [event()], ua=SAFARI_IPHONE)
    session = Session.objects.get()
    assert (session.browser, session.os, session.device_class) == ("Safari", "iOS", "mobile")


def test_internal_referrer_counts_as_direct(client, site):
    send(client, site, [event(ref=f"{ORIGIN}/other")])
    assert Session.objects.get().referrer == ""


def test_unknown_site_key_is_400_and_stores_nothing(client, site):
    response = send(client, "vps_doesnotexist", [event()])
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_site"
    assert not Event.objects.exists() and not Session.objects.exists()


def test_origin_not_allowed_is_403(client, site):
    response = send(client, site, [event()], origin="https://evil.example")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert not Event.objects.exists()


def test_missing_origin_is_403(client, site):
    assert send(client, site, [event()], origin=None).status_code == 403


def test_site_edits_apply_to_the_next_batch_although_sites_are_cached(client, staff_client, site):
    """Ingestion caches the site per key; an edit, a key rotation and a delete forget it."""
    assert send(client, site, [event()]).status_code == 202
    url = f"/api/v1/monitoring/sites/{site.pk}/"

    staff_client.patch(url, {"allowed_origins": ["https://other.example"]}, format="json")
    assert send(client, site, [event()]).status_code == 403
    assert send(client, site, [event()], origin="https://other.example").status_code == 202

    new_key = staff_client.post(f"{url}rotate-key/").json()["public_key"]
    old = send(client, site.public_key, [event()], origin="https://other.example")
    assert old.status_code == 400 and old.json()["error"]["code"] == "unknown_site"
    assert send(client, new_key, [event()], origin="https://other.example").status_code == 202

    assert staff_client.delete(url).status_code == 204
    assert send(client, new_key, [event()], origin="https://other.example").status_code == 400


def test_origin_comparison_ignores_case_and_trailing_slash(client):
    site = make_site(allowed_origins=["https://Shop.Example/"])
    assert send(client, site, [event()], origin="https://shop.example").status_code == 202


def test_51_events_are_refused_whole(client, site):
    response = send(client, site, [event() for _ in range(51)])
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_events"
    assert not Event.objects.exists()


def test_50_events_are_accepted(client, site):
    response = send(client, site, [event("heartbeat", ts=now_ms(-i)) for i in range(50)])
    assert response.status_code == 202 and response.json()["accepted"] == 50


def test_one_megabyte_body_is_413(client, site):
    raw = json.dumps({"site": site.public_key, "vid": VID, "events": [event(path="/" + "a" * (1024 * 1024))]})
    response = send(client, site, None, raw=raw.encode())
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not Event.objects.exists()


def test_future_and_unknown_events_are_rejected_with_reasons_and_the_valid_kept(client, site):
    events = [
        event("page_view"),
        event("page_view", ts=now_ms(3600)),
        event("teleport"),
        event("vital", name="FID", value=3),
        event("vital", name="LCP", value=-1),
        event("conversion"),
        event("click", path="no-slash"),
        event("heartbeat", sid="x"),
        "not an object",
        event("click", label="x" * 201),
        event("heartbeat", ts=now_ms(-3 * 86400)),
        event("heartbeat"),
    ]
    response = send(client, site, events)
    assert response.status_code == 202
    body = response.json()
    assert body["accepted"] == 2
    codes = {item["index"]: [(r["field"], r["code"]) for r in item["reasons"]] for item in body["rejected"]}
    assert codes == {
        1: [("ts", "in_future")],
        2: [("type", "unknown_type")],
        3: [("name", "invalid")],
        4: [("value", "out_of_range")],
        5: [("name", "required")],
        6: [("path", "invalid")],
        7: [("sid", "invalid")],
        8: [("", "invalid")],
        9: [("label", "too_long")],
        10: [("ts", "too_old")],
    }
    assert all(r["message"] for item in body["rejected"] for r in item["reasons"])
    assert Event.objects.count() == 2


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[1, 2]",
        b'"just a string"',
        b"",
        b"\xff\xfe",
        b'{"site": "K", "vid": "v_visitor0001"}',
        b'{"site": "K", "vid": "v_visitor0001", "events": []}',
        b'{"site": "K", "vid": "v_visitor0001", "events": {"type": "page_view"}}',
        b'{"site": "K", "vid": "bad id!", "events": [{}]}',
        b'{"vid": "v_visitor0001", "events": [{}]}',
        b"[" * 5000 + b"]" * 5000,
    ],
    ids=[
        "broken",
        "array",
        "string",
        "empty",
        "binary",
        "no-events",
        "empty-events",
        "events-object",
        "bad-vid",
        "no-site",
        "deep",
    ],
)
def test_malformed_beacons_are_400(client, site, raw):
    response = send(client, site, None, raw=raw, content_type="text/plain")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "validation_error"
    assert not Event.objects.exists()


def test_other_content_types_are_415(client, site):
    assert send(client, site, [event()], content_type="application/x-www-form-urlencoded").status_code == 415


def test_get_is_not_allowed(client):
    assert client.get("/api/v1/monitoring/events").status_code == 405


def test_flood_from_one_ip_is_429_while_others_keep_working(client, site, settings):
    settings.ANALYTICS_RATE_IP = "3/min"
    for _ in range(3):
        assert send(client, site, [event("heartbeat")], ip="192.0.2.1").status_code == 202
    flooded = send(client, site, [event("heartbeat")], ip="192.0.2.1")
    assert flooded.status_code == 429
    assert flooded.json()["error"]["code"] == "throttled" and int(flooded["Retry-After"]) >= 1
    assert send(client, site, [event("heartbeat")], ip="192.0.2.2").status_code == 202
    assert Event.objects.count() == 4


def test_per_site_limit_leaves_other_sites_alone(client, site, settings):
    settings.ANALYTICS_RATE_SITE = "2/min"
    other = make_site(name="Blog")
    for n in range(2):
        assert send(client, site, [event("heartbeat")], ip=f"192.0.2.{n}").status_code == 202
    assert send(client, site, [event("heartbeat")], ip="192.0.2.9").status_code == 429
    assert send(client, other, [event("heartbeat")], ip="192.0.2.9").status_code == 202


def test_cors_allows_any_origin_on_the_ingestion_route_only(client, site):
    preflight = client.options(
        "/api/v1/monitoring/events",
        HTTP_ORIGIN="https://anywhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert preflight["Access-Control-Allow-Origin"] == "https://anywhere.example"
    assert "Access-Control-Allow-Credentials" not in preflight
    response = send(client, site, [event()])
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    other = client.get("/api/v1/monitoring/sites/", HTTP_ORIGIN="https://anywhere.example")
    assert "Access-Control-Allow-Origin" not in other


# --- sessions ---------------------------------------------------------------------------


def test_a_30_minute_gap_splits_the_session_even_with_the_same_sid(client, site):
    base = now_ms(-3 * 3600)
    minute = 60_000
    send(client, site, [event("page_view", path="/a", ts=base), event("click", path="/a", ts=base + 10 * minute)])
    send(client, site, [event("page_view", path="/b", ts=base + 41 * minute)])
    first, second = Session.objects.order_by("started_at")
    assert (first.entry_page, first.exit_page, first.page_count, first.duration_seconds) == ("/a", "/a", 1, 600)
    assert (second.entry_page, second.page_count, second.sid) == ("/b", 1, SID)
    assert Event.objects.filter(session=second).count() == 1


def test_heartbeats_keep_a_long_visit_in_one_session(client, site):
    base = now_ms(-3 * 3600)
    minute = 60_000
    send(client, site, [event("page_view", path="/watch", ts=base)])
    for n in (20, 40, 60, 80):
        send(client, site, [event("heartbeat", path="/watch", ts=base + n * minute)])
    send(client, site, [event("click", path="/watch", ts=base + 95 * minute, label="next")])
    session = Session.objects.get()
    assert session.duration_seconds == 95 * 60 and session.event_count == 6


def test_events_of_one_batch_out_of_order_are_stitched_by_time(client, site):
    base = now_ms(-600)
    send(client, site, [event("page_view", path="/second", ts=base + 5000), event("page_view", path="/first", ts=base)])
    session = Session.objects.get()
    assert (session.entry_page, session.exit_page, session.page_count) == ("/first", "/second", 2)


def test_two_sids_in_one_batch_make_two_sessions(client, site):
    send(client, site, [event(sid="s_aaaaaaaa"), event(sid="s_bbbbbbbb")])
    assert Session.objects.count() == 2


# --- active sessions ---------------------------------------------------------------------


def test_active_sessions_are_those_with_a_heartbeat_in_the_last_60_seconds(client, site, staff_client):
    send(
        client,
        site,
        [
            event("page_view", sid="s_stale000", path="/old", ts=now_ms(-300)),
            event("heartbeat", sid="s_stale000", path="/old", ts=now_ms(-90)),
        ],
    )
    send(
        client,
        site,
        [
            event("page_view", sid="s_fresh000", path="/", ts=now_ms(-200)),
            event("heartbeat", sid="s_fresh000", path="/live", ts=now_ms(-30)),
        ],
    )
    send(client, site, [event("click", sid="s_click000", path="/", ts=now_ms(-5))])  # no heartbeat at all
    response = staff_client.get(f"/api/v1/monitoring/sessions/active/?site={site.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["window_seconds"] == 60
    assert body["results"][0]["current_page"] == "/live"
    assert body["results"][0]["device_class"] == "desktop"


def test_active_sessions_need_a_site_and_staff(client, site, staff_client, member_client):
    assert staff_client.get("/api/v1/monitoring/sessions/active/").status_code == 400
    assert staff_client.get("/api/v1/monitoring/sessions/active/?site=nope").status_code == 400
    assert (
        staff_client.get("/api/v1/monitoring/sessions/active/?site=00000000-0000-0000-0000-000000000000").status_code
        == 404
    )
    assert member_client.get(f"/api/v1/monitoring/sessions/active/?site={site.pk}").status_code == 403
    assert client.get(f"/api/v1/monitoring/sessions/active/?site={site.pk}").status_code == 401


# --- ingestion health ------------------------------------------------------------------------


@pytest.fixture
def clean_health():
    redis_client = health._client()
    for key in redis_client.scan_iter(match="vp:an:health:*"):
        redis_client.delete(key)


def test_ingestion_health_reaches_prometheus_and_the_alert_source(client, site, clean_health):
    before = REGISTRY.get_sample_value("vp_analytics_events_total", {"site": str(site.pk), "outcome": "accepted"}) or 0
    send(client, site, [event(), event("teleport")])
    send(client, site, [event()], origin="https://evil.example")
    send(client, "vps_unknown", [event()])
    after = REGISTRY.get_sample_value("vp_analytics_events_total", {"site": str(site.pk), "outcome": "accepted"})
    assert after - before == 1
    assert REGISTRY.get_sample_value("vp_analytics_requests_total", {"status": "403"}) >= 1

    source = AnalyticsSource()
    assert "analytics.events_ingested" in source.metrics() and "analytics.ingestion_errors" in source.metrics()
    now = timezone.now()

    def observe(metric, selector=None):
        rule = AlertRule(
            name="x", source="analytics", metric=metric, operator=">", threshold=0, host_selector=selector or {}
        )
        return {obs.target: obs.value for obs in source.observe(rule, now)}

    assert observe("analytics.events_ingested") == {str(site.pk): 1.0, health.GLOBAL: 1.0}
    assert observe("analytics.events_rejected")[str(site.pk)] == 1.0
    errors = observe("analytics.ingestion_errors")
    assert errors[str(site.pk)] == 1.0 and errors[health.GLOBAL] == 2.0
    assert observe("analytics.ingestion_latency_p95_ms", {"sites": ["Shop"]})[str(site.pk)] > 0
    assert observe("analytics.active_sessions", {"name_glob": "Sh*"}) == {str(site.pk): 1.0}


def test_an_analytics_rule_can_be_created_through_the_api(staff_client, site):
    response = staff_client.post(
        "/api/v1/monitoring/rules/",
        {
            "name": "Ingestion errors",
            "source": "analytics",
            "metric": "analytics.ingestion_errors",
            "host_selector": {"sites": [str(site.pk)]},
            "operator": ">",
            "threshold": 10,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    bad = staff_client.post(
        "/api/v1/monitoring/rules/",
        {
            "name": "x",
            "source": "analytics",
            "metric": "analytics.ingestion_errors",
            "host_selector": {"hosts": ["web-1"]},
            "operator": ">",
            "threshold": 1,
        },
        format="json",
    )
    assert bad.status_code == 400


def test_the_tracker_is_served_as_a_static_file(client):
    response = client.get("/static/vp-tracker.js")
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    assert b"data-site" in b"".join(response.streaming_content)


@pytest.mark.django_db(transaction=True)
def test_concurrent_batches_of_a_new_sid_make_one_session():
    import threading

    from django.db import connection
    from django.test import Client

    site = make_site()
    barrier = threading.Barrier(4)
    statuses = []

    def post(n):
        barrier.wait()
        try:
            statuses.append(send(Client(), site, [event("heartbeat", ts=now_ms(-n))], ip=f"192.0.2.{n}").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [202] * 4
    assert Session.objects.filter(site=site).count() == 1
    assert Session.objects.get(site=site).event_count == 4


def test_a_client_clock_slightly_ahead_is_clamped_to_the_server_clock(client, site):
    before = timezone.now()
    assert send(client, site, [event("heartbeat", ts=now_ms(120))]).status_code == 202
    stored = Event.objects.get().ts
    assert before <= stored <= timezone.now()
    assert Session.objects.get().last_alive_at == stored


def test_nul_characters_are_rejected_per_event_not_a_500(client, site):
    response = send(client, site, [event(path="/a\u0000b"), event("click", label="x\u0000"), event()])
    assert response.status_code == 202
    assert [item["index"] for item in response.json()["rejected"]] == [0, 1]
    assert Event.objects.count() == 1


@pytest.mark.server_errors_expected
def test_a_database_failure_is_a_500_envelope_and_counted_as_an_error(client, site, monkeypatch):
    from apps.monitoring.analytics import views

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(views, "events_ingest", broken)
    before = REGISTRY.get_sample_value("vp_analytics_requests_total", {"status": "500"}) or 0
    client.raise_request_exception = False
    response = send(client, site, [event()])
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert REGISTRY.get_sample_value("vp_analytics_requests_total", {"status": "500"}) == before + 1


def test_rate_limits_fail_open_when_the_cache_is_down(client, site, settings, monkeypatch):
    import socket

    from apps.core import throttling

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"  # nothing listens: refused at once
    settings.ANALYTICS_RATE_IP = "1/min"
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": dead}}
    monkeypatch.setattr(throttling, "_script", None)  # the window's script is bound to the live Redis
    for _ in range(3):
        assert send(client, site, [event("heartbeat")]).status_code == 202


def test_ingestion_goes_on_quickly_with_redis_down(client, site, settings, monkeypatch):
    import time

    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    monkeypatch.setattr(health, "_redis_down_until", 0.0)
    started = time.monotonic()
    for _ in range(5):
        assert send(client, site, [event("heartbeat")]).status_code == 202
    assert time.monotonic() - started < 5
    assert health._redis_down_until > 0 and Event.objects.count() == 5
