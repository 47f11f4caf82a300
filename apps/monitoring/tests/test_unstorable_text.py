"""Staff input and tracker beacons with text no database can store (NUL, other control
characters, lone surrogates) are refused with a 400 naming where it sits — never a 500.
Bodies are raw JSON text, escapes and all, as a client sends them."""

import json

import pytest

from apps.core.tests.assertions import assert_error
from apps.monitoring.analytics.models import Event
from apps.monitoring.models import AlertRule

from .analytics_support import ORIGIN, VID, event, make_site, send
from .conftest import make_rule

pytestmark = pytest.mark.django_db

RULES = "/api/v1/monitoring/rules/"
RULE = '"name":"CPU","metric":"cpu.percent","operator":">","threshold":90'


def post_raw(client, path, raw: str, method="post"):
    return getattr(client, method)(path, data=raw.encode(), content_type="application/json")


@pytest.mark.parametrize(
    ("selector", "field"),
    [
        (r'{"name_glob":"web-\u0000*"}', "host_selector.name_glob"),
        (r'{"hosts":["web-1","\ud800"]}', "host_selector.hosts.1"),
        (r'{"hosts\u0000":["web-1"]}', "host_selector"),
    ],
    ids=["nul-in-glob", "surrogate-in-host-list", "nul-in-key"],
)
def test_a_rule_whose_host_selector_holds_unstorable_text_is_400(staff_client, selector, field):
    response = post_raw(staff_client, RULES, f'{{{RULE},"host_selector":{selector}}}')

    assert_error(response, 400, "validation_error", details={field})
    assert not AlertRule.objects.exists()


def test_editing_a_rule_selector_to_hold_nul_is_400(staff_client):
    rule = make_rule(host_selector={"name_glob": "web-*"})

    response = post_raw(staff_client, f"{RULES}{rule.pk}/", r'{"host_selector":{"name_glob":"a\u0000"}}', "patch")

    assert_error(response, 400, "validation_error", details={"host_selector.name_glob"})
    rule.refresh_from_db()
    assert rule.host_selector == {"name_glob": "web-*"}


def test_a_rule_preview_with_nul_in_its_selector_is_400(staff_client):
    response = post_raw(
        staff_client,
        f"{RULES}preview/",
        r'{"metric":"cpu.percent","operator":">","threshold":90,"host_selector":{"hosts":["a\u0000"]}}',
    )

    assert_error(response, 400, "validation_error", details={"host_selector.hosts.0"})


@pytest.mark.parametrize("query", ["host=%00", "metric=cpu%00"], ids=["host", "metric"])
def test_nul_in_a_monitoring_filter_is_400(staff_client, query):
    response = staff_client.get(f"/api/v1/monitoring/anomalies/?{query}")

    assert_error(response, 400, "validation_error", details={query.split("=")[0]})


def test_a_beacon_whose_site_key_holds_unstorable_text_is_400(client):
    make_site()
    raw = ('{"site":"\\ud800","vid":"' + VID + '","events":[{"type":"page_view"}]}').encode()

    response = send(client, "", None, raw=raw, content_type="text/plain")

    assert_error(response, 400, "validation_error", details={"site"})


def test_beacon_events_with_unstorable_text_are_rejected_and_the_rest_kept(client):
    site = make_site()
    events = [
        event(path="/ok"),
        event(path="/\ud800"),
        event("click", label="buy\x1b[2J"),
        event("click", label="a\x00"),
    ]
    raw = json.dumps({"site": site.public_key, "vid": VID, "events": events}).encode()  # ASCII escapes

    response = send(client, site, None, raw=raw, origin=ORIGIN)

    assert response.status_code == 202, response.content
    rejected = {
        item["index"]: [(r["field"], r["code"]) for r in item["reasons"]] for item in response.json()["rejected"]
    }
    assert rejected == {1: [("path", "invalid")], 2: [("label", "invalid")], 3: [("label", "invalid")]}
    assert list(Event.objects.values_list("path", flat=True)) == ["/ok"]
