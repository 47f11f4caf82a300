"""The console's first tab: one snapshot of hosts, alerts, application metrics, AI cost and
analytics ingestion (apps/monitoring/overview.py assembles it)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from ...models import Severity
from ...overview import overview_snapshot
from .base import MonitoringView


class OverviewPointOut(serializers.Serializer):
    ts = serializers.DateTimeField()
    cpu = serializers.FloatField(allow_null=True, help_text="CPU busy, %")
    mem = serializers.FloatField(allow_null=True, help_text="memory used, %")
    disk = serializers.FloatField(allow_null=True, help_text="fullest mount used, %")


class OverviewHostOut(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    display_name = serializers.CharField()
    status = serializers.ChoiceField(choices=["up", "down", "unknown"])
    last_seen_at = serializers.DateTimeField(allow_null=True)
    cpu_percent = serializers.FloatField(allow_null=True)
    mem_percent = serializers.FloatField(allow_null=True)
    disk_percent = serializers.FloatField(allow_null=True, help_text="the fullest mount")
    history = OverviewPointOut(many=True, help_text="raw samples of the last `history_minutes`, oldest first")


class OverviewFiringOut(serializers.Serializer):
    info = serializers.IntegerField()
    warning = serializers.IntegerField()
    critical = serializers.IntegerField()


class OverviewAlertOut(serializers.Serializer):
    id = serializers.UUIDField()
    rule = serializers.CharField()
    target = serializers.CharField()
    severity = serializers.ChoiceField(choices=Severity.values)
    started_at = serializers.DateTimeField(allow_null=True)
    value = serializers.FloatField(allow_null=True)


class OverviewAlertsOut(serializers.Serializer):
    firing = OverviewFiringOut()
    firing_total = serializers.IntegerField()
    pending = serializers.IntegerField()
    top = OverviewAlertOut(many=True, help_text="the newest firing alerts (at most 5)")


class OverviewHttpGroupOut(serializers.Serializer):
    group = serializers.CharField()
    requests = serializers.IntegerField()
    errors = serializers.IntegerField()
    error_rate = serializers.FloatField(help_text="%")
    p95_ms = serializers.FloatField()


class OverviewHttpOut(serializers.Serializer):
    requests = serializers.IntegerField()
    errors = serializers.IntegerField()
    error_rate = serializers.FloatField(help_text="5xx share over the window, %")
    p95_ms = serializers.FloatField(help_text="the slowest route group's p95 over the window, ms")
    groups = OverviewHttpGroupOut(many=True)


class OverviewSocketEndpointOut(serializers.Serializer):
    endpoint = serializers.CharField()
    connections = serializers.IntegerField()


class OverviewSocketsOut(serializers.Serializer):
    total = serializers.IntegerField()
    endpoints = OverviewSocketEndpointOut(many=True)


class OverviewQueueOut(serializers.Serializer):
    queue = serializers.CharField()
    depth = serializers.IntegerField()
    oldest_wait_s = serializers.FloatField()


class OverviewAiCostOut(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM (UTC)")
    month_to_date_usd = serializers.FloatField()
    forecast_usd = serializers.FloatField(help_text="straight-line month-end spend")
    budget_usd = serializers.FloatField(help_text="sum of the monthly budgets of the projects with spend")
    budget_used_percent = serializers.FloatField()
    projects = serializers.IntegerField()
    projects_over_budget = serializers.IntegerField(help_text="projects whose forecast exceeds their budget")


class OverviewIngestMinuteOut(serializers.Serializer):
    ts = serializers.DateTimeField()
    accepted = serializers.IntegerField()
    rejected = serializers.IntegerField()
    errors = serializers.IntegerField()
    throttled = serializers.IntegerField()
    latency_p95_ms = serializers.FloatField(allow_null=True)


class OverviewAnalyticsOut(serializers.Serializer):
    window_minutes = serializers.IntegerField()
    accepted = serializers.IntegerField(help_text="events processed")
    rejected = serializers.IntegerField(help_text="events rejected as invalid")
    errors = serializers.IntegerField(help_text="refused requests (4xx except 429, 5xx)")
    throttled = serializers.IntegerField(help_text="requests refused with 429")
    latency_p95_ms = serializers.FloatField(allow_null=True)
    series = OverviewIngestMinuteOut(many=True, help_text="per minute, oldest first")


class MonitoringOverviewOut(serializers.Serializer):
    at = serializers.DateTimeField()
    window_seconds = serializers.IntegerField(help_text="the window of the HTTP numbers")
    history_minutes = serializers.IntegerField()
    hosts = OverviewHostOut(many=True)
    alerts = OverviewAlertsOut()
    http = OverviewHttpOut(allow_null=True, help_text="null: the metrics store is unreachable")
    sockets = OverviewSocketsOut(allow_null=True)
    queues = OverviewQueueOut(many=True, allow_null=True)
    ai_cost = OverviewAiCostOut(allow_null=True, help_text="null: no app registered the `ai` source")
    analytics = OverviewAnalyticsOut(allow_null=True, help_text="null: analytics not installed or unreachable")


class MonitoringOverview(MonitoringView):
    @extend_schema(responses=MonitoringOverviewOut)
    def get(self, request):
        """Everything the console's first tab shows, in one answer."""
        return Response(MonitoringOverviewOut(overview_snapshot(now=timezone.now())).data)
