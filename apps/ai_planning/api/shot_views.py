"""Plan ↔ cut: link an asset to its plan, read and adjust a version's shot map, and the
plan's comments per shot (services.shots)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.ai_planning import selectors, services
from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response
from apps.feedbacks import selectors as feedback_selectors
from apps.projects import permissions

from ..serializers import PlanLinkOut, ShotFeedbackOut, ShotMapOut
from ..shot_layout import MAX_RANGES


class AssetPlanLinkView(APIView):
    class InputSerializer(StrictSerializer):
        plan_id = serializers.UUIDField()

    @extend_schema(request=InputSerializer, responses={200: PlanLinkOut})
    def put(self, request, asset_id):
        """Link the asset to a plan of its project (editors and above); its versions get the
        plan's shots as a map. Another project's plan, or none, is a 400 on `plan_id`."""
        asset = feedback_selectors.asset_for_user(user=request.user, asset_id=asset_id)
        permissions.require(request.user, permissions.UPLOAD, asset.project)
        data = validated(self.InputSerializer, request.data)
        link = services.asset_plan_link(asset=asset, plan_id=data["plan_id"], actor=request.user)
        return Response(
            PlanLinkOut({"asset_id": asset.pk, "plan_id": link.plan_id, "plan_title": link.plan.brief.title}).data
        )

    @extend_schema(responses={204: None})
    def delete(self, request, asset_id):
        """Unlink the asset from its plan (editors and above); saved shot maps are kept for
        when it is linked to that plan again."""
        asset = feedback_selectors.asset_for_user(user=request.user, asset_id=asset_id)
        permissions.require(request.user, permissions.UPLOAD, asset.project)
        services.asset_plan_unlink(asset=asset, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ShotRangeIn(StrictSerializer):
    shot_id = serializers.UUIDField()
    start_frame = serializers.IntegerField(min_value=0, max_value=100_000_000)
    end_frame = serializers.IntegerField(min_value=1, max_value=100_000_000)


class VersionShotMapView(APIView):
    class InputSerializer(StrictSerializer):
        shots = ShotRangeIn(many=True, max_length=MAX_RANGES)

    @extend_schema(responses={200: ShotMapOut})
    def get(self, request, version_id):
        """The version's shot map (any member): saved for it, carried from the previous
        version, or the linked plan's shots laid end to end by duration."""
        version = feedback_selectors.version_ref_for_user(user=request.user, version_id=version_id)
        return Response(ShotMapOut(services.version_shot_map(version=version).as_data()).data)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: ShotMapOut,
            400: error_response("Invalid ranges (`validation_error`, `details.shots[i]` per range)"),
            409: error_response("Not linked to a plan (`asset_not_linked`) or not ready (`version_not_ready`)"),
        },
    )
    def put(self, request, version_id):
        """Save the version's whole shot map (editors and above): ranges of the linked plan's
        shots, end exclusive, in timeline order, inside the video, without overlap. Sends
        `shot_map.updated` on the version's stream."""
        version = feedback_selectors.version_ref_for_user(user=request.user, version_id=version_id)
        permissions.require(request.user, permissions.UPLOAD, version.asset.project)
        data = validated(self.InputSerializer, request.data)
        shot_map = services.version_shot_map_save(version=version, ranges=data["shots"], actor=request.user)
        return Response(ShotMapOut(shot_map.as_data()).data)


class PlanShotFeedbackView(APIView):
    @extend_schema(responses={200: ShotFeedbackOut(many=True)})
    def get(self, request, plan_id):
        """Per shot of the plan, for the latest version of each asset linked to it: open and
        resolved comments inside the shot's range (as the caller may see them) and where the
        shot starts. Follow `plan.shot_feedback.changed` on the project stream to refetch."""
        plan = selectors.plan_for_user(user=request.user, plan_id=plan_id)
        include_internal = permissions.can(request.user, permissions.VIEW_INTERNAL, plan.project)
        rows = selectors.plan_shot_feedback(plan=plan, include_internal=include_internal)
        return Response(ShotFeedbackOut(rows, many=True).data)
