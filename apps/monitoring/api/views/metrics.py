"""Hosts, metric queries, stats, forecasts and anomalies."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from apps.core.api.base import validated
from apps.core.api.inputs import TimeRangeInput
from apps.core.api.schema import error_response

from ... import appmetrics, selectors
from ...models import Anomaly, Host, Resolution
from ...serializers import AnomalyOut, HostOut
from ...services import analysis
from ...sources import sources_all
from .base import MonitoringList, MonitoringView


class HostList(MonitoringView):
    @extend_schema(responses=HostOut(many=True))
    def get(self, request):
        hosts, status_map, latest = selectors.hosts_with_latest()
        return Response(HostOut(hosts, many=True, context={"status": status_map, "latest": latest}).data)


class HostDetail(MonitoringView):
    @extend_schema(responses=HostOut)
    def get(self, request, pk):
        hosts, status_map, latest = selectors.hosts_with_latest()
        host = next((h for h in hosts if str(h.pk) == str(pk)), None)
        if host is None:
            raise Http404
        return Response(HostOut(host, context={"status": status_map, "latest": latest}).data)


class MetricCatalog(MonitoringView):
    @extend_schema(
        responses=inline_serializer(
            "MetricCatalog",
            {"sources": serializers.DictField(child=serializers.DictField(child=serializers.CharField()))},
        )
    )
    def get(self, request):
        return Response({"sources": {name: source.metrics() for name, source in sources_all().items()}})


class AppMetrics(MonitoringView):
    """The `app` source's metrics now (what its rules see): per metric, a value per target
    (route group, WebSocket endpoint, queue, `all`); and the HTTP metrics per minute and
    route group over the last 30 minutes (oldest first)."""

    @extend_schema(
        responses=inline_serializer(
            "AppMetrics",
            {
                "at": serializers.DateTimeField(),
                "window_seconds": serializers.IntegerField(),
                "metrics": serializers.DictField(
                    child=inline_serializer(
                        "AppMetricValue",
                        {"target": serializers.CharField(), "value": serializers.FloatField()},
                        many=True,
                    )
                ),
                "http_series": inline_serializer(
                    "AppHttpMinute",
                    {
                        "at": serializers.DateTimeField(help_text="end of the minute"),
                        "groups": serializers.DictField(
                            child=inline_serializer(
                                "AppHttpSummary",
                                {
                                    "requests": serializers.IntegerField(),
                                    "errors": serializers.IntegerField(),
                                    "error_rate": serializers.FloatField(help_text="% of responses that were 5xx"),
                                    "p95_ms": serializers.FloatField(),
                                },
                            )
                        ),
                    },
                    many=True,
                ),
            },
        )
    )
    def get(self, request):
        from django.conf import settings

        now = timezone.now()
        return Response(
            {
                "at": now,
                "window_seconds": settings.MONITORING_APP_WINDOW_SECONDS,
                "metrics": appmetrics.app_snapshot(now),
                "http_series": appmetrics.app_http_series(now),
            }
        )


def _metric_choices() -> list[str]:
    from ...sources import HOST_METRICS

    return sorted(HOST_METRICS)


class MetricQuery(MonitoringView):
    class FilterSerializer(TimeRangeInput):
        host = serializers.UUIDField()
        metric = serializers.ChoiceField(choices=_metric_choices())
        labels = serializers.CharField(required=False, allow_blank=True, max_length=200)
        resolution = serializers.ChoiceField(choices=["auto", *Resolution.values], required=False, default="auto")

    @extend_schema(
        parameters=[FilterSerializer],
        responses={
            200: inline_serializer(
                "MetricSeries",
                {
                    "host": inline_serializer(
                        "MetricSeriesHost", {"id": serializers.UUIDField(), "name": serializers.CharField()}
                    ),
                    "metric": serializers.CharField(),
                    "resolution": serializers.ChoiceField(choices=Resolution.values),
                    "from": serializers.DateTimeField(),
                    "to": serializers.DateTimeField(),
                    "series": serializers.ListField(child=serializers.DictField()),
                },
            ),
            422: error_response("`range_too_large`"),
        },
    )
    def get(self, request):
        data = validated(self.FilterSerializer, request.query_params)
        host = get_object_or_404(Host, pk=data["host"])
        resolution = None if data["resolution"] == "auto" else data["resolution"]
        return Response(
            selectors.metric_series(
                host=host,
                metric=data["metric"],
                start=data["from"],
                end=data["to"],
                resolution=resolution,
                labels=data.get("labels"),
            )
        )


class Stats(MonitoringView):
    class FilterSerializer(serializers.Serializer):
        metric = serializers.ChoiceField(choices=_metric_choices())
        period = serializers.ChoiceField(choices=list(analysis.PERIODS), default="day")

    @extend_schema(
        parameters=[FilterSerializer],
        responses=inline_serializer(
            "Stats",
            {
                "metric": serializers.CharField(),
                "period": serializers.CharField(),
                "source": serializers.CharField(),
                "current": serializers.DictField(),
                "previous": serializers.DictField(),
                "rows": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request):
        data = validated(self.FilterSerializer, request.query_params)
        return Response(analysis.stats_compute(metric=data["metric"], period=data["period"]))


class Forecasts(MonitoringView):
    class FilterSerializer(serializers.Serializer):
        days = serializers.IntegerField(min_value=1, max_value=90, default=7)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=inline_serializer(
            "DiskForecasts",
            {
                "disks": serializers.ListField(child=serializers.DictField()),
                "ai_cost": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request):
        """Disk-full forecasts per host and mount, and the month-end AI cost per project
        (every project with AI spend this month)."""
        from ...sources import source_forecasts  # the `ai` source is registered by apps.ai_planning

        data = validated(self.FilterSerializer, request.query_params)
        return Response(
            {"disks": analysis.disk_forecasts(days=data["days"]), "ai_cost": source_forecasts("ai", now=timezone.now())}
        )


class AnomalyList(MonitoringList):
    serializer_class = AnomalyOut

    class FilterSerializer(serializers.Serializer):
        host = serializers.UUIDField(required=False)
        metric = serializers.CharField(required=False, max_length=80)

    def get_queryset(self):
        filters = self.filters
        qs = Anomaly.objects.select_related("host").order_by("-detected_at", "-id")
        if filters.get("host"):
            qs = qs.filter(host_id=filters["host"])
        if filters.get("metric"):
            qs = qs.filter(metric=filters["metric"])
        return qs
