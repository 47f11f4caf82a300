"""A firing alert's in-app notice names its severity in each staff reader's language (the
frontend's words, messages/{ko,en}/monitoring.json `monitoring.severity`), never as the raw code."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from apps.core.notify import PARAM_LABELS
from apps.monitoring.models import Alert
from apps.monitoring.models.alerts import Severity
from apps.monitoring.services.alerts import rule_evaluate
from apps.users.services import token_pair_for
from tests.factories import UserFactory

from .conftest import T0, make_rule, put

pytestmark = pytest.mark.django_db

MESSAGES_DIR = Path(settings.BASE_DIR) / "frontend" / "src" / "shared" / "i18n" / "messages"


def test_severity_labels_are_the_frontends_words():
    ko = json.loads((MESSAGES_DIR / "ko" / "monitoring.json").read_text())["monitoring"]["severity"]
    en = json.loads((MESSAGES_DIR / "en" / "monitoring.json").read_text())["monitoring"]["severity"]
    assert set(PARAM_LABELS["severity"]) == set(Severity.values)
    assert PARAM_LABELS["severity"] == {code: (ko[code], en[code]) for code in Severity.values}


def test_a_firing_alert_names_its_severity_in_each_readers_language(host):
    korean = UserFactory(is_staff=True, locale="ko")
    english = UserFactory(is_staff=True, locale="en")
    rule = make_rule(name="CPU high")  # critical
    put(host, "cpu.percent", 97, T0)
    rule_evaluate(rule=rule, now=T0)
    assert Alert.objects.get().status == "firing"

    titles = {}
    for user, language in ((korean, "ko"), (english, "en")):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user)['access']}")
        response = client.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, response.content
        (titles[language],) = [item["title"] for item in response.json()["results"]]
    assert titles == {"ko": "[심각] CPU high 경보 발생: web-1", "en": "[Critical] CPU high firing: web-1"}
