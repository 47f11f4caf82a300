"""AI calls and cost per project as a section of monitoring's operations report (registered
by AiPlanningConfig.ready(): monitoring never imports this app). Every row of AIUsage in the
period counts: calls made (cache hits are counted apart and cost nothing), failed calls
(`error` or `invalid`), tokens, cost and the p95 latency of the calls actually made."""

from datetime import datetime

from apps.monitoring.report_sections import ReportSection, SectionData, column, percentile

from .models import AIUsage


def _stats(usages: list) -> dict:
    made = [u for u in usages if not u.cache_hit]
    errors = [u for u in made if u.outcome != AIUsage.Outcome.OK]
    return {
        "calls": len(made),
        "cache_hits": len(usages) - len(made),
        "errors": len(errors),
        "error_rate_pct": round(len(errors) / len(made) * 100, 2) if made else 0.0,
        "tokens": sum(u.prompt_tokens + u.completion_tokens for u in usages),
        "cost_usd": float(round(sum((u.cost_usd for u in usages), start=0), 6)),
        "p95_latency_ms": percentile([u.latency_ms for u in made], 0.95),
    }


def ai_usage_section(start: datetime, end: datetime) -> SectionData:
    usages = list(
        AIUsage.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("project")
        .only(
            "project__name",
            "cache_hit",
            "outcome",
            "prompt_tokens",
            "completion_tokens",
            "cost_usd",
            "latency_ms",
        )
    )
    by_project: dict = {}
    for usage in usages:
        by_project.setdefault(usage.project_id, []).append(usage)
    rows = sorted(
        ({"project": group[0].project.name, **_stats(group)} for group in by_project.values()),
        key=lambda row: (-row["cost_usd"], row["project"]),
    )
    return SectionData(rows=rows, totals=_stats(usages) if usages else {})


AI_REPORT_SECTION = ReportSection(
    key="ai",
    order=40,
    titles={"en": "AI calls and cost per project", "ko": "프로젝트별 AI 호출과 비용"},
    columns=(
        column("project", "", "Project", "프로젝트"),
        column("calls", "count", "Calls", "호출"),
        column("cache_hits", "count", "Cache hits", "캐시 적중"),
        column("errors", "count", "Failed", "실패"),
        column("error_rate_pct", "%", "Error rate", "오류율"),
        column("tokens", "count", "Tokens", "토큰"),
        column("cost_usd", "usd", "Cost (USD)", "비용 (USD)"),
        column("p95_latency_ms", "ms", "p95 latency", "p95 지연 시간"),
    ),
    build=ai_usage_section,
)
