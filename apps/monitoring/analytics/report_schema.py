"""The shape of the site analytics report (`GET monitoring/analytics/`), as the OpenAPI
document describes it. `aggregates.analytics_compute` builds the dict; these serializers
only describe it (the view does not re-render through them), so the generated client types
carry every field instead of free-form objects. The schema fuzz test checks real answers
against this description."""

from rest_framework import serializers

from .aggregates import INTERVALS, VITAL_THRESHOLDS
from .models import EventType

# Where a report's numbers come from (`rollup`/`mixed`: part of the range is daily rollups).
REPORT_SOURCES = ["raw", "rollup", "mixed"]


class AnalyticsSiteRef(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class AnalyticsTotals(serializers.Serializer):
    visitors = serializers.IntegerField()
    sessions = serializers.IntegerField()
    page_views = serializers.IntegerField()
    bounce_rate = serializers.FloatField(help_text="0–1")
    avg_session_duration_seconds = serializers.FloatField()
    conversions = serializers.IntegerField()
    conversion_value = serializers.FloatField()
    converted_sessions = serializers.IntegerField()
    conversion_rate = serializers.FloatField(help_text="0–1")


class AnalyticsSeriesPoint(serializers.Serializer):
    ts = serializers.DateTimeField()
    page_views = serializers.IntegerField()
    sessions = serializers.IntegerField()
    visitors = serializers.IntegerField()
    conversions = serializers.IntegerField()


class AnalyticsPageRow(serializers.Serializer):
    path = serializers.CharField()
    page_views = serializers.IntegerField()
    visitors = serializers.IntegerField()


class AnalyticsPathSessionsRow(serializers.Serializer):
    path = serializers.CharField()
    sessions = serializers.IntegerField()


class AnalyticsReferrerRow(serializers.Serializer):
    referrer = serializers.CharField(allow_blank=True, help_text='"" = direct')
    sessions = serializers.IntegerField()


class AnalyticsDeviceRow(serializers.Serializer):
    device_class = serializers.CharField(allow_blank=True)
    sessions = serializers.IntegerField()


class AnalyticsBrowserRow(serializers.Serializer):
    browser = serializers.CharField(allow_blank=True)
    sessions = serializers.IntegerField()


class AnalyticsClickRow(serializers.Serializer):
    label = serializers.CharField(allow_blank=True)
    clicks = serializers.IntegerField()


class AnalyticsConversionNameRow(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()
    value = serializers.FloatField()


class AnalyticsConversionPageRow(serializers.Serializer):
    """Page → conversion funnel: sessions that viewed the page and how many converted."""

    path = serializers.CharField()
    sessions = serializers.IntegerField()
    converted_sessions = serializers.IntegerField()
    conversion_rate = serializers.FloatField()


class AnalyticsVitalsRow(serializers.Serializer):
    """p75 per page; null when the page has no sample of that vital."""

    path = serializers.CharField()
    lcp_p75 = serializers.FloatField(allow_null=True)
    cls_p75 = serializers.FloatField(allow_null=True)
    inp_p75 = serializers.FloatField(allow_null=True)
    lcp_samples = serializers.IntegerField()
    cls_samples = serializers.IntegerField()
    inp_samples = serializers.IntegerField()


def _pair() -> serializers.ListField:
    return serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


# Built with type() where a field name is data (vital and event names) or a keyword (`from`).
AnalyticsVitalThresholds = type(
    "AnalyticsVitalThresholds",
    (serializers.Serializer,),
    {"__doc__": "(good up to, poor from) per vital.", **{name: _pair() for name in VITAL_THRESHOLDS}},
)

AnalyticsEventsByType = type(
    "AnalyticsEventsByType",
    (serializers.Serializer,),
    {"__doc__": "Events in the range per type.", **{kind: serializers.IntegerField() for kind in EventType.values}},
)

SiteAnalytics = type(
    "SiteAnalytics",
    (serializers.Serializer,),
    {
        "site": AnalyticsSiteRef(),
        "from": serializers.DateTimeField(),
        "to": serializers.DateTimeField(),
        "interval": serializers.ChoiceField(choices=list(INTERVALS)),
        "source": serializers.ChoiceField(
            choices=REPORT_SOURCES,
            help_text="`rollup`/`mixed`: part of the range comes from daily rollups (approximate).",
        ),
        "totals": AnalyticsTotals(),
        "top_pages": AnalyticsPageRow(many=True),
        "entry_pages": AnalyticsPathSessionsRow(many=True),
        "exit_pages": AnalyticsPathSessionsRow(many=True),
        "referrers": AnalyticsReferrerRow(many=True),
        "devices": AnalyticsDeviceRow(many=True),
        "browsers": AnalyticsBrowserRow(many=True),
        "top_clicks": AnalyticsClickRow(many=True),
        "events_by_type": AnalyticsEventsByType(),
        "conversions_by_name": AnalyticsConversionNameRow(many=True),
        "conversion_pages": AnalyticsConversionPageRow(many=True),
        "vitals": AnalyticsVitalsRow(many=True),
        "vital_thresholds": AnalyticsVitalThresholds(),
        "series": AnalyticsSeriesPoint(many=True),
    },
)
