"""Reads scoped by membership: an id from a project the caller is not in is not found (404)."""

import calendar
import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.core.money import UsdSum, usd
from apps.feedbacks import selectors as feedback_selectors
from apps.feedbacks.models import Version
from apps.feedbacks.shots import VersionShots
from apps.projects.models import Project

from . import ai_client
from .models import AIJob, AIUsage, AssetPlanLink, Brief, Plan, PlanRevision, VersionDigest
from .services import ShotMap, ai_settings_for, month_start, plan_shots_of, version_shot_map


def briefs_of(*, project: Project) -> QuerySet[Brief]:
    return Brief.objects.filter(project=project).select_related("created_by").order_by("-created_at")


def brief_for_user(*, user, brief_id) -> Brief:
    return get_object_or_404(
        Brief.objects.select_related("project", "created_by").filter(project__memberships__user=user), pk=brief_id
    )


def plans_of(*, brief: Brief) -> QuerySet[Plan]:
    return Plan.objects.filter(brief=brief).order_by("-created_at")


def plan_for_user(*, user, plan_id) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("project", "brief").filter(project__memberships__user=user), pk=plan_id
    )


def plan_shot_feedback(*, plan: Plan, include_internal: bool) -> list[dict]:
    """One row per shot of the plan and asset linked to it (`ShotFeedbackOut`): the top-level
    comments listed on the asset's latest ready version (its own and those carried over),
    open and resolved, inside the shot's range on that version's map. Four queries per
    linked asset (a plan has a handful)."""
    shots = plan_shots_of(plan)
    links = AssetPlanLink.objects.filter(plan=plan).select_related("asset", "plan").order_by("asset__order")
    rows = []
    for link in links:
        version = (
            Version.objects.filter(asset_id=link.asset_id, status=Version.Status.READY).order_by("-number").first()
        )
        spans, counts = {}, {}
        if version is not None:
            shot_map = version_shot_map(version=version, link=link)
            spans = {span.shot_id: span for span in shot_map.spans}
            counts = _comments_per_shot(version, shot_map, include_internal=include_internal)
        for shot_id, shot in shots.items():
            span = spans.get(shot_id)
            open_count, resolved_count = counts.get(shot_id, (0, 0))
            rows.append(
                {
                    "shot_id": shot_id,
                    "number": shot["number"],
                    "open": open_count,
                    "resolved": resolved_count,
                    "asset_id": link.asset_id,
                    "asset_title": link.asset.title,
                    "version_id": version.pk if version else None,
                    "version_number": version.number if version else None,
                    "start_frame": span.start_frame if span else None,
                    "end_frame": span.end_frame if span else None,
                }
            )
    return rows


def _comments_per_shot(version: Version, shot_map: ShotMap, *, include_internal: bool) -> dict[str, tuple[int, int]]:
    """{shot id: (open, resolved)} of the live top-level comments listed on the version."""
    lookup = VersionShots(shot_map.shot_spans())
    listed = feedback_selectors.feedback_rows_on_version(version_id=version.pk, include_internal=include_internal)
    counts: dict[str, list[int]] = {}
    for frame, resolved_at in listed.filter(deleted_at__isnull=True).values_list("frame", "resolved_at"):
        shot = lookup.shot_at(frame)
        if shot is not None:
            counts.setdefault(shot["shot_id"], [0, 0])[resolved_at is not None] += 1
    return {shot_id: (pair[0], pair[1]) for shot_id, pair in counts.items()}


def revisions_of(*, plan: Plan) -> QuerySet[PlanRevision]:
    return PlanRevision.objects.filter(plan=plan).select_related("author").order_by("-number")


def revision_of(*, plan: Plan, number: int) -> PlanRevision:
    return get_object_or_404(PlanRevision, plan=plan, number=number)


def jobs_of(*, project: Project, status: str | None = None, kind: str | None = None) -> QuerySet[AIJob]:
    jobs = AIJob.objects.filter(project=project).select_related("created_by", "approved_by", "rejected_by")
    if status:
        jobs = jobs.filter(status=status)
    if kind:
        jobs = jobs.filter(kind=kind)
    return jobs.order_by("-created_at", "-id")


def job_for_user(*, user, job_id) -> AIJob:
    return get_object_or_404(
        AIJob.objects.select_related("project", "created_by", "approved_by", "rejected_by").filter(
            project__memberships__user=user
        ),
        pk=job_id,
    )


def latest_digest(*, version) -> VersionDigest | None:
    return (
        VersionDigest.objects.filter(version=version)
        .select_related("job__created_by", "job__approved_by", "job__rejected_by", "requested_by")
        .order_by("-created_at")
        .first()
    )


def _usage_row(row: Mapping[str, object]) -> dict:
    """A usage row with zero instead of NULL for a group without tokens or cost."""
    return {**row, "tokens": row["tokens"] or 0, "cost_usd": row["cost_usd"] or usd(0)}


def usage_summary(*, project: Project, month: datetime.date | None = None) -> dict:
    """Totals per day and kind, cache hit rate, month-to-date cost against the budget and a
    straight-line forecast to the end of the month (current month only)."""
    now = timezone.now()
    start = (
        month_start(now)
        if month is None
        else month_start(datetime.datetime(month.year, month.month, 1, tzinfo=datetime.UTC))
    )
    days = calendar.monthrange(start.year, start.month)[1]
    end = start + datetime.timedelta(days=days)
    rows = AIUsage.objects.filter(project=project, created_at__gte=start, created_at__lt=end)
    metrics = {
        "calls": Count("id"),
        "cache_hits": Count("id", filter=Q(cache_hit=True)),
        "tokens": Sum("prompt_tokens") + Sum("completion_tokens"),
        "cost_usd": UsdSum("cost_usd"),
    }
    daily = [
        _usage_row(row)
        for row in rows.annotate(date=TruncDate("created_at"))
        .values("date", "kind")
        .annotate(**metrics)
        .order_by("date", "kind")
    ]
    by_kind = [_usage_row(row) for row in rows.values("kind").annotate(**metrics).order_by("kind")]
    totals = rows.aggregate(**metrics)
    spent = totals["cost_usd"] or usd(0)
    calls = totals["calls"] or 0
    budget = ai_settings_for(project).monthly_budget_usd
    if start <= now < end:
        elapsed_days = max(1.0, (now - start).total_seconds() / 86400)
        forecast = usd(spent / Decimal(str(elapsed_days)) * days)
    else:
        forecast = spent
    return {
        "month": start.strftime("%Y-%m"),
        "budget_usd": budget,
        "month_to_date_usd": spent,
        "budget_used_percent": round(float(spent / budget * 100), 2) if budget else 0.0,
        "forecast_usd": forecast,
        "forecast_over_budget": forecast > budget,
        "calls": calls,
        "cache_hits": totals["cache_hits"] or 0,
        "cache_hit_rate": round((totals["cache_hits"] or 0) / calls, 4) if calls else 0.0,
        "tokens": totals["tokens"] or 0,
        "daily": daily,
        "by_kind": by_kind,
        "ai_configured": ai_client.is_configured(),
    }
