"""Monitoring REST API: thin views (input serializer → service/selector → output
serializer). Everything is staff-only (or the monitoring permission)."""

from abc import ABCMeta, abstractmethod

from django.conf import settings
from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import PagedListView, document_inherited, validated
from apps.core.api.inputs import StrictSerializer, TimeRangeInput
from apps.core.api.schema import error_response

from .. import selectors, templating
from ..models import (
    Alert,
    AlertRule,
    Anomaly,
    Backup,
    Delivery,
    Host,
    NotificationChannel,
    NotificationTemplate,
    Operator,
    Resolution,
    Severity,
    Silence,
)
from ..permissions import CanMonitor
from ..serializers import (
    AlertOut,
    AnomalyOut,
    BackupOut,
    ChannelOut,
    ChannelWithSecretOut,
    DeliveryOut,
    HostOut,
    RuleOut,
    SilenceOut,
    TaskRunOut,
    TemplateOut,
)
from ..services import alerts as alert_services
from ..services import analysis
from ..services import config as config_services
from ..sources import sources_all


class MonitoringView(APIView):
    permission_classes = [CanMonitor]


class MonitoringList(PagedListView):
    permission_classes = [CanMonitor]


class MonitoringDetail(MonitoringView, metaclass=ABCMeta):
    # GET, PATCH (partial) and DELETE of one configuration object by id. The subclass
    # names the `model`, its `input_serializer` and `output_serializer` (the schema is
    # derived from them) and writes `update_object` with the app's service; it overrides
    # a method whose answer differs. (No docstring: it would describe every operation.)
    model: type[Model]
    input_serializer: type[serializers.Serializer]
    output_serializer: type[serializers.Serializer]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        document_inherited(
            cls,
            get=extend_schema(responses=cls.output_serializer),
            patch=extend_schema(request=cls.input_serializer(partial=True), responses=cls.output_serializer),
        )

    def get_object(self, pk):
        return get_object_or_404(self.model, pk=pk)

    @abstractmethod
    def update_object(self, instance, data: dict):
        """Saves the validated changes through the app's service; returns the object."""

    def output_for(self, data: dict) -> type[serializers.Serializer]:
        """The serializer of a PATCH's answer (a subclass may vary it with the request)."""
        return self.output_serializer

    def get(self, request, pk):
        return Response(self.output_serializer(self.get_object(pk)).data)

    def patch(self, request, pk):
        instance = self.get_object(pk)
        data = validated(self.input_serializer, request.data, partial=True)
        return Response(self.output_for(data)(self.update_object(instance, data)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        self.get_object(pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- hosts and metrics --------------------------------------------------------------


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


def _metric_choices() -> list[str]:
    from ..sources import HOST_METRICS

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
        from ..ai_cost import project_costs

        data = validated(self.FilterSerializer, request.query_params)
        return Response(
            {"disks": analysis.disk_forecasts(days=data["days"]), "ai_cost": project_costs(now=timezone.now())}
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


# --- rules --------------------------------------------------------------------------


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
            isinstance(value["projects"], list) and all(isinstance(p, str) and _is_uuid(p) for p in value["projects"])
        ):
            raise serializers.ValidationError("`projects` is a list of project ids.")
        return value

    def validate(self, attrs):
        from ..sources import metric_known, source_get

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


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


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
            from ..sources import metric_known

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
        from ..services.preview import rule_preview

        return Response(rule_preview(**validated(self.InputSerializer, request.data)))


# --- alerts -------------------------------------------------------------------------


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


# --- channels -----------------------------------------------------------------------


class ChannelIn(StrictSerializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=NotificationChannel.Kind.choices)
    enabled = serializers.BooleanField(required=False)
    locale = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    recipients = serializers.ListField(child=serializers.EmailField(), max_length=50, required=False)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    secret = serializers.RegexField(r"^whsec_[A-Za-z0-9+/=]{16,}$", max_length=200, required=False)


class ChannelUpdateIn(ChannelIn):
    rotate_secret = serializers.BooleanField(required=False)


class ChannelListCreate(MonitoringList):
    serializer_class = ChannelOut

    def get_queryset(self):
        return NotificationChannel.objects.order_by("name", "id")

    @extend_schema(request=ChannelIn, responses={201: ChannelWithSecretOut})
    def post(self, request):
        channel = config_services.channel_create(user=request.user, data=validated(ChannelIn, request.data))
        return Response(ChannelWithSecretOut(channel).data, status=status.HTTP_201_CREATED)


class ChannelDetail(MonitoringDetail):
    model = NotificationChannel
    input_serializer = ChannelUpdateIn
    output_serializer = ChannelOut

    def update_object(self, channel, data: dict):
        return config_services.channel_update(channel=channel, data=data)

    def output_for(self, data: dict) -> type[serializers.Serializer]:
        # Documented as ChannelOut: `secret` is added only when `rotate_secret` was sent.
        return ChannelWithSecretOut if data.get("rotate_secret") else ChannelOut


class ChannelTest(MonitoringView):
    @extend_schema(request=None, responses={202: DeliveryOut})
    def post(self, request, pk):
        from ..services.notify import channel_send_test

        delivery = channel_send_test(channel=get_object_or_404(NotificationChannel, pk=pk))
        return Response(DeliveryOut(delivery).data, status=status.HTTP_202_ACCEPTED)


class ChannelDeliveries(MonitoringList):
    serializer_class = DeliveryOut

    def get_queryset(self):
        channel = get_object_or_404(NotificationChannel, pk=self.kwargs["pk"])
        return Delivery.objects.filter(channel=channel).prefetch_related("attempt_log").order_by("-created_at", "-id")


# --- templates ----------------------------------------------------------------------


class TemplateIn(StrictSerializer):
    name = serializers.SlugField(max_length=60, required=False)
    event_type = serializers.ChoiceField(choices=NotificationTemplate.Event.choices)
    locale = serializers.ChoiceField(choices=settings.LANGUAGES)
    subject = serializers.CharField(max_length=300)
    body = serializers.CharField(max_length=20000)


class TemplateListCreate(MonitoringList):
    serializer_class = TemplateOut

    def get_queryset(self):
        return NotificationTemplate.objects.order_by("name", "event_type", "locale")

    @extend_schema(request=TemplateIn, responses={201: TemplateOut})
    def post(self, request):
        template = config_services.template_create(data=validated(TemplateIn, request.data))
        return Response(TemplateOut(template).data, status=status.HTTP_201_CREATED)


class TemplateDetail(MonitoringDetail):
    model = NotificationTemplate
    input_serializer = TemplateIn
    output_serializer = TemplateOut

    def update_object(self, template, data: dict):
        return config_services.template_update(template=template, data=data)


class TemplatePreview(MonitoringView):
    class InputSerializer(StrictSerializer):
        event_type = serializers.ChoiceField(choices=NotificationTemplate.Event.choices, default="alert.firing")
        subject = serializers.CharField(max_length=300)
        body = serializers.CharField(max_length=20000)
        alert = serializers.UUIDField(required=False)

    @extend_schema(
        request=InputSerializer,
        responses=inline_serializer(
            "TemplatePreviewOut",
            {
                "subject": serializers.CharField(),
                "body": serializers.CharField(),
                "context": serializers.DictField(),
            },
        ),
    )
    def post(self, request):
        from django.core.exceptions import ValidationError as DjangoValidationError

        from ..services.notify import alert_context

        data = validated(self.InputSerializer, request.data)
        errors = {f: [p] for f in ("subject", "body") if (p := templating.template_validate(data[f]))}
        if errors:
            raise DjangoValidationError(errors)
        if data.get("alert"):
            alert = get_object_or_404(Alert.objects.select_related("rule", "host"), pk=data["alert"])
            context = alert_context(alert, data["event_type"])
        else:
            context = templating.sample_context(data["event_type"])
        rendered, errors = {}, {}
        for field in ("subject", "body"):
            try:
                rendered[field] = templating.render(data[field], context)
            except templating.TemplateRenderError as exc:
                errors[field] = [str(exc)]
        if errors:
            raise DjangoValidationError(errors)
        return Response(
            {"subject": " ".join(rendered["subject"].split()), "body": rendered["body"], "context": context}
        )


# --- tasks and backups --------------------------------------------------------------


class TasksOverview(MonitoringView):
    @extend_schema(
        responses=inline_serializer(
            "TasksOverview",
            {
                "queues": serializers.DictField(child=serializers.IntegerField(), allow_null=True),
                "summary": serializers.ListField(child=serializers.DictField()),
                "recent": TaskRunOut(many=True),
                "failures": TaskRunOut(many=True),
                "retries": TaskRunOut(many=True),
            },
        )
    )
    def get(self, request):
        data = selectors.tasks_overview()
        return Response(
            {
                "queues": data["queues"],
                "summary": data["summary"],
                "recent": TaskRunOut(data["recent"], many=True).data,
                "failures": TaskRunOut(data["failures"], many=True).data,
                "retries": TaskRunOut(data["retries"], many=True).data,
            }
        )


class BackupList(MonitoringList):
    serializer_class = BackupOut

    def get_queryset(self):
        return Backup.objects.order_by("-created_at", "-id")

    @extend_schema(
        request=None, responses={202: inline_serializer("BackupQueued", {"status": serializers.CharField()})}
    )
    def post(self, request):
        """Start a backup now (runs in the worker)."""
        from ..tasks import backup_database

        backup_database.delay()
        return Response({"status": "queued"}, status=status.HTTP_202_ACCEPTED)
