"""One configuration object by id (templates, channels, silences share `MonitoringDetail`)
and the filtered lists (`FilterSerializer` on `PagedListView`): read, partial update,
delete, unknown ids and bad input, through HTTP."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.monitoring.models import NotificationChannel, NotificationTemplate, Silence

from .conftest import make_rule
from .factories import (
    AnomalyFactory,
    HostFactory,
    NotificationChannelFactory,
    NotificationTemplateFactory,
    SilenceFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/monitoring"
UNKNOWN_ID = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def template(db) -> NotificationTemplate:
    return NotificationTemplateFactory(name="short")


@pytest.fixture
def silence(staff) -> Silence:
    return SilenceFactory(matchers={"host": "web-1"}, created_by=staff)


@pytest.mark.parametrize("route", ["templates", "channels", "silences"])
@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_an_unknown_id_is_404(staff_client, route, method):
    response = getattr(staff_client, method)(f"{API}/{route}/{UNKNOWN_ID}/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("route", ["templates", "channels", "silences"])
def test_members_may_not_read_one_object(member_client, route, template, email_channel, silence):
    pk = {"templates": template.pk, "channels": email_channel.pk, "silences": silence.pk}[route]
    assert member_client.get(f"{API}/{route}/{pk}/").status_code == 403


def test_template_read_update_delete(staff_client, template):
    url = f"{API}/templates/{template.pk}/"
    assert staff_client.get(url).json()["subject"] == "{{ rule.name }}"
    response = staff_client.patch(url, {"subject": "[{{ alert.severity }}] {{ rule.name }}"})
    assert response.status_code == 200, response.content
    assert response.json()["subject"] == "[{{ alert.severity }}] {{ rule.name }}"
    assert response.json()["body"] == "{{ host.name }}"  # partial: the rest stays
    template.refresh_from_db()
    assert template.subject == "[{{ alert.severity }}] {{ rule.name }}"
    assert staff_client.delete(url).status_code == 204
    assert not NotificationTemplate.objects.exists()


def test_template_update_rejects_bad_input(staff_client, template):
    url = f"{API}/templates/{template.pk}/"
    response = staff_client.patch(url, {"locale": "xx"})
    assert response.status_code == 400 and "locale" in response.json()["error"]["details"]
    response = staff_client.patch(url, {"colour": "red"})
    assert response.status_code == 400 and "colour" in response.json()["error"]["details"]
    response = staff_client.patch(url, {"body": "{% if alert.value %}no end"})
    assert response.status_code == 400 and "body" in response.json()["error"]["details"]
    template.refresh_from_db()
    assert (template.locale, template.body) == ("en", "{{ host.name }}")


def test_channel_read_update_delete(staff_client, email_channel):
    url = f"{API}/channels/{email_channel.pk}/"
    assert staff_client.get(url).json()["recipients"] == ["ops@example.com"]
    response = staff_client.patch(url, {"enabled": False})
    assert response.status_code == 200, response.content
    assert response.json()["enabled"] is False and "secret" not in response.json()
    response = staff_client.patch(url, {"recipients": []})
    assert response.status_code == 400 and "recipients" in response.json()["error"]["details"]
    assert staff_client.delete(url).status_code == 204
    assert not NotificationChannel.objects.exists()


def test_channel_update_shows_the_secret_only_when_it_was_rotated(staff_client, fake_dns):
    fake_dns({"hooks.example.com": ["93.184.216.34"]})
    channel = NotificationChannelFactory(
        name="hook", kind="webhook", url="https://hooks.example.com/a", secret="whsec_" + "a" * 32, recipients=[]
    )
    url = f"{API}/channels/{channel.pk}/"
    response = staff_client.patch(url, {"rotate_secret": True})
    assert response.status_code == 200, response.content
    channel.refresh_from_db()
    assert response.json()["secret"] == channel.secret != "whsec_" + "a" * 32
    assert "secret" not in staff_client.get(url).json()


def test_silence_read_update_and_delete_ends_it_but_keeps_it(staff_client, silence):
    url = f"{API}/silences/{silence.pk}/"
    assert staff_client.get(url).json()["matchers"] == {"host": "web-1"}
    response = staff_client.patch(url, {"reason": "deploy"})
    assert response.status_code == 200, response.content
    assert (response.json()["reason"], response.json()["matchers"]) == ("deploy", {"host": "web-1"})
    response = staff_client.patch(url, {"matchers": {"colour": "red"}})
    assert response.status_code == 400 and "matchers" in response.json()["error"]["details"]
    assert staff_client.delete(url).status_code == 204
    silence.refresh_from_db()
    assert silence.ends_at <= timezone.now()
    assert staff_client.get(url).json()["active"] is False


def test_silence_list_filters_on_active(staff_client, silence, staff):
    past = SilenceFactory(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=2), created_by=staff
    )
    ids = lambda query: [s["id"] for s in staff_client.get(f"{API}/silences/{query}").json()["results"]]  # noqa: E731
    assert ids("?active=true") == [str(silence.pk)]
    assert ids("?active=false") == [str(past.pk)]
    assert sorted(ids("")) == sorted([str(silence.pk), str(past.pk)])


def test_anomaly_list_filters_on_host_and_metric(staff_client, host):
    wanted = AnomalyFactory(host=host, metric="cpu.percent")
    AnomalyFactory(host=HostFactory(name="db-1"), metric="cpu.percent")
    AnomalyFactory(host=host, metric="mem.percent")
    body = staff_client.get(f"{API}/anomalies/?host={host.pk}&metric=cpu.percent").json()
    assert [a["id"] for a in body["results"]] == [str(wanted.pk)]
    assert staff_client.get(f"{API}/anomalies/?host={host.pk}").json()["count"] == 2


def test_alert_list_filters_on_rule(staff_client):
    rule = make_rule()
    assert staff_client.get(f"{API}/alerts/?rule={rule.pk}").json()["count"] == 0


@pytest.mark.parametrize(
    "query, field",
    [
        ("silences/?active=maybe", "active"),
        ("anomalies/?host=web-1", "host"),
        ("alerts/?status=sleeping", "status"),
        ("alerts/?severity=apocalyptic", "severity"),
        ("alerts/?rule=1", "rule"),
    ],
)
def test_a_bad_list_filter_is_400(staff_client, query, field):
    response = staff_client.get(f"{API}/{query}")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["details"]
