"""AI cost as a monitoring metric source: rules alert on a project's month-to-date AI spend
(from our usage rows) with the same engine as host rules, and the forecasts page shows the
straight-line month-end cost per project. Registered into monitoring's source registry by
AiPlanningConfig.ready(): monitoring never imports this app.

Targets are projects. The selector is `{"projects": [project ids]}`; `{}` watches every
project that spent something this month (plus any project that still has an open alert
for the rule, so that alert resolves when a new month starts at zero)."""

import calendar
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q

from apps.core.money import UsdSum, usd
from apps.monitoring.appmetrics import AppMetric
from apps.monitoring.sources import MetricSource, Observation
from apps.projects.models import Project

from .models import AISettings, AIUsage
from .services import month_start

AI_METRICS: dict[str, str] = {
    "ai.cost.month_to_date": "AI spend this calendar month (UTC), USD (targets: projects)",
    "ai.cost.budget_percent": "AI spend this month as % of the project's monthly budget",
    "ai.cost.forecast_month_end": "straight-line month-end AI spend, USD",
}


def _month_bounds(now: datetime) -> tuple[datetime, datetime]:
    start = month_start(now)
    return start, start + timedelta(days=calendar.monthrange(start.year, start.month)[1])


def _forecast(spent: Decimal, now: datetime) -> Decimal:
    """Spend so far, extended at the same daily rate to the month's end (at least one
    elapsed day, so a first-hour call does not project a huge month) — the rule
    `selectors.usage_summary` uses."""
    start, end = _month_bounds(now)
    elapsed_days = max(1.0, (now - start).total_seconds() / 86400)
    days = (end - start).days
    return usd(spent / Decimal(str(elapsed_days)) * days)


def project_costs(*, now: datetime, project_ids: list | None = None) -> list[dict]:
    """Per project: month-to-date spend, forecast and budget, in one grouped query plus one
    for names and one for budgets. `project_ids=None` → every project with usage this month."""
    start, _end = _month_bounds(now)
    usage = AIUsage.objects.filter(created_at__gte=start, created_at__lte=now)
    if project_ids is not None:
        usage = usage.filter(project_id__in=project_ids)
    spent = {
        row["project_id"]: row["total"] or usd(0)
        for row in usage.values("project_id").annotate(total=UsdSum("cost_usd"))
    }
    ids = list(spent) if project_ids is None else list(project_ids)
    projects = dict(Project.objects.filter(pk__in=ids).values_list("pk", "name"))
    budgets = dict(AISettings.objects.filter(project_id__in=ids).values_list("project_id", "monthly_budget_usd"))
    default_budget = Decimal(str(settings.AI_DEFAULT_MONTHLY_BUDGET_USD))
    rows = []
    for pk, name in sorted(projects.items(), key=lambda item: item[1]):
        cost = spent.get(pk, usd(0))
        budget = budgets.get(pk, default_budget)
        forecast = _forecast(cost, now)
        rows.append(
            {
                "project": {"id": str(pk), "name": name},
                "month": start.strftime("%Y-%m"),
                "month_to_date_usd": float(cost),
                "forecast_usd": float(forecast),
                "budget_usd": float(budget),
                "budget_used_percent": round(float(cost / budget * 100), 2) if budget else 0.0,
                "forecast_over_budget": forecast > budget,
            }
        )
    return rows


class AICostSource(MetricSource):
    name = "ai"
    selector_keys = frozenset({"projects"})

    def metrics(self) -> dict[str, str]:
        return dict(AI_METRICS)

    def observe(self, rule, now: datetime) -> list[Observation]:
        from apps.monitoring.models import Alert

        wanted = [str(p) for p in (rule.host_selector or {}).get("projects") or []]
        if wanted:
            rows = project_costs(now=now, project_ids=wanted)
        else:
            rows = project_costs(now=now)
            seen = {row["project"]["id"] for row in rows}
            still_open = (
                set(Alert.objects.filter(rule=rule, status__in=["pending", "firing"]).values_list("target", flat=True))
                - seen
            )
            if still_open:
                rows += project_costs(now=now, project_ids=sorted(still_open))
        field = {
            "ai.cost.month_to_date": "month_to_date_usd",
            "ai.cost.budget_percent": "budget_used_percent",
            "ai.cost.forecast_month_end": "forecast_usd",
        }[rule.metric]
        return [
            Observation(target=row["project"]["id"], value=round(row[field], 6), label=row["project"]["name"])
            for row in rows
        ]

    def forecasts(self, now: datetime) -> list[dict]:
        return project_costs(now=now)


def ai_error_rate(now: datetime, window_seconds: int) -> list[tuple[str, float, str]]:
    """The `app` source's `ai.error_rate`: the share of AI calls of the window (cache hits
    left out: they never reach the AI server) whose outcome was not ok (error, invalid
    answer), in %; 0 without calls. One target, `all`."""
    counts = AIUsage.objects.filter(
        created_at__gt=now - timedelta(seconds=window_seconds), created_at__lte=now, cache_hit=False
    ).aggregate(total=Count("id"), failed=Count("id", filter=~Q(outcome=AIUsage.Outcome.OK)))
    total = counts["total"] or 0
    rate = round(counts["failed"] / total * 100, 2) if total else 0.0
    return [("all", rate, "all AI calls")]


AI_ERROR_RATE = AppMetric(
    name="ai.error_rate",
    description="share of AI calls over the window that failed or answered invalidly, % (target: all)",
    observe=ai_error_rate,
)
