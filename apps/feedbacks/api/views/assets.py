from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.parsers import MultiPartParser
from apps.core.api.schema import error_response
from apps.core.pagination import PagePagination
from apps.projects import permissions
from apps.projects import selectors as project_selectors

from ... import selectors, services
from ...models import Version
from ...serializers.versions import AssetOut, VersionOut
from ...services.versions import FileTooLarge


class AssetIn(StrictSerializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)


class AssetListCreate(ListAPIView):
    """The deliverables of a project, in their order, each with its latest version."""

    serializer_class = AssetOut
    pagination_class = PagePagination
    filter_backends = []

    def get_queryset(self):
        project = project_selectors.project_for_user(user=self.request.user, project_id=self.kwargs["project_id"])
        return selectors.assets_of(project=project)

    @extend_schema(request=AssetIn, responses={201: AssetOut})
    def post(self, request, project_id):
        project = project_selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.UPLOAD, project)
        asset = services.asset_create(project=project, actor=request.user, **validated(AssetIn, request.data))
        asset = selectors.asset_for_user(user=request.user, asset_id=asset.pk)
        return Response(AssetOut(asset, context={"request": request}).data, status=status.HTTP_201_CREATED)


class AssetDetail(APIView):
    @extend_schema(responses=AssetOut)
    def get(self, request, asset_id):
        asset = selectors.asset_for_user(user=request.user, asset_id=asset_id)
        return Response(AssetOut(asset, context={"request": request}).data)

    @extend_schema(request=AssetIn(partial=True), responses=AssetOut)
    def patch(self, request, asset_id):
        asset = selectors.asset_for_user(user=request.user, asset_id=asset_id)
        permissions.require(request.user, permissions.UPLOAD, asset.project)
        services.asset_update(asset=asset, actor=request.user, data=validated(AssetIn, request.data, partial=True))
        asset = selectors.asset_for_user(user=request.user, asset_id=asset_id)
        return Response(AssetOut(asset, context={"request": request}).data)

    @extend_schema(responses={204: None})
    def delete(self, request, asset_id):
        """Deletes the asset with every version and comment (managers and owners)."""
        asset = selectors.asset_for_user(user=request.user, asset_id=asset_id)
        permissions.require(request.user, permissions.MANAGE, asset.project)
        services.asset_delete(asset=asset, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CappedUploadHandler(TemporaryFileUploadHandler):
    """Stops reading a multipart body as soon as the file passes the small-upload limit."""

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_SMALL_MAX_BYTES:
            raise FileTooLarge(
                settings.UPLOAD_SMALL_MAX_BYTES, hint=" Use a multipart upload (uploads/) for large files."
            )
        return super().receive_data_chunk(raw_data, start)


class VersionListCreate(ListAPIView):
    serializer_class = VersionOut
    pagination_class = PagePagination
    filter_backends = []
    parser_classes = [MultiPartParser]

    class InputSerializer(StrictSerializer):
        file = serializers.FileField(allow_empty_file=False, max_length=255)
        label = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def get_queryset(self):
        asset = selectors.asset_for_user(user=self.request.user, asset_id=self.kwargs["asset_id"])
        return selectors.versions_of(asset=asset, user=self.request.user)

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={
            201: VersionOut,
            413: error_response("File over UPLOAD_SMALL_MAX_BYTES (`payload_too_large`): use uploads/"),
            415: error_response("Not an accepted video type (`unsupported_media_type`) or not a video (`not_a_video`)"),
        },
    )
    def post(self, request, asset_id):
        """Small files (up to UPLOAD_SMALL_MAX_BYTES, default 100 MB) as multipart field `file`.
        The version starts `processing`; `version.ready` / `version.failed` follow."""
        asset = selectors.asset_for_user(user=request.user, asset_id=asset_id)
        permissions.require(request.user, permissions.UPLOAD, asset.project)
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > settings.UPLOAD_SMALL_MAX_BYTES + 1024 * 1024:
            raise FileTooLarge(
                settings.UPLOAD_SMALL_MAX_BYTES, hint=" Use a multipart upload (uploads/) for large files."
            )
        request._request.upload_handlers = [CappedUploadHandler(request._request)]
        data = validated(self.InputSerializer, request.data)
        version = services.version_create_from_file(asset=asset, actor=request.user, **data)
        version = selectors.version_for_user(user=request.user, version_id=version.pk)
        return Response(VersionOut(version, context={"request": request}).data, status=status.HTTP_201_CREATED)


class VersionDetail(APIView):
    class InputSerializer(StrictSerializer):
        label = serializers.CharField(max_length=200, required=False, allow_blank=True)
        required_reviewer_ids = serializers.ListField(child=serializers.UUIDField(), max_length=50, required=False)
        review_status = serializers.ChoiceField(choices=Version.ReviewStatus.choices, required=False)
        review_comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)

        def validate(self, data):
            if not data:
                raise serializers.ValidationError({"non_field_errors": ["Send at least one field."]})
            if "review_comment" in data and "review_status" not in data:
                raise serializers.ValidationError({"review_comment": ["Only together with review_status."]})
            return data

    @extend_schema(responses=VersionOut)
    def get(self, request, version_id):
        version = selectors.version_for_user(user=request.user, version_id=version_id)
        return Response(VersionOut(version, context={"request": request}).data)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: VersionOut,
            409: error_response("Review decision on a version not ready (`version_not_ready`)"),
        },
    )
    def patch(self, request, version_id):
        """`label` and `required_reviewer_ids` (editors and above); `review_status` records
        YOUR decision — `approved`, `changes_requested`, or `in_review` to withdraw it —
        (reviewers and above). The version's `review_status` then follows the rule:
        any changes requested → changes_requested; all required reviewers approved →
        approved (required: the version's list, else the project's reviewer-role members,
        else any one approval); otherwise in_review."""
        version = selectors.version_for_user(user=request.user, version_id=version_id)
        data = validated(self.InputSerializer, request.data)
        if {"label", "required_reviewer_ids"} & set(data):
            permissions.require(request.user, permissions.UPLOAD, version.asset.project)
        if "review_status" in data:
            permissions.require(request.user, permissions.RESOLVE, version.asset.project)
        services.version_change(version=version, actor=request.user, data=data)
        version = selectors.version_for_user(user=request.user, version_id=version_id)
        return Response(VersionOut(version, context={"request": request}).data)
