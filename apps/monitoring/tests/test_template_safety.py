"""Notification templates know only a small set of tags and filters: anything else (file
includes, inheritance, `load`, loops, `url`, `debug`) is refused by name when a template is
saved or previewed, and no template — however broken, or stored before these checks — makes
preview or an alert's delivery fail with a server error."""

import pytest
from django.core import mail
from django.utils import timezone

from apps.core.tests.assertions import assert_error
from apps.monitoring.models import Delivery, NotificationTemplate
from apps.monitoring.services.alerts import rule_evaluate

from .conftest import make_rule, put
from .factories import NotificationTemplateFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/monitoring/templates"
TEMPLATE = {"name": "ops", "event_type": "alert.firing", "locale": "en", "subject": "{{ rule.name }}", "body": "x"}
REFUSED_TAGS = {
    "include": "{% include 'alerts/body.txt' %}",
    "extends": "{% extends 'base.html' %}",
    "block": "{% block body %}x{% endblock %}",
    "load": "{% load static %}",
    "ssi": "{% ssi '/etc/passwd' %}",
    "for": "{% for c in rule.name %}{{ c }}{% endfor %}",
    "url": "{% url 'admin:index' %}",
    "debug": "{% debug %}",
    "lorem": "{% lorem 1000 p %}",
    "csrf_token": "{% csrf_token %}",
}


def refused_tag(error: dict, field: str, tag: str) -> bool:
    return f"{{% {tag} %}}" in error["details"][field][0]


@pytest.mark.parametrize("tag", REFUSED_TAGS)
def test_creating_a_template_with_a_refused_tag_is_400_naming_it(staff_client, tag):
    response = staff_client.post(f"{API}/", {**TEMPLATE, "body": f"CPU {REFUSED_TAGS[tag]}"})

    error = assert_error(response, 400, "validation_error", details={"body"})
    assert refused_tag(error, "body", tag), error
    assert not NotificationTemplate.objects.exists()


def test_editing_a_template_to_include_a_file_is_400(staff_client):
    template = NotificationTemplateFactory(**TEMPLATE)

    response = staff_client.patch(f"{API}/{template.pk}/", {"subject": "{% include 'x.txt' %}"})

    error = assert_error(response, 400, "validation_error", details={"subject"})
    assert refused_tag(error, "subject", "include")
    template.refresh_from_db()
    assert template.subject == "{{ rule.name }}"


def test_the_refusal_speaks_the_request_language(staff_client):
    response = staff_client.post(f"{API}/", {**TEMPLATE, "body": "{% include 'x' %}"}, HTTP_ACCEPT_LANGUAGE="ko")

    assert "태그를 쓸 수 없습니다" in response.json()["error"]["details"]["body"][0]


@pytest.mark.parametrize(
    ("subject", "body", "field", "says"),
    [
        ("ok", "{% include 'x.txt' %}", "body", "{% include %}"),
        ("{% extends 'x' %}", "ok", "subject", "{% extends %}"),
        ("ok", "{{ alert.value|center:'999999999' }}", "body", "center"),
        ("ok", "{{ rule.name|nosuchfilter }}", "body", "nosuchfilter"),
        ("{% if alert.value %}no end", "ok", "subject", "endif"),
        ("ok", "{{ alert.value|floatformat:'1000000000' }}", "body", "decimal places"),
        ("ok", "{{ alert.value|floatformat:rule.for_seconds }}", "body", "decimal places"),
    ],
    ids=[
        "include",
        "extends",
        "unknown-filter",
        "no-such-filter",
        "unclosed-if",
        "huge-precision",
        "precision-from-data",
    ],
)
def test_a_preview_that_cannot_render_is_400_naming_why(staff_client, subject, body, field, says):
    response = staff_client.post(f"{API}/preview/", {"subject": subject, "body": body}, HTTP_ACCEPT_LANGUAGE="en")

    error = assert_error(response, 400, "validation_error", details={field})
    assert says in error["details"][field][0], error


def test_the_allowed_tags_and_filters_render(staff_client):
    body = (
        "{% if alert.value > 90 %}high{% elif alert.value > 50 %}mid{% else %}low{% endif %} "
        "{% with name=rule.name|upper %}{{ name }}{% endwith %} {{ alert.value|floatformat:2 }} "
        "{% firstof alert.notes 'no notes' %} {{ alert.labels|default:'-' }}{# a comment #}"
        "{% verbatim %} {% include %}{% endverbatim %}"
    )

    response = staff_client.post(f"{API}/preview/", {"subject": "{{ rule.name|lower }}", "body": body})

    assert response.status_code == 200, response.content
    assert response.json()["subject"] == "cpu high"
    assert response.json()["body"] == "high CPU HIGH 97.50 no notes - {% include %}"


@pytest.mark.parametrize(
    "stored",
    ["{% include 'alerts/body.txt' %}", "{{ alert.value|floatformat:'1000000000' }}", "{% for c in x %}"],
    ids=["include", "huge-precision", "unclosed-for"],
)
def test_a_stored_template_that_fails_still_sends_the_alert_with_the_built_in_text(
    host, email_channel, django_capture_on_commit_callbacks, stored
):
    # Saved before the checks existed (a factory's save skips them), as an upgraded database has.
    NotificationTemplateFactory(name="default", subject="s", body=stored)
    rule = make_rule(channels=[email_channel])

    with django_capture_on_commit_callbacks(execute=True):
        put(host, "cpu.percent", 99.5, timezone.now())
        rule_evaluate(rule=rule)

    assert Delivery.objects.get().status == Delivery.Status.DELIVERED
    assert mail.outbox[0].subject == "[CRITICAL] CPU high firing on web-1"
    assert mail.outbox[0].body.startswith("cpu.percent is 99.5 (> 90.0) on web-1")
