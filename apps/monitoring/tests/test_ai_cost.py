"""AI cost rules: a project's month-to-date AI spend is a metric the shared engine alerts on,
and the forecasts endpoint projects the month-end cost."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from apps.ai_planning.models import AIUsage
from apps.ai_planning.tests.factories import AISettingsFactory, AIUsageFactory
from apps.monitoring.models import Alert, Delivery
from apps.monitoring.services.alerts import rule_evaluate
from apps.projects.models import Project
from apps.projects.tests.factories import ProjectFactory

from .conftest import make_rule

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 11, 0, 0, tzinfo=UTC)  # 10 days into a 31-day month


@pytest.fixture
def project():
    return ProjectFactory(name="Launch film")


def spend(project: Project, usd: str, at: datetime) -> AIUsage:
    usage = AIUsageFactory(project=project, cost_usd=Decimal(usd))
    AIUsage.objects.filter(pk=usage.pk).update(created_at=at)  # created_at is auto_now_add
    return usage


def ai_rule(**overrides):
    return make_rule(
        **{
            "name": "AI spend",
            "source": "ai",
            "metric": "ai.cost.month_to_date",
            "operator": ">",
            "threshold": 5.0,
            "host_selector": {},
            **overrides,
        }
    )


def test_month_to_date_cost_fires_per_project_and_names_it(project, email_channel):
    other = ProjectFactory(name="Quiet project")
    spend(project, "3.50", NOW - timedelta(days=2))
    spend(project, "2.00", NOW - timedelta(hours=1))
    spend(project, "40.00", datetime(2026, 2, 27, tzinfo=UTC))  # last month: not counted
    spend(other, "1.00", NOW - timedelta(days=1))
    rule = ai_rule(channels=[email_channel])

    assert rule_evaluate(rule=rule, now=NOW) == {"fired": 1, "resolved": 0}

    alert = Alert.objects.get()
    assert (alert.status, alert.target, alert.target_label, alert.host_id, alert.value) == (
        "firing",
        str(project.pk),
        "Launch film",
        None,
        5.5,
    )
    assert "Launch film" in Delivery.objects.get().subject  # the default templates name the target


def test_ai_cost_alert_resolves_when_a_new_month_starts(project, email_channel):
    spend(project, "9.00", NOW - timedelta(days=1))
    rule = ai_rule(channels=[email_channel])
    rule_evaluate(rule=rule, now=NOW)
    assert Alert.objects.get().status == "firing"

    # 1 April: nothing spent yet this month; the open alert's project is still observed (0).
    assert rule_evaluate(rule=rule, now=datetime(2026, 4, 1, 0, 5, tzinfo=UTC)) == {"fired": 0, "resolved": 1}
    assert Alert.objects.get().status == "resolved"


def test_project_selector_limits_the_targets(project):
    other = ProjectFactory(name="Other")
    spend(project, "9.00", NOW - timedelta(days=1))
    spend(other, "9.00", NOW - timedelta(days=1))
    rule_evaluate(rule=ai_rule(host_selector={"projects": [str(other.pk)]}), now=NOW)
    assert list(Alert.objects.values_list("target", flat=True)) == [str(other.pk)]


def test_budget_percent_uses_the_project_budget(project):
    AISettingsFactory(project=project, monthly_budget_usd=Decimal("10"))
    spend(project, "8.00", NOW - timedelta(days=1))
    rule_evaluate(rule=ai_rule(metric="ai.cost.budget_percent", operator=">=", threshold=80), now=NOW)
    assert Alert.objects.get().value == 80.0


def test_forecast_metric_extends_the_daily_rate_to_the_month_end(project):
    spend(project, "10.00", NOW - timedelta(days=1))  # 10 USD in 10 days of a 31-day month
    rule_evaluate(rule=ai_rule(metric="ai.cost.forecast_month_end", threshold=30), now=NOW)
    assert Alert.objects.get().value == 31.0


def test_rule_api_accepts_ai_metrics_with_a_project_selector(staff_client, project):
    response = staff_client.post(
        "/api/v1/monitoring/rules/",
        {
            "name": "AI spend",
            "source": "ai",
            "metric": "ai.cost.month_to_date",
            "operator": ">",
            "threshold": 5,
            "host_selector": {"projects": [str(project.pk)]},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["source"] == "ai"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"source": "ai", "metric": "cpu.percent"}, "metric"),
        ({"source": "ai", "metric": "ai.cost.month_to_date", "host_selector": {"hosts": ["web-1"]}}, "host_selector"),
        ({"source": "host", "metric": "cpu.percent", "host_selector": {"projects": []}}, "host_selector"),
        ({"source": "ai", "metric": "ai.cost.month_to_date", "host_selector": {"projects": ["nope"]}}, "host_selector"),
    ],
)
def test_rule_api_rejects_selectors_and_metrics_of_another_source(staff_client, body, field):
    response = staff_client.post(
        "/api/v1/monitoring/rules/", {"name": "bad", "operator": ">", "threshold": 5, **body}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


def test_catalog_lists_the_ai_source(staff_client):
    sources = staff_client.get("/api/v1/monitoring/metrics/catalog/").json()["sources"]
    assert "ai.cost.month_to_date" in sources["ai"]


def test_forecasts_include_month_end_ai_cost(staff_client, project):
    spend(project, "4.00", datetime.now(UTC))
    body = staff_client.get("/api/v1/monitoring/forecasts/").json()
    [row] = body["ai_cost"]
    assert row["project"] == {"id": str(project.pk), "name": "Launch film"}
    assert row["month_to_date_usd"] == 4.0 and row["forecast_usd"] >= 4.0
    assert row["budget_usd"] == 20.0
