import base64
import binascii

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import parsers, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response
from apps.core.errors import DomainError
from apps.projects import permissions

from ... import selectors, services, storage
from ...models import Upload
from ...serializers.versions import UploadOut, VersionOut
from ...services.uploads import MAX_URLS_PER_CALL, UploadNotYours


class PartUrlOut(serializers.Serializer):
    number = serializers.IntegerField()
    url = serializers.URLField()
    size = serializers.IntegerField(help_text="Exact byte size this part must have.")


class StoredPartOut(serializers.Serializer):
    number = serializers.IntegerField()
    size = serializers.IntegerField()
    etag = serializers.CharField()


class UploadSessionOut(UploadOut):
    """An upload with URLs to PUT parts to (`parts`, at most 100; ask `uploads/{id}/parts/` for
    more) and, when resuming, the parts storage already holds (`uploaded_parts`)."""

    parts = PartUrlOut(many=True, read_only=True, source="part_urls")
    uploaded_parts = StoredPartOut(many=True, read_only=True)
    url_expires_in = serializers.SerializerMethodField()

    class Meta(UploadOut.Meta):
        fields = [*UploadOut.Meta.fields, "parts", "uploaded_parts", "url_expires_in"]
        read_only_fields = fields

    def get_url_expires_in(self, upload) -> int:
        return settings.UPLOAD_URL_EXPIRY_SECONDS


def _session(upload: Upload, request, *, urls_for: list[int], uploaded=()) -> dict:
    upload.part_urls = services.upload_part_urls(upload=upload, numbers=urls_for, request=request) if urls_for else []
    upload.uploaded_parts = [{"number": p.number, "size": p.size, "etag": p.etag} for p in uploaded]
    return UploadSessionOut(upload, context={"request": request}).data


def _own_upload(request, upload_id) -> Upload:
    upload = selectors.upload_for_user(user=request.user, upload_id=upload_id)
    permissions.require(request.user, permissions.UPLOAD, upload.asset.project)
    if upload.created_by_id != request.user.pk:
        raise UploadNotYours()
    return upload


@extend_schema_field({"type": "string", "format": "byte", "maxLength": 4 * -(-storage.SNIFF_BYTES // 3)})
class HeadField(serializers.Field):
    """The file's first bytes, sent as standard base64 in JSON."""

    MAX_CHARS = 4 * -(-storage.SNIFF_BYTES // 3)

    def to_internal_value(self, data) -> bytes:
        if not isinstance(data, str) or len(data) > self.MAX_CHARS:
            raise serializers.ValidationError(f"Send at most {storage.SNIFF_BYTES} bytes as base64.")
        try:
            value = base64.b64decode(data, validate=True)
        except binascii.Error as exc:
            raise serializers.ValidationError("Not valid base64.") from exc
        if not value:
            raise serializers.ValidationError("Send at least one byte.")
        return value

    def to_representation(self, value: bytes) -> str:
        return base64.b64encode(value).decode()


class UploadStart(APIView):
    class InputSerializer(StrictSerializer):
        name = serializers.CharField(max_length=255)
        size = serializers.IntegerField(min_value=1, help_text="Total bytes of the file.")
        content_type = serializers.CharField(max_length=100, allow_blank=True)
        head = HeadField(
            help_text=f"Base64 of the file's first {storage.SNIFF_BYTES} bytes (all of it when smaller): "
            "a file that is not a video is refused here, before any part is sent.",
        )

    @extend_schema(
        request=InputSerializer,
        responses={
            201: UploadSessionOut,
            413: error_response("Larger than UPLOAD_MAX_BYTES (`payload_too_large`)"),
            415: error_response(
                "Not an accepted video type (`unsupported_media_type`), or `head` matches no video "
                "container (`not_a_video`)"
            ),
            503: error_response("Storage unavailable (`storage_unavailable`)"),
        },
    )
    def post(self, request, asset_id):
        """Starts a multipart upload for a large file. PUT each slice of the file (bytes
        `(n-1)·part_size` up to `n·part_size`) to its part URL, keep each response's `ETag`
        header, then POST `uploads/{id}/complete/`. The new version waits in `uploading`
        (visible only to you) until then."""
        asset = selectors.asset_for_user(user=request.user, asset_id=asset_id)
        permissions.require(request.user, permissions.UPLOAD, asset.project)
        data = validated(self.InputSerializer, request.data)
        upload = services.upload_start(asset=asset, actor=request.user, **data)
        first = list(range(1, min(upload.part_count, MAX_URLS_PER_CALL) + 1))
        return Response(_session(upload, request, urls_for=first), status=status.HTTP_201_CREATED)


class UploadDetail(APIView):
    @extend_schema(responses=UploadSessionOut)
    def get(self, request, upload_id):
        """To resume (after a reload or a pause): the parts storage holds already, and URLs
        for up to 100 of the missing ones."""
        upload = _own_upload(request, upload_id)
        uploaded = services.upload_parts_listed(upload=upload)
        have = {part.number for part in uploaded}
        missing = [n for n in range(1, upload.part_count + 1) if n not in have][:MAX_URLS_PER_CALL]
        pending = upload.state == Upload.State.PENDING
        return Response(_session(upload, request, urls_for=missing if pending else [], uploaded=uploaded))

    @extend_schema(responses={204: None, 409: error_response("Already completed (`upload_not_pending`)")})
    def delete(self, request, upload_id):
        """Aborts the upload (its creator, or a manager); storage drops the parts."""
        upload = selectors.upload_for_user(user=request.user, upload_id=upload_id)
        if upload.created_by_id != request.user.pk:
            permissions.require(request.user, permissions.MANAGE, upload.asset.project)
        else:
            permissions.require(request.user, permissions.UPLOAD, upload.asset.project)
        services.upload_abort(upload=upload, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UploadPartUrls(APIView):
    class InputSerializer(StrictSerializer):
        numbers = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=storage.MAX_PARTS),
            min_length=1,
            max_length=MAX_URLS_PER_CALL,
        )

    class OutputSerializer(serializers.Serializer):
        parts = PartUrlOut(many=True)
        url_expires_in = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request, upload_id):
        """Fresh presigned URLs for the given part numbers (URLs expire after `url_expires_in` s)."""
        upload = _own_upload(request, upload_id)
        numbers = validated(self.InputSerializer, request.data)["numbers"]
        parts = services.upload_part_urls(upload=upload, numbers=numbers, request=request)
        return Response({"parts": parts, "url_expires_in": settings.UPLOAD_URL_EXPIRY_SECONDS})


class CompletedPartIn(StrictSerializer):
    number = serializers.IntegerField(min_value=1, max_value=storage.MAX_PARTS)
    etag = serializers.CharField(max_length=200, help_text="The ETag header the part's PUT returned.")


class UploadComplete(APIView):
    class InputSerializer(StrictSerializer):
        parts = CompletedPartIn(many=True, min_length=1, max_length=storage.MAX_PARTS)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: VersionOut,
            403: error_response("Someone else's upload (`upload_not_yours`)"),
            409: error_response("Already completed or aborted (`upload_not_pending`)"),
            413: error_response("Parts exceed the declared size (`payload_too_large`)"),
            415: error_response("The assembled file is not a video (`not_a_video`)"),
        },
    )
    def post(self, request, upload_id):
        """Finishes the upload: `parts` lists every part in ascending order with the ETag its
        PUT returned. They are checked against what storage holds (numbers, ETags, sizes
        adding up to exactly the declared size); the version then starts processing."""
        upload = selectors.upload_for_user(user=request.user, upload_id=upload_id)
        permissions.require(request.user, permissions.UPLOAD, upload.asset.project)
        data = validated(self.InputSerializer, request.data)
        version = services.upload_complete(upload=upload, actor=request.user, parts=data["parts"])
        version = selectors.version_for_user(user=request.user, version_id=version.pk)
        return Response(VersionOut(version, context={"request": request}).data)


class SignatureInvalid(DomainError):
    code = "signature_invalid"
    status_code = 403
    message = "The upload URL is invalid or has expired. Ask for a new one."


class RawBodyParser(parsers.BaseParser):
    """Declares that a part is raw bytes of any type; the view streams the body itself."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return None


class UploadPartPut(APIView):
    """Embedded mode only (no S3 bucket): the target of the part URLs. No login: the URL's
    signature (upload, part, expiry) is the permission, as with S3 presigned URLs."""

    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [RawBodyParser]
    # A big file is hundreds of parts a minute; each signed URL only ever rewrites its own part.
    throttle_classes = []

    class OutputSerializer(serializers.Serializer):
        number = serializers.IntegerField()
        size = serializers.IntegerField()
        etag = serializers.CharField()

    @extend_schema(
        request={"application/octet-stream": OpenApiTypes.BINARY},
        parameters=[OpenApiParameter("expires", int, required=True), OpenApiParameter("signature", str, required=True)],
        responses={
            200: OutputSerializer,
            403: error_response("Bad or expired signature (`signature_invalid`)"),
            413: error_response("Part larger than its share of the file (`payload_too_large`)"),
        },
    )
    def put(self, request, upload_id, number):
        if not storage.part_signature_valid(
            upload_id, number, request.query_params.get("expires"), request.query_params.get("signature")
        ):
            raise SignatureInvalid()
        upload = get_object_or_404(Upload, pk=upload_id)
        part = services.upload_part_write(upload=upload, number=number, stream=request._request)
        return Response({"number": part.number, "size": part.size, "etag": part.etag}, headers={"ETag": part.etag})
