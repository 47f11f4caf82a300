"""Notification channels (with test send and deliveries) and message templates."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer

from ... import templating
from ...models import Alert, Delivery, NotificationChannel, NotificationTemplate
from ...serializers import ChannelOut, ChannelWithSecretOut, DeliveryOut, TemplateOut
from ...services import config as config_services
from .base import MonitoringDetail, MonitoringList, MonitoringView


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
        from ...services.notify import channel_send_test

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

        from ...services.notify import alert_context

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
