"""Operations reports: list, request (build in the worker), detail, CSV download, e-mail now."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response
from apps.core.downloads import attachment

from ...models import OpsReport
from ...services import reports
from .base import MonitoringList, MonitoringView


class OpsReportBriefOut(serializers.ModelSerializer):
    class Meta:
        model = OpsReport
        fields = [
            "id",
            "kind",
            "period_start",
            "period_end",
            "status",
            "error",
            "generated_at",
            "emailed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ReportColumnOut(serializers.Serializer):
    key = serializers.CharField()
    unit = serializers.CharField(
        help_text='"", "%", "s", "min", "ms", "usd", "count", "datetime" or "severity" '
        "(an alert severity code, shown as its label)",
    )
    titles = serializers.DictField(child=serializers.CharField(), help_text="locale → title")


class ReportSectionOut(serializers.Serializer):
    key = serializers.CharField(help_text="uptime, alerts, http, ai, analytics, …")
    titles = serializers.DictField(child=serializers.CharField(), help_text="locale → title")
    columns = ReportColumnOut(many=True)
    rows = serializers.ListField(child=serializers.DictField(), help_text="column key → value")
    totals = serializers.DictField(help_text="column key → total, for the columns that have one")
    available = serializers.BooleanField()
    note = serializers.DictField(child=serializers.CharField(), help_text="locale → why unavailable / what is left out")


class ReportDataOut(serializers.Serializer):
    kind = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    generated_at = serializers.DateTimeField()
    partial = serializers.BooleanField(help_text="The period had not ended when the report was built.")
    sections = ReportSectionOut(many=True)


class OpsReportOut(OpsReportBriefOut):
    data = serializers.SerializerMethodField()

    class Meta(OpsReportBriefOut.Meta):
        fields = [*OpsReportBriefOut.Meta.fields, "data"]
        read_only_fields = fields

    @extend_schema_field(ReportDataOut(allow_null=True))
    def get_data(self, report) -> dict | None:
        return report.data or None


class ReportListCreate(MonitoringList):
    serializer_class = OpsReportBriefOut

    class FilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=OpsReport.Kind.choices, required=False)

    class InputSerializer(StrictSerializer):
        kind = serializers.ChoiceField(choices=OpsReport.Kind.choices)
        period_start = serializers.DateField(
            required=False, help_text="Any day of the wanted week or month (default: the last complete one)."
        )
        regenerate = serializers.BooleanField(default=False, help_text="Build again a report that exists.")

        def validate_period_start(self, value):
            if value > timezone.now().date():
                raise serializers.ValidationError("The period has not started yet.")
            return value

    def get_queryset(self):
        reports_qs = OpsReport.objects.order_by("-period_start", "kind")
        if self.filters.get("kind"):
            reports_qs = reports_qs.filter(kind=self.filters["kind"])
        return reports_qs

    @extend_schema(request=InputSerializer, responses={200: OpsReportOut, 202: OpsReportOut})
    def post(self, request):
        """Request the report of a week or month: 202 and a build in the worker for a new one
        (or with `regenerate`), 200 with the existing report otherwise."""
        data = validated(self.InputSerializer, request.data)
        report, queued = reports.report_request(
            actor=request.user,
            kind=data["kind"],
            period_start=data.get("period_start"),
            regenerate=data["regenerate"],
        )
        return Response(OpsReportOut(report).data, status=status.HTTP_202_ACCEPTED if queued else status.HTTP_200_OK)


class ReportDetail(MonitoringView):
    @extend_schema(responses=OpsReportOut)
    def get(self, request, pk):
        return Response(OpsReportOut(get_object_or_404(OpsReport, pk=pk)).data)


class ReportCsv(MonitoringView):
    def perform_content_negotiation(self, request, force=False):
        return JSONRenderer(), JSONRenderer.media_type  # the CSV is an HttpResponse; errors are JSON

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV, UTF-8 with BOM"),
            409: error_response("The report is not built yet (`report_not_ready`)"),
        }
    )
    def get(self, request, pk):
        """The report as CSV: one block per section (title row, header row with units, rows,
        a `Total` row), named after the kind and period."""
        report = get_object_or_404(OpsReport, pk=pk)
        body = reports.report_csv(report)
        return attachment(
            ("\ufeff" + body).encode(), name=reports.report_filename(report), content_type="text/csv; charset=utf-8"
        )


class ReportSend(MonitoringView):
    @extend_schema(
        request=None,
        responses={
            202: inline_serializer("ReportSent", {"recipients": serializers.IntegerField()}),
            409: error_response("The report is not built yet (`report_not_ready`)"),
        },
    )
    def post(self, request, pk):
        """E-mail the report now to every active staff member, each in their language."""
        sent = reports.report_email(report=get_object_or_404(OpsReport, pk=pk))
        return Response({"recipients": sent}, status=status.HTTP_202_ACCEPTED)
