"""Alert rules: list/create, detail and the preview against recent data."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer

from ... import selectors
from ...models import AlertRule, NotificationChannel, Operator, Severity
from ...serializers import RuleOut
from ...services import config as config_services
from ...sources import is_uuid
from .base import MonitoringList, MonitoringView


class RuleIn(StrictSerializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    source = serializers.CharField(max_length=40, required=False, default="host")
    metric = serializers.CharField(max_length=80)
    labels = serializers.CharField(max_length=200, required=False, allow_blank=True)
    host_selector = serializers.DictField(required=False)
    operator = serializers.ChoiceField(choices=Operator.choices)
    threshold = serializers.FloatField()
    for_seconds = serializers.IntegerField(min_value=0, max_value=7 * 86400, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    channels = serializers.PrimaryKeyRelatedField(queryset=NotificationChannel.objects.all(), many=True, required=False)
    cooldown_seconds = serializers.IntegerField(min_value=0, max_value=30 * 86400, required=False)
    enabled = serializers.BooleanField(required=False)
    template = serializers.CharField(max_length=60, required=False, allow_blank=True)

    def validate_threshold(self, value):
        import math

        if not math.isfinite(value):
            raise serializers.ValidationError("A finite number is required.")
        return value

    def validate_host_selector(self, value):
        # Which keys are allowed depends on the source: checked in validate().
        if "hosts" in value and not (
            isinstance(value["hosts"], list) and all(isinstance(h, str) for h in value["hosts"])
        ):
            raise serializers.ValidationError("`hosts` is a list of host names or ids.")
        if "name_glob" in value and not isinstance(value["name_glob"], str):
            raise serializers.ValidationError("`name_glob` is a string.")
        if "projects" in value and not (
            isinstance(value["projects"], list) and all(isinstance(p, str) and is_uuid(p) for p in value["projects"])
        ):
            raise serializers.ValidationError("`projects` is a list of project ids.")
        if "targets" in value and not (
            isinstance(value["targets"], list) and all(isinstance(t, str) and t for t in value["targets"])
        ):
            raise serializers.ValidationError("`targets` is a list of route groups, endpoints or queues.")
        return value

    def validate(self, attrs):
        from ...sources import metric_known, source_get

        source = attrs.get("source") or getattr(self.instance, "source", "host")
        metric = attrs.get("metric") or getattr(self.instance, "metric", None)
        found = source_get(source)
        if found is None:
            raise serializers.ValidationError({"source": [f"Unknown source {source!r}."]})
        if metric is not None and not metric_known(source, metric):
            raise serializers.ValidationError({"metric": [f"Unknown metric {metric!r}."]})
        selector = attrs.get("host_selector", getattr(self.instance, "host_selector", None)) or {}
        unknown = set(selector) - found.selector_keys
        if unknown:
            raise serializers.ValidationError(
                {"host_selector": [f"Unknown keys for source {source!r}: {', '.join(sorted(unknown))}."]}
            )
        return attrs


class RuleListCreate(MonitoringList):
    serializer_class = RuleOut

    def get_queryset(self):
        return selectors.rules_list()

    @extend_schema(request=RuleIn, responses={201: RuleOut})
    def post(self, request):
        rule = config_services.rule_create(user=request.user, data=validated(RuleIn, request.data))
        return Response(RuleOut(selectors.rules_list().get(pk=rule.pk)).data, status=status.HTTP_201_CREATED)


class RuleDetail(MonitoringView):
    @extend_schema(responses=RuleOut)
    def get(self, request, pk):
        return Response(RuleOut(get_object_or_404(selectors.rules_list(), pk=pk)).data)

    @extend_schema(request=RuleIn(partial=True), responses=RuleOut)
    def patch(self, request, pk):
        rule = get_object_or_404(AlertRule, pk=pk)
        data = validated(RuleIn, request.data, partial=True, instance=rule)
        config_services.rule_update(rule=rule, data=data)
        return Response(RuleOut(selectors.rules_list().get(pk=pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        config_services.rule_delete(rule=get_object_or_404(AlertRule, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RulePreview(MonitoringView):
    class InputSerializer(StrictSerializer):
        metric = serializers.CharField(max_length=80)
        labels = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        host_selector = serializers.DictField(required=False, default=dict)
        operator = serializers.ChoiceField(choices=Operator.choices)
        threshold = serializers.FloatField()
        for_seconds = serializers.IntegerField(min_value=0, max_value=7 * 86400, required=False, default=0)
        hours = serializers.IntegerField(min_value=1, max_value=72, required=False, default=24)

        def validate_metric(self, value):
            from ...sources import metric_known

            if not metric_known("host", value):
                raise serializers.ValidationError(f"Unknown metric {value!r}.")
            return value

        validate_threshold = RuleIn.validate_threshold

        def validate_host_selector(self, value):
            unknown = set(value) - {"hosts", "name_glob"}  # the preview replays host metrics only
            if unknown:
                raise serializers.ValidationError(f"Unknown keys: {', '.join(sorted(unknown))}.")
            return RuleIn.validate_host_selector(self, value)

    @extend_schema(
        request=InputSerializer,
        responses=inline_serializer(
            "RulePreviewOut",
            {
                "from": serializers.DateTimeField(),
                "to": serializers.DateTimeField(),
                "supported": serializers.BooleanField(),
                "hosts": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def post(self, request):
        """How this rule would have fired over the last `hours` (default 24), per host."""
        from ...services.preview import rule_preview

        return Response(rule_preview(**validated(self.InputSerializer, request.data)))
