"""Web analytics totals per site as a section of monitoring's operations report (registered
by AnalyticsConfig.ready(), the same way as the `analytics` alert source): sessions started,
distinct visitors, page views, clicks, conversions and events received in the period, from
the raw rows (kept for each site's retention, 90 days by default)."""

from datetime import datetime

from django.db.models import Count, Q

from ..report_sections import ReportSection, SectionData, column
from .models import Event, EventType, Session, Site


def analytics_section(start: datetime, end: datetime) -> SectionData:
    events = {
        row["site_id"]: row
        for row in Event.objects.filter(ts__gte=start, ts__lt=end)
        .values("site_id")
        .annotate(
            events=Count("id"),
            page_views=Count("id", filter=Q(type=EventType.PAGE_VIEW)),
            clicks=Count("id", filter=Q(type=EventType.CLICK)),
            conversions=Count("id", filter=Q(type=EventType.CONVERSION)),
        )
    }
    sessions_in = Session.objects.filter(started_at__gte=start, started_at__lt=end)
    sessions = {
        row["site_id"]: row
        for row in sessions_in.values("site_id").annotate(
            sessions=Count("id"), visitors=Count("visitor", distinct=True)
        )
    }
    keys = ("sessions", "visitors", "page_views", "clicks", "conversions", "events")
    rows = []
    for site in Site.objects.filter(pk__in=set(events) | set(sessions)).order_by("name"):
        merged = {**events.get(site.pk, {}), **sessions.get(site.pk, {})}
        rows.append({"site": site.name, **{key: merged.get(key, 0) for key in keys}})
    totals = {key: sum(row[key] for row in rows) for key in keys if key != "visitors"}
    if rows:
        totals["visitors"] = sessions_in.values("site_id", "visitor").distinct().count()
    return SectionData(rows=rows, totals=totals if rows else {})


ANALYTICS_REPORT_SECTION = ReportSection(
    key="analytics",
    order=50,
    titles={"en": "Web analytics", "ko": "웹 분석"},
    columns=(
        column("site", "", "Site", "사이트"),
        column("sessions", "count", "Sessions", "세션"),
        column("visitors", "count", "Visitors", "방문자"),
        column("page_views", "count", "Page views", "페이지 뷰"),
        column("clicks", "count", "Clicks", "클릭"),
        column("conversions", "count", "Conversions", "전환"),
        column("events", "count", "Events", "이벤트"),
    ),
    build=analytics_section,
)
