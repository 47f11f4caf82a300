"""`ai.error_rate` (the monitoring `app` source, registered by this app): AI calls through the
real client and the fake OpenAI server — errors make a rule fire, a later window of good
calls resolves it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.ai_planning import ai_client
from apps.monitoring.models import Alert
from apps.monitoring.services.alerts import rule_evaluate
from apps.monitoring.sources import metric_known
from apps.monitoring.tests.factories import AlertRuleFactory

SCHEMA = {
    "type": "object",
    "properties": {"title": {"type": "string"}},
    "required": ["title"],
    "additionalProperties": False,
}


@pytest.mark.django_db
def test_ai_error_rate_fires_on_failing_calls_and_resolves(settings, project_with_roles, fake_openai):
    assert metric_known("app", "ai.error_rate")
    call = ai_client.Call(
        project_id=project_with_roles.project.pk, job=None, kind="plan", step="t", model="gpt-4o-mini"
    )

    def ask(text: str):
        messages = [{"role": "user", "content": text}]
        return ai_client.complete_json(call=call, messages=messages, schema_name="t", schema=SCHEMA, use_cache=False)

    ask("fine")
    fake_openai.queue("500", "500", "500")  # every retry fails
    with pytest.raises(ai_client.AITransientError):
        ask("broken")
    fake_openai.queue("invalid_json", "invalid_json")
    with pytest.raises(ai_client.AIInvalidAnswer):
        ask("nonsense")

    rule = AlertRuleFactory(
        name="AI failing",
        source="app",
        metric="ai.error_rate",
        operator=">",
        threshold=50.0,
        for_seconds=0,
        host_selector={},
    )
    now = timezone.now()
    assert rule_evaluate(rule=rule, now=now) == {"fired": 1, "resolved": 0}
    alert = Alert.objects.get(rule=rule)
    # 1 good call, 1 failed after its retries, 2 invalid answers (asked again once): 3 of 4.
    assert (alert.target, alert.target_label, alert.value) == ("all", "all AI calls", 75.0)

    # A window later only good calls count.
    later = now + timedelta(seconds=settings.MONITORING_APP_WINDOW_SECONDS + 1)
    assert rule_evaluate(rule=rule, now=later) == {"fired": 0, "resolved": 1}
