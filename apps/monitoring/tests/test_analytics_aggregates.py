"""Aggregates against a hand-computed fixture (raw and from daily rollups after the raw rows
are pruned), sites CRUD, and the live tick."""

from datetime import UTC, datetime, timedelta

import jsonschema
import pytest
from django.utils import timezone

from apps.monitoring.analytics.ingest import CleanEvent, events_ingest
from apps.monitoring.analytics.models import AnalyticsRollup, Event, Session, Site
from apps.monitoring.analytics.services import retention_run, rollups_run, tick_payload

from .analytics_support import CHROME_MAC, ORIGIN, SAFARI_IPHONE, make_site

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 3, 2, tzinfo=UTC)


def at(hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return DAY.replace(hour=hh, minute=mm, second=ss)


def ingest(site, visitor, ua, events):
    events_ingest(
        site=site,
        visitor=visitor,
        user_agent=ua,
        origin=ORIGIN,
        now=timezone.now(),
        events=[CleanEvent(**e) for e in events],
    )


@pytest.fixture
def fixture_site(db) -> Site:
    """Four sessions of three visitors on 2026-03-02 (the numbers in the test are worked
    out by hand from these lines)."""
    site = make_site()
    ingest(
        site,
        "v_visitor_1",
        CHROME_MAC,
        [  # A: 180 s, 2 pages, converted, from Google
            {
                "type": "page_view",
                "ts": at(10),
                "sid": "s_sessionA",
                "path": "/",
                "ref": "https://www.google.com/s",
                "utm": {"source": "news"},
            },
            {"type": "vital", "ts": at(10, 0, 5), "sid": "s_sessionA", "path": "/", "name": "LCP", "value": 1000.0},
            {"type": "click", "ts": at(10, 0, 30), "sid": "s_sessionA", "path": "/", "label": "cta"},
            {"type": "page_view", "ts": at(10, 1), "sid": "s_sessionA", "path": "/pricing"},
            {
                "type": "conversion",
                "ts": at(10, 2),
                "sid": "s_sessionA",
                "path": "/pricing",
                "name": "signup",
                "value": 10.0,
            },
            {"type": "heartbeat", "ts": at(10, 3), "sid": "s_sessionA", "path": "/pricing"},
        ],
    )
    ingest(
        site,
        "v_visitor_1",
        CHROME_MAC,
        [  # B: 3 s, 1 page → bounced; internal referrer = direct
            {"type": "page_view", "ts": at(11), "sid": "s_sessionB", "path": "/", "ref": f"{ORIGIN}/pricing"},
            {"type": "vital", "ts": at(11, 0, 3), "sid": "s_sessionB", "path": "/", "name": "LCP", "value": 3000.0},
        ],
    )
    ingest(
        site,
        "v_visitor_2",
        SAFARI_IPHONE,
        [  # C: 30 s on one page → not bounced (≥ 10 s)
            {"type": "page_view", "ts": at(11, 30), "sid": "s_sessionC", "path": "/pricing", "ref": "https://t.co/x"},
            {"type": "heartbeat", "ts": at(11, 30, 20), "sid": "s_sessionC", "path": "/pricing"},
            {
                "type": "vital",
                "ts": at(11, 30, 30),
                "sid": "s_sessionC",
                "path": "/pricing",
                "name": "CLS",
                "value": 0.2,
            },
        ],
    )
    ingest(
        site,
        "v_visitor_3",
        CHROME_MAC,
        [  # D: 5 s, 2 pages, two conversions
            {"type": "page_view", "ts": at(12), "sid": "s_sessionD", "path": "/"},
            {"type": "vital", "ts": at(12, 0, 1), "sid": "s_sessionD", "path": "/", "name": "LCP", "value": 2000.0},
            {"type": "page_view", "ts": at(12, 0, 2), "sid": "s_sessionD", "path": "/pricing"},
            {
                "type": "conversion",
                "ts": at(12, 0, 4),
                "sid": "s_sessionD",
                "path": "/pricing",
                "name": "signup",
                "value": 5.0,
            },
            {"type": "conversion", "ts": at(12, 0, 5), "sid": "s_sessionD", "path": "/pricing", "name": "newsletter"},
        ],
    )
    return site


EXPECTED_TOTALS = {
    "visitors": 3,
    "sessions": 4,
    "page_views": 6,
    "bounce_rate": 0.25,  # B only
    "avg_session_duration_seconds": 54.5,  # (180 + 3 + 30 + 5) / 4
    "conversions": 3,
    "conversion_value": 15.0,
    "converted_sessions": 2,
    "conversion_rate": 0.5,
}


def check_breakdowns(body: dict) -> None:
    assert body["totals"] == EXPECTED_TOTALS
    assert body["entry_pages"] == [{"path": "/", "sessions": 3}, {"path": "/pricing", "sessions": 1}]
    assert body["exit_pages"] == [{"path": "/pricing", "sessions": 3}, {"path": "/", "sessions": 1}]
    assert body["referrers"] == [
        {"referrer": "", "sessions": 2},
        {"referrer": "t.co", "sessions": 1},
        {"referrer": "www.google.com", "sessions": 1},
    ]
    assert body["devices"] == [{"device_class": "desktop", "sessions": 3}, {"device_class": "mobile", "sessions": 1}]
    assert body["browsers"] == [{"browser": "Chrome", "sessions": 3}, {"browser": "Safari", "sessions": 1}]
    assert body["conversions_by_name"] == [
        {"name": "signup", "count": 2, "value": 15.0},
        {"name": "newsletter", "count": 1, "value": 0.0},
    ]
    assert body["conversion_pages"] == [
        {"path": "/", "sessions": 3, "converted_sessions": 2, "conversion_rate": 0.6667},
        {"path": "/pricing", "sessions": 3, "converted_sessions": 2, "conversion_rate": 0.6667},
    ]
    assert body["vitals"] == [
        # LCP on "/": 1000, 2000, 3000 → p75 (linear) = 2500
        {
            "path": "/",
            "lcp_p75": 2500.0,
            "cls_p75": None,
            "inp_p75": None,
            "lcp_samples": 3,
            "cls_samples": 0,
            "inp_samples": 0,
        },
        {
            "path": "/pricing",
            "lcp_p75": None,
            "cls_p75": 0.2,
            "inp_p75": None,
            "lcp_samples": 0,
            "cls_samples": 1,
            "inp_samples": 0,
        },
    ]
    assert body["vital_thresholds"]["LCP"] == [2500, 4000]
    assert body["events_by_type"] == {"page_view": 6, "click": 1, "conversion": 3, "heartbeat": 2, "vital": 4}
    assert body["top_clicks"] == [{"label": "cta", "clicks": 1}]


def test_aggregates_match_the_hand_computed_fixture(staff_client, fixture_site):
    response = staff_client.get(
        "/api/v1/monitoring/analytics/",
        {
            "site": str(fixture_site.pk),
            "from": "2026-03-02T00:00:00Z",
            "to": "2026-03-03T00:00:00Z",
            "interval": "hour",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["source"], body["interval"]) == ("raw", "hour")
    check_breakdowns(body)
    assert body["top_pages"] == [
        {"path": "/", "page_views": 3, "visitors": 2},
        {"path": "/pricing", "page_views": 3, "visitors": 3},
    ]
    series = {point["ts"]: point for point in body["series"]}
    assert len(body["series"]) == 24
    assert series["2026-03-02T10:00:00Z"] == {
        "ts": "2026-03-02T10:00:00Z",
        "page_views": 2,
        "sessions": 1,
        "visitors": 1,
        "conversions": 1,
    }
    assert series["2026-03-02T11:00:00Z"] == {
        "ts": "2026-03-02T11:00:00Z",
        "page_views": 2,
        "sessions": 2,
        "visitors": 2,
        "conversions": 0,
    }
    assert series["2026-03-02T12:00:00Z"] == {
        "ts": "2026-03-02T12:00:00Z",
        "page_views": 2,
        "sessions": 1,
        "visitors": 1,
        "conversions": 2,
    }
    assert series["2026-03-02T13:00:00Z"]["page_views"] == 0


def test_a_narrow_range_counts_only_what_started_in_it(staff_client, fixture_site):
    body = staff_client.get(
        "/api/v1/monitoring/analytics/",
        {
            "site": str(fixture_site.pk),
            "from": "2026-03-02T11:00:00Z",
            "to": "2026-03-02T12:00:00Z",
            "interval": "minute",
            "limit": 1,
        },
    ).json()
    assert body["totals"]["sessions"] == 2 and body["totals"]["page_views"] == 2
    assert body["totals"]["bounce_rate"] == 0.5 and len(body["series"]) == 60
    assert len(body["top_pages"]) == 1


def test_aggregates_come_from_rollups_once_raw_rows_are_pruned(staff_client, fixture_site):
    rollups_run(now=datetime(2026, 3, 4, 1, tzinfo=UTC))
    assert AnalyticsRollup.objects.filter(site=fixture_site).count() == 2  # 03-02 and 03-03
    fixture_site.refresh_from_db()
    assert fixture_site.rolled_until == datetime(2026, 3, 4).date()
    rollups_run(now=datetime(2026, 3, 4, 2, tzinfo=UTC))  # nothing new, nothing doubled
    assert AnalyticsRollup.objects.filter(site=fixture_site).count() == 2

    deleted = retention_run()  # today is far past 90 days after the fixture
    assert deleted == {"sessions": 4, "events": 16}
    assert not Event.objects.exists() and not Session.objects.exists()

    body = staff_client.get(
        "/api/v1/monitoring/analytics/",
        {"site": str(fixture_site.pk), "from": "2026-03-02T00:00:00Z", "to": "2026-03-04T00:00:00Z"},
    ).json()
    assert (body["source"], body["interval"]) == ("rollup", "day")
    check_breakdowns(body)
    assert body["series"][0] == {
        "ts": "2026-03-02T00:00:00Z",
        "page_views": 6,
        "sessions": 4,
        "visitors": 3,
        "conversions": 3,
    }
    assert body["series"][1]["page_views"] == 0


def test_retention_keeps_raw_rows_that_are_not_rolled_up(fixture_site):
    assert retention_run() == {"sessions": 0, "events": 0}
    assert Session.objects.count() == 4


@pytest.mark.parametrize(
    "query,code",
    [
        ({"interval": "minute", "from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"}, "range_too_large"),
        ({"interval": "hour", "from": "2026-01-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"}, "range_too_large"),
        ({"from": "2026-03-02T00:00:00Z", "to": "2026-03-01T00:00:00Z"}, "validation_error"),
        ({"interval": "day", "from": "2024-01-01T00:00:00Z", "to": "2026-03-12T00:00:00Z"}, "validation_error"),
        ({"interval": "week"}, "validation_error"),
        ({"limit": 0}, "validation_error"),
    ],
)
def test_bad_aggregate_queries(staff_client, fixture_site, query, code):
    response = staff_client.get("/api/v1/monitoring/analytics/", {"site": str(fixture_site.pk), **query})
    assert response.json()["error"]["code"] == code


def _nullable_to_json_schema(node):
    """OpenAPI 3.0's `nullable: true` as JSON Schema's `type: [..., "null"]`."""
    if isinstance(node, dict):
        node = {key: _nullable_to_json_schema(value) for key, value in node.items()}
        if node.pop("nullable", False) and "type" in node:
            node["type"] = [node["type"], "null"]
        return node
    if isinstance(node, list):
        return [_nullable_to_json_schema(item) for item in node]
    return node


def test_the_report_is_what_the_document_says(staff_client, fixture_site):
    """Every section of a report with data matches `SiteAnalytics` in the OpenAPI document,
    which types every field (the frontend's report types are generated from it)."""
    document = _nullable_to_json_schema(staff_client.get("/api/v1/schema/", {"format": "json"}).json())
    body = staff_client.get(
        "/api/v1/monitoring/analytics/",
        {"site": str(fixture_site.pk), "from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z"},
    ).json()
    schema = {"$ref": "#/components/schemas/SiteAnalytics", "components": document["components"]}
    for section in ("top_pages", "referrers", "conversions_by_name", "conversion_pages", "vitals", "top_clicks"):
        assert body[section], section  # the fixture fills every list the schema describes
    jsonschema.validate(body, schema, cls=jsonschema.Draft4Validator)
    documented = document["components"]["schemas"]["SiteAnalytics"]
    assert set(documented["required"]) == set(body)


def test_aggregates_are_staff_only(member_client, fixture_site):
    assert member_client.get(f"/api/v1/monitoring/analytics/?site={fixture_site.pk}").status_code == 403


def test_auto_interval_and_empty_site(staff_client):
    site = make_site(name="Empty")
    body = staff_client.get(f"/api/v1/monitoring/analytics/?site={site.pk}").json()
    assert body["interval"] == "hour" and body["totals"]["bounce_rate"] == 0.0
    assert body["top_pages"] == [] and len(body["series"]) in (24, 25)


# --- sites ------------------------------------------------------------------------------------


def test_site_crud(staff_client, staff):
    created = staff_client.post(
        "/api/v1/monitoring/sites/",
        {
            "name": "Blog",
            "allowed_origins": ["https://Blog.Example/", "http://localhost:3000", "https://blog.example:443"],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    site = created.json()
    assert site["allowed_origins"] == ["https://blog.example", "http://localhost:3000"]
    assert site["public_key"].startswith("vps_") and site["retention_days"] == 90
    assert site["owner"]["id"] == str(staff.pk)
    assert f'data-site="{site["public_key"]}"' in site["snippet"] and "/static/vp-tracker.js" in site["snippet"]
    listed = staff_client.get("/api/v1/monitoring/sites/").json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == site["id"]
    patched = staff_client.patch(f"/api/v1/monitoring/sites/{site['id']}/", {"retention_days": 30}, format="json")
    assert patched.json()["retention_days"] == 30 and patched.json()["name"] == "Blog"
    rotated = staff_client.post(f"/api/v1/monitoring/sites/{site['id']}/rotate-key/").json()
    assert rotated["public_key"] != site["public_key"]
    assert staff_client.delete(f"/api/v1/monitoring/sites/{site['id']}/").status_code == 204
    assert staff_client.get(f"/api/v1/monitoring/sites/{site['id']}/").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x", "allowed_origins": []},
        {"name": "x", "allowed_origins": ["ftp://x.example"]},
        {"name": "x", "allowed_origins": ["https://x.example/path"]},
        {"name": "x", "allowed_origins": ["https://user:pw@x.example"]},
        {"name": "x", "allowed_origins": ["not a url"]},
        {"name": "x", "allowed_origins": ["https://x.example"], "retention_days": 0},
        {"name": "x", "allowed_origins": ["https://x.example"], "public_key": "mine"},
        {"allowed_origins": ["https://x.example"]},
    ],
)
def test_site_bad_input(staff_client, body):
    response = staff_client.post("/api/v1/monitoring/sites/", body, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "validation_error"


def test_sites_are_staff_only(member_client, client):
    assert member_client.get("/api/v1/monitoring/sites/").status_code == 403
    assert client.get("/api/v1/monitoring/sites/").status_code == 401


# --- live tick ------------------------------------------------------------------------------------


def test_tick_payload_counts_active_sessions_views_and_latest_conversions(db):
    site = make_site()
    now = timezone.now()
    ingest(
        site,
        "v_visitor_1",
        CHROME_MAC,
        [
            {"type": "page_view", "ts": now - timedelta(seconds=100), "sid": "s_sessionA", "path": "/"},
            {"type": "page_view", "ts": now - timedelta(seconds=30), "sid": "s_sessionA", "path": "/pricing"},
            {
                "type": "conversion",
                "ts": now - timedelta(seconds=20),
                "sid": "s_sessionA",
                "path": "/pricing",
                "name": "signup",
                "value": 3.0,
            },
        ],
    )
    ingest(
        site,
        "v_visitor_2",
        CHROME_MAC,
        [
            {"type": "page_view", "ts": now - timedelta(seconds=200), "sid": "s_sessionB", "path": "/"},
        ],
    )
    payload = tick_payload(site=site, now=now)
    assert payload["active_sessions"] == 1 and payload["page_views_last_minute"] == 1
    assert [(c["name"], c["value"], c["path"]) for c in payload["latest_conversions"]] == [("signup", 3.0, "/pricing")]
    assert payload["site"] == {"id": str(site.pk), "name": "Shop"}


# --- dogfooding ------------------------------------------------------------------------------


def test_seed_demo_registers_the_frontend_and_run_can_read_its_key(capsys):
    from django.core.management import call_command

    call_command("seed_demo")
    site = Site.objects.get(name="VideoPlanet (demo)")
    assert site.allowed_origins == ["http://localhost:3000", "http://127.0.0.1:3000"]
    assert site.owner.email == "admin@videoplanet.local"
    capsys.readouterr()
    call_command("analytics_demo_site", "--origin", "http://localhost:3176")
    assert capsys.readouterr().out.strip() == site.public_key
    call_command("analytics_demo_site", "--origin", "http://localhost:3176")
    site.refresh_from_db()
    assert site.allowed_origins == ["http://localhost:3000", "http://127.0.0.1:3000", "http://localhost:3176"]
    assert Site.objects.count() == 1
