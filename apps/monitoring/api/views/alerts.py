"""Alerts (list, detail, acknowledge) and silences."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response

from ... import selectors
from ...models import Alert, Severity, Silence
from ...serializers import AlertOut, SilenceOut
from ...services import alerts as alert_services
from ...services import config as config_services
from .base import MonitoringDetail, MonitoringList, MonitoringView


class AlertList(MonitoringList):
    serializer_class = AlertOut

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=["open", *Alert.Status.values], required=False)
        severity = serializers.ChoiceField(choices=Severity.choices, required=False)
        host = serializers.UUIDField(required=False)
        rule = serializers.UUIDField(required=False)

    def get_queryset(self):
        filters = self.filters
        return selectors.alerts_list(
            status=filters.get("status"),
            severity=filters.get("severity"),
            host_id=filters.get("host"),
            rule_id=filters.get("rule"),
        )


class AlertDetail(MonitoringView):
    class InputSerializer(StrictSerializer):
        notes = serializers.CharField(max_length=5000, allow_blank=True)

    @extend_schema(responses=AlertOut)
    def get(self, request, pk):
        return Response(AlertOut(get_object_or_404(selectors.alerts_list(), pk=pk)).data)

    @extend_schema(request=InputSerializer, responses=AlertOut)
    def patch(self, request, pk):
        alert = get_object_or_404(selectors.alerts_list(), pk=pk)
        data = validated(self.InputSerializer, request.data)
        return Response(AlertOut(alert_services.alert_update_notes(alert=alert, notes=data["notes"])).data)


class AlertAck(MonitoringView):
    @extend_schema(request=None, responses={200: AlertOut, 409: error_response("Already resolved (`conflict`)")})
    def post(self, request, pk):
        alert = get_object_or_404(Alert, pk=pk)
        alert = alert_services.alert_acknowledge(alert=alert, user=request.user)
        return Response(AlertOut(selectors.alerts_list().get(pk=alert.pk)).data)


# --- silences -----------------------------------------------------------------------


class SilenceIn(StrictSerializer):
    kind = serializers.ChoiceField(choices=Silence.Kind.choices, required=False)
    matchers = serializers.DictField(child=serializers.CharField(max_length=200), required=False)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField()
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)

    def validate_matchers(self, value):
        unknown = set(value) - {"rule", "host", "severity", "metric", "target"}
        if unknown:
            raise serializers.ValidationError(f"Unknown matchers: {', '.join(sorted(unknown))}.")
        return value


class SilenceListCreate(MonitoringList):
    serializer_class = SilenceOut

    class FilterSerializer(serializers.Serializer):
        active = serializers.BooleanField(required=False, allow_null=True, default=None)

    def get_queryset(self):
        active = self.filters["active"]
        qs = Silence.objects.select_related("created_by").order_by("-starts_at", "-id")
        now = timezone.now()
        if active is True:
            qs = qs.filter(starts_at__lte=now, ends_at__gt=now)
        elif active is False:
            qs = qs.exclude(starts_at__lte=now, ends_at__gt=now)
        return qs

    @extend_schema(request=SilenceIn, responses={201: SilenceOut})
    def post(self, request):
        data = validated(SilenceIn, request.data)
        data.setdefault("starts_at", timezone.now())
        silence = config_services.silence_create(user=request.user, data=data)
        return Response(SilenceOut(silence).data, status=status.HTTP_201_CREATED)


class SilenceDetail(MonitoringDetail):
    model = Silence
    input_serializer = SilenceIn
    output_serializer = SilenceOut

    def update_object(self, silence, data: dict):
        return config_services.silence_update(silence=silence, data=data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        """Ends the silence now (its record stays)."""
        config_services.silence_expire(silence=self.get_object(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
