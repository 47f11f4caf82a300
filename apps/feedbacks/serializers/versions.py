"""Output serializers of assets, versions, uploads and share links: what the API renders
and what the realtime events carry."""

from django.conf import settings
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.users.serializers import UserBriefOut

from .. import shots
from ..models import Asset, Feedback, ReviewDecision, ShareLink, Upload, Version
from ..storage import default_storage


def file_url(name: str, context: dict) -> str | None:
    """A URL the browser can fetch until it expires (MEDIA_URL_EXPIRY_SECONDS): presigned on
    S3, a signed `/media/…?expires=…&signature=…` locally (absolute when a request is at
    hand). Only views that already checked who may read the version call this."""
    if not name:
        return None
    url = default_storage().url(name)
    request = context.get("request")
    if url.startswith("/") and request is not None:
        url = request.build_absolute_uri(url)
    return url


class DecisionOut(serializers.ModelSerializer):
    reviewer = UserBriefOut(read_only=True)
    decided_at = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = ReviewDecision
        fields = ["reviewer", "decision", "comment", "decided_at"]
        read_only_fields = fields


class VersionOut(serializers.ModelSerializer):
    asset_id = serializers.UUIDField(read_only=True)
    project_id = serializers.UUIDField(source="asset.project_id", read_only=True)
    file_url = serializers.SerializerMethodField()
    poster_url = serializers.SerializerMethodField()
    required_reviewers = UserBriefOut(many=True, read_only=True)
    decisions = DecisionOut(many=True, read_only=True)
    uploaded_by = UserBriefOut(read_only=True, allow_null=True)
    open_feedback_count = serializers.SerializerMethodField()

    class Meta:
        model = Version
        fields = [
            "id",
            "asset_id",
            "project_id",
            "number",
            "label",
            "status",
            "failure_code",
            "failure_reason",
            "original_name",
            "size",
            "content_type",
            "checksum",
            "duration",
            "fps",
            "frame_count",
            "width",
            "height",
            "file_url",
            "poster_url",
            "review_status",
            "required_reviewers",
            "decisions",
            "open_feedback_count",
            "uploaded_by",
            "processed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_file_url(self, version) -> str | None:
        if version.status not in (Version.Status.PROCESSING, Version.Status.READY):
            return None
        return file_url(version.file.name, self.context)

    def get_poster_url(self, version) -> str | None:
        return file_url(version.poster.name, self.context)

    def get_open_feedback_count(self, version) -> int:
        """Unresolved top-level feedback shown on this version (its own and carried over), as
        the reader sees it (the selectors annotate it per reader). Without that annotation —
        event payloads, which every member's socket receives — internal notes are not counted."""
        count = getattr(version, "open_feedback_count", None)
        if count is not None:
            return count
        return (
            Feedback.objects.filter(
                parent__isnull=True, resolved_at__isnull=True, deleted_at__isnull=True, internal=False
            )
            .filter(Q(version=version) | Q(carried_to__version=version))
            .distinct()
            .count()
        )


class VersionSummaryOut(serializers.ModelSerializer):
    poster_url = serializers.SerializerMethodField()

    class Meta:
        model = Version
        fields = ["id", "number", "label", "status", "review_status", "duration", "poster_url", "created_at"]
        read_only_fields = fields

    def get_poster_url(self, version) -> str | None:
        return file_url(version.poster.name, self.context)


class AssetOut(serializers.ModelSerializer):
    project_id = serializers.UUIDField(read_only=True)
    created_by = UserBriefOut(read_only=True, allow_null=True)
    version_count = serializers.SerializerMethodField()
    latest_version = serializers.SerializerMethodField()
    plan_id = serializers.SerializerMethodField()
    plan_title = serializers.SerializerMethodField()

    class Meta:
        model = Asset
        fields = [
            "id",
            "project_id",
            "title",
            "description",
            "order",
            "created_by",
            "version_count",
            "latest_version",
            "plan_id",
            "plan_title",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _arrived(self, asset) -> list[Version]:
        # Prefetched by the selectors as `arrived_versions` (newest first); a fresh query otherwise.
        versions = getattr(asset, "arrived_versions", None)
        if versions is None:
            versions = list(asset.versions.exclude(status=Version.Status.UPLOADING).order_by("-number"))
        return versions

    def _plan(self, asset) -> shots.AssetPlan | None:
        """The linked plan, looked up once for the whole list being rendered."""
        cache = self.context.setdefault("asset_plans", {})
        key = str(asset.pk)
        if key not in cache:
            listed = isinstance(self.parent, serializers.ListSerializer) and self.parent.instance is not None
            assets = list(self.parent.instance) if listed else [asset]
            found = shots.plans_of_assets(item.pk for item in assets)
            cache.update({str(item.pk): found.get(str(item.pk)) for item in assets})
        return cache.get(key)

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_plan_id(self, asset) -> str | None:
        """The plan the asset is linked to (its shots are mapped on the versions), or null."""
        plan = self._plan(asset)
        return plan.plan_id if plan else None

    def get_plan_title(self, asset) -> str | None:
        plan = self._plan(asset)
        return plan.plan_title if plan else None

    def get_version_count(self, asset) -> int:
        return len(self._arrived(asset))

    def get_latest_version(self, asset) -> VersionSummaryOut(allow_null=True):
        versions = self._arrived(asset)
        return VersionSummaryOut(versions[0], context=self.context).data if versions else None


class UploadOut(serializers.ModelSerializer):
    asset_id = serializers.UUIDField(read_only=True)
    version = VersionOut(read_only=True, allow_null=True)

    class Meta:
        model = Upload
        fields = [
            "id",
            "asset_id",
            "version",
            "state",
            "backend",
            "original_name",
            "content_type",
            "size",
            "part_size",
            "part_count",
            "created_at",
            "completed_at",
            "aborted_at",
        ]
        read_only_fields = fields


class ShareLinkOut(serializers.ModelSerializer):
    version_id = serializers.UUIDField(read_only=True)
    url = serializers.SerializerMethodField()
    created_by = UserBriefOut(read_only=True, allow_null=True)

    class Meta:
        model = ShareLink
        fields = [
            "id",
            "version_id",
            "token",
            "url",
            "label",
            "permission",
            "has_password",
            "state",
            "expires_at",
            "revoked_at",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields

    def get_url(self, link) -> str:
        return f"{settings.FRONTEND_URL}/share/{link.token}"
