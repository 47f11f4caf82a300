"""Share-link, invitation and unsubscribe tokens never stay in analytics paths: ingestion
stores `:token` in their place, and analytics_scrub_tokens cleans rows stored before."""

import datetime

import pytest
from django.core.management import call_command

from apps.monitoring.analytics.models import AnalyticsRollup, Event, Session

from .analytics_support import event, make_site, now_ms, send

pytestmark = pytest.mark.django_db


def test_ingestion_replaces_the_token_segment(client):
    site = make_site()
    response = send(
        client,
        site,
        [
            event("page_view", path="/share/Zx9_secretToken123", ts=now_ms(-5)),
            event("page_view", path="/invitations/inv-secret-456/", ts=now_ms(-3)),
            event("heartbeat", path="/projects/p1", ts=now_ms(-1)),
        ],
    )
    assert response.status_code == 202, response.content
    paths = set(Event.objects.filter(site=site).values_list("path", flat=True))
    assert paths == {"/share/:token", "/invitations/:token/", "/projects/p1"}
    session = Session.objects.get(site=site)
    assert session.entry_page == "/share/:token"
    assert "secret" not in repr(list(Event.objects.values_list("path", flat=True)))


def test_scrub_command_cleans_what_was_stored_before(client):
    site = make_site()
    send(client, site, [event("page_view", path="/projects/p1", ts=now_ms(-2))])
    Event.objects.filter(site=site).update(path="/share/OLDtoken1")
    Session.objects.filter(site=site).update(entry_page="/share/OLDtoken1", exit_page="/unsubscribe/OLDtoken2")
    rollup = AnalyticsRollup.objects.create(
        site=site,
        day=datetime.date(2026, 11, 1),
        data={"pages": {"/share/a1": [2, 1], "/share/b2": [3, 2], "/": [1, 1]}, "entry": {"/invitations/x": 4}},
    )

    call_command("analytics_scrub_tokens")
    call_command("analytics_scrub_tokens")  # idempotent

    assert list(Event.objects.filter(site=site).values_list("path", flat=True)) == ["/share/:token"]
    session = Session.objects.get(site=site)
    assert (session.entry_page, session.exit_page) == ("/share/:token", "/unsubscribe/:token")
    rollup.refresh_from_db()
    assert rollup.data == {"pages": {"/share/:token": [5, 3], "/": [1, 1]}, "entry": {"/invitations/:token": 4}}
