import csv
import datetime
import io
from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.ai_planning import feedback_ai, planning, selectors, services
from apps.ai_planning.models import AIJob, Brief
from apps.core.api.base import PagedListView, validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response
from apps.core.downloads import attachment
from apps.core.labels import label
from apps.feedbacks import selectors as feedback_selectors
from apps.projects import permissions
from apps.projects import selectors as project_selectors

from ..serializers import (
    AIJobOut,
    AISettingsOut,
    BriefOut,
    PlanOut,
    PlanRevisionDetailOut,
    PlanRevisionOut,
    PlanSummaryOut,
    UsageOut,
    VersionDigestOut,
)


class BriefIn(StrictSerializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    video_type = serializers.CharField(max_length=100)
    target_duration_seconds = serializers.IntegerField(
        min_value=5, max_value=3 * 3600, help_text="Length of the finished video, 5 s to 3 h."
    )
    audience = serializers.CharField(max_length=300, required=False, allow_blank=True)
    tone = serializers.CharField(max_length=200, required=False, allow_blank=True)
    platform = serializers.CharField(max_length=100, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=Brief.Language.choices, required=False)


class BriefListCreate(PagedListView):
    serializer_class = BriefOut

    def get_queryset(self):
        project = project_selectors.project_for_user(user=self.request.user, project_id=self.kwargs["project_id"])
        return selectors.briefs_of(project=project)

    @extend_schema(request=BriefIn, responses={201: BriefOut})
    def post(self, request, project_id):
        project = project_selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.UPLOAD, project)
        brief = services.brief_create(project=project, actor=request.user, **validated(BriefIn, request.data))
        return Response(BriefOut(brief).data, status=status.HTTP_201_CREATED)


class BriefDetail(APIView):
    @extend_schema(responses=BriefOut)
    def get(self, request, brief_id):
        return Response(BriefOut(selectors.brief_for_user(user=request.user, brief_id=brief_id)).data)

    @extend_schema(request=BriefIn(partial=True), responses=BriefOut)
    def patch(self, request, brief_id):
        brief = selectors.brief_for_user(user=request.user, brief_id=brief_id)
        permissions.require(request.user, permissions.UPLOAD, brief.project)
        data = validated(BriefIn, request.data, partial=True)
        return Response(BriefOut(services.brief_update(brief=brief, actor=request.user, data=data)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, brief_id):
        brief = selectors.brief_for_user(user=request.user, brief_id=brief_id)
        permissions.require(request.user, permissions.UPLOAD, brief.project)
        services.brief_delete(brief=brief, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BriefPlans(PagedListView):
    serializer_class = PlanSummaryOut

    def get_queryset(self):
        brief = selectors.brief_for_user(user=self.request.user, brief_id=self.kwargs["brief_id"])
        return selectors.plans_of(brief=brief)

    @extend_schema(request=None, responses={202: AIJobOut})
    def post(self, request, brief_id):
        """Generate a plan from the brief. The job runs at once, or waits for approval when
        it is costly; follow it with `plan.progress` events on the project's stream."""
        brief = selectors.brief_for_user(user=request.user, brief_id=brief_id)
        permissions.require(request.user, permissions.UPLOAD, brief.project)
        job = services.plan_request(brief=brief, actor=request.user)
        return Response(AIJobOut(job).data, status=status.HTTP_202_ACCEPTED)


class PlanDetail(APIView):
    class InputSerializer(StrictSerializer):
        result = serializers.JSONField(help_text="The whole plan as GET returns it in `result`.")
        base_revision = serializers.IntegerField(
            min_value=0, required=False, help_text="The revision the edit started from (409 if it changed)."
        )

        def validate_result(self, value):
            if not isinstance(value, dict):
                raise serializers.ValidationError("Expected a JSON object.")
            problems = planning.plan_errors(value)
            if problems:
                raise serializers.ValidationError(problems)
            return value

    @extend_schema(responses=PlanOut)
    def get(self, request, plan_id):
        return Response(PlanOut(selectors.plan_for_user(user=request.user, plan_id=plan_id)).data)

    @extend_schema(request=InputSerializer, responses=PlanOut)
    def patch(self, request, plan_id):
        """A manual edit, stored as a new revision."""
        plan = selectors.plan_for_user(user=request.user, plan_id=plan_id)
        permissions.require(request.user, permissions.UPLOAD, plan.project)
        data = validated(self.InputSerializer, request.data)
        plan = services.plan_edit(
            plan=plan, actor=request.user, result=data["result"], base_revision=data.get("base_revision")
        )
        return Response(PlanOut(plan).data)


class PlanRegenerate(APIView):
    class InputSerializer(StrictSerializer):
        section = serializers.ChoiceField(choices=planning.SECTIONS)

    @extend_schema(request=InputSerializer, responses={202: AIJobOut})
    def post(self, request, plan_id):
        """Regenerate one section, keeping the rest."""
        plan = selectors.plan_for_user(user=request.user, plan_id=plan_id)
        permissions.require(request.user, permissions.UPLOAD, plan.project)
        data = validated(self.InputSerializer, request.data)
        job = services.plan_regenerate(plan=plan, actor=request.user, section=data["section"])
        return Response(AIJobOut(job).data, status=status.HTTP_202_ACCEPTED)


SHOT_COLUMNS = [
    "number",
    "scene",
    "shot_size",
    "camera_movement",
    "description",
    "audio",
    "duration_seconds",
    "location",
    "props",
]


class PlanExport(APIView):
    class FilterSerializer(serializers.Serializer):
        format = serializers.ChoiceField(choices=["csv"])

    def perform_content_negotiation(self, request, force=False):
        # `?format=csv` names the export, not a DRF renderer; errors still render as JSON.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    @extend_schema(
        parameters=[FilterSerializer],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="The shot list (UTF-8 BOM).")},
    )
    def get(self, request, plan_id):
        plan = selectors.plan_for_user(user=request.user, plan_id=plan_id)
        validated(self.FilterSerializer, request.query_params)
        if not plan.result:
            raise services.PlanNotReady()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(SHOT_COLUMNS)
        for shot in plan.result.get("shots", []):
            writer.writerow(
                [
                    "; ".join(shot.get(column) or []) if column == "props" else _cell(shot.get(column, ""))
                    for column in SHOT_COLUMNS
                ]
            )
        return attachment(
            ("\ufeff" + buffer.getvalue()).encode(),
            name=f"{plan.brief.title} {label('shot list', '샷 리스트')} r{plan.revision}.csv",
            content_type="text/csv; charset=utf-8",
        )


def _cell(value) -> str:
    """Spreadsheet formula injection: a text cell never starts with = + - @."""
    text = str(value)
    return "'" + text if isinstance(value, str) and text[:1] in ("=", "+", "-", "@") else text


class PlanRevisionList(PagedListView):
    serializer_class = PlanRevisionOut

    def get_queryset(self):
        plan = selectors.plan_for_user(user=self.request.user, plan_id=self.kwargs["plan_id"])
        return selectors.revisions_of(plan=plan)


class PlanRevisionDetail(APIView):
    @extend_schema(responses=PlanRevisionDetailOut)
    def get(self, request, plan_id, number):
        plan = selectors.plan_for_user(user=request.user, plan_id=plan_id)
        return Response(PlanRevisionDetailOut(selectors.revision_of(plan=plan, number=number)).data)


class PlanRevisionRestore(APIView):
    @extend_schema(request=None, responses=PlanOut)
    def post(self, request, plan_id, number):
        """Make an earlier revision the current one (as a new revision)."""
        plan = selectors.plan_for_user(user=request.user, plan_id=plan_id)
        permissions.require(request.user, permissions.UPLOAD, plan.project)
        revision = selectors.revision_of(plan=plan, number=number)
        return Response(PlanOut(services.plan_restore(plan=plan, actor=request.user, revision=revision)).data)


class AISettingsDetail(APIView):
    class InputSerializer(StrictSerializer):
        monthly_budget_usd = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("1000000")
        )
        approval_threshold_usd = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=Decimal("0"), max_value=Decimal("1000000")
        )
        model = serializers.CharField(max_length=100, allow_blank=True)

    @extend_schema(responses=AISettingsOut)
    def get(self, request, project_id):
        project = project_selectors.project_for_user(user=request.user, project_id=project_id)
        return Response(AISettingsOut(services.ai_settings_for(project)).data)

    @extend_schema(request=InputSerializer(partial=True), responses=AISettingsOut)
    def patch(self, request, project_id):
        project = project_selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        data = validated(self.InputSerializer, request.data, partial=True)
        return Response(AISettingsOut(services.ai_settings_update(project=project, actor=request.user, data=data)).data)


class AIUsageDetail(APIView):
    class FilterSerializer(serializers.Serializer):
        month = serializers.RegexField(r"^\d{4}-(0[1-9]|1[0-2])$", required=False, help_text="YYYY-MM")

    @extend_schema(parameters=[FilterSerializer], responses=UsageOut)
    def get(self, request, project_id):
        project = project_selectors.project_for_user(user=request.user, project_id=project_id)
        filters = validated(self.FilterSerializer, request.query_params)
        month = None
        if filters.get("month"):
            year, number = map(int, filters["month"].split("-"))
            month = datetime.date(year, number, 1)
        return Response(UsageOut(selectors.usage_summary(project=project, month=month)).data)


class AIJobList(PagedListView):
    serializer_class = AIJobOut

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=AIJob.Status.choices, required=False)
        kind = serializers.ChoiceField(choices=AIJob.Kind.choices, required=False)

    def get_queryset(self):
        project = project_selectors.project_for_user(user=self.request.user, project_id=self.kwargs["project_id"])
        filters = self.filters
        return selectors.jobs_of(project=project, status=filters.get("status"), kind=filters.get("kind"))


class AIJobDetail(APIView):
    @extend_schema(responses=AIJobOut)
    def get(self, request, job_id):
        return Response(AIJobOut(selectors.job_for_user(user=request.user, job_id=job_id)).data)


class AIJobApprove(APIView):
    @extend_schema(request=None, responses=AIJobOut)
    def post(self, request, job_id):
        job = selectors.job_for_user(user=request.user, job_id=job_id)
        permissions.require(request.user, permissions.MANAGE, job.project)
        return Response(AIJobOut(services.job_approve(job=job, actor=request.user)).data)


class AIJobReject(APIView):
    class InputSerializer(StrictSerializer):
        reason = serializers.CharField(max_length=500, required=False, allow_blank=True)

    @extend_schema(request=InputSerializer, responses=AIJobOut)
    def post(self, request, job_id):
        job = selectors.job_for_user(user=request.user, job_id=job_id)
        permissions.require(request.user, permissions.MANAGE, job.project)
        data = validated(self.InputSerializer, request.data or {})
        return Response(AIJobOut(services.job_reject(job=job, actor=request.user, reason=data.get("reason", ""))).data)


class AIJobRetry(APIView):
    @extend_schema(request=None, responses={202: AIJobOut})
    def post(self, request, job_id):
        job = selectors.job_for_user(user=request.user, job_id=job_id)
        permissions.require(request.user, permissions.UPLOAD, job.project)
        job = services.job_retry(job=job, actor=request.user)
        return Response(AIJobOut(job).data, status=status.HTTP_202_ACCEPTED)


class VersionDigestLatestOut(serializers.Serializer):
    """`digest` is null until someone asks for one: an empty state, not an error."""

    digest = VersionDigestOut(allow_null=True)


class VersionDigestView(APIView):
    @extend_schema(responses={200: VersionDigestLatestOut})
    def get(self, request, version_id):
        """The latest digest of the version's feedback (any member), or `{"digest": null}`
        when none has been asked for yet. Points citing internal notes are left out for a
        reader who may not see them."""
        version = feedback_selectors.version_for_user(user=request.user, version_id=version_id)
        digest = selectors.latest_digest(version=version)
        if digest is not None:
            include_internal = permissions.can(request.user, permissions.VIEW_INTERNAL, version.asset.project)
            digest.result = feedback_ai.digest_result_for_reader(digest.result, include_internal=include_internal)
        return Response({"digest": VersionDigestOut(digest).data if digest is not None else None})

    @extend_schema(
        request=None,
        responses={
            202: VersionDigestOut,
            402: error_response("Over the monthly AI budget (`budget_exceeded`)"),
            409: error_response("No feedback to summarise (`no_feedback`)"),
            503: error_response("AI is not configured (`ai_not_configured`)"),
        },
    )
    def post(self, request, version_id):
        """Ask for a digest of the version's feedback (reviewers and above). The job runs at once
        or waits for approval; follow `digest.progress` / `digest.succeeded` / `digest.failed`
        on the version's stream. While one is open, it is returned instead of a new one."""
        version = feedback_selectors.version_for_user(user=request.user, version_id=version_id)
        permissions.require(request.user, permissions.RESOLVE, version.asset.project)
        digest = feedback_ai.digest_request(version=version, actor=request.user)
        return Response(VersionDigestOut(digest).data, status=status.HTTP_202_ACCEPTED)
