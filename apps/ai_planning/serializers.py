"""Output serializers shared by views and event payloads."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.ai_planning import planning
from apps.ai_planning.models import AIJob, AISettings, Brief, Plan, PlanRevision, VersionDigest
from apps.feedbacks.models import TRIAGE_CATEGORIES
from apps.users.serializers import UserBriefOut


class BriefOut(serializers.ModelSerializer):
    project = serializers.UUIDField(source="project_id", read_only=True)
    created_by = UserBriefOut(read_only=True, allow_null=True)

    class Meta:
        model = Brief
        fields = [
            "id",
            "project",
            "title",
            "description",
            "video_type",
            "target_duration_seconds",
            "audience",
            "tone",
            "platform",
            "language",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PlanSummaryOut(serializers.ModelSerializer):
    """A plan without its (large) result: lists and progress."""

    brief = serializers.UUIDField(source="brief_id", read_only=True)
    project = serializers.UUIDField(source="project_id", read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "brief",
            "project",
            "status",
            "model",
            "revision",
            "progress_step",
            "progress_percent",
            "busy",
            "error",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PlanOut(PlanSummaryOut):
    result = serializers.SerializerMethodField()

    class Meta(PlanSummaryOut.Meta):
        fields = [*PlanSummaryOut.Meta.fields, "result"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_result(self, plan) -> dict:
        return plan.result


class PlanRevisionOut(serializers.ModelSerializer):
    job = serializers.UUIDField(source="job_id", read_only=True, allow_null=True)
    author = UserBriefOut(read_only=True, allow_null=True)

    class Meta:
        model = PlanRevision
        fields = ["id", "number", "source", "section", "author", "job", "created_at"]
        read_only_fields = fields


class PlanRevisionDetailOut(PlanRevisionOut):
    result = serializers.JSONField(read_only=True)

    class Meta(PlanRevisionOut.Meta):
        fields = [*PlanRevisionOut.Meta.fields, "result"]
        read_only_fields = fields


class RiskFactorOut(serializers.Serializer):
    """Why a job needs approval, as data a UI can put in its own words."""

    code = serializers.ChoiceField(choices=["over_threshold", "near_budget"])
    estimated_usd = serializers.CharField(required=False, help_text="over_threshold: the job's estimate.")
    threshold_usd = serializers.CharField(required=False, help_text="over_threshold: the project's threshold.")
    budget_share_percent = serializers.IntegerField(required=False, help_text="near_budget: the warning share.")


class AIJobOut(serializers.ModelSerializer):
    project = serializers.UUIDField(source="project_id", read_only=True)
    plan = serializers.UUIDField(source="plan_id", read_only=True, allow_null=True)
    created_by = UserBriefOut(read_only=True, allow_null=True)
    approved_by = UserBriefOut(read_only=True, allow_null=True)
    rejected_by = UserBriefOut(read_only=True, allow_null=True)
    risk_reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    risk_factors = RiskFactorOut(many=True, read_only=True)
    params = serializers.DictField(read_only=True)

    class Meta:
        model = AIJob
        fields = [
            "id",
            "project",
            "kind",
            "status",
            "priority",
            "risk",
            "risk_reasons",
            "risk_factors",
            "model",
            "plan",
            "params",
            "estimated_tokens",
            "estimated_cost_usd",
            "tokens",
            "cost_usd",
            "attempts",
            "max_attempts",
            "created_by",
            "approved_by",
            "approved_at",
            "rejected_by",
            "rejected_at",
            "error_code",
            "error",
            "started_at",
            "finished_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AISettingsOut(serializers.ModelSerializer):
    effective_model = serializers.SerializerMethodField()
    ai_configured = serializers.SerializerMethodField()
    image_search_provider = serializers.SerializerMethodField()

    class Meta:
        model = AISettings
        fields = [
            "monthly_budget_usd",
            "approval_threshold_usd",
            "model",
            "effective_model",
            "ai_configured",
            "image_search_provider",
            "updated_at",
        ]
        read_only_fields = fields

    def get_effective_model(self, obj) -> str:
        return obj.effective_model()

    def get_ai_configured(self, obj) -> bool:
        from apps.ai_planning.ai_client import is_configured

        return is_configured()

    def get_image_search_provider(self, obj) -> str | None:
        from apps.ai_planning.image_search import provider

        found = provider()
        return found.name if found else None


class UsageDayOut(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.CharField()
    calls = serializers.IntegerField()
    cache_hits = serializers.IntegerField()
    tokens = serializers.IntegerField()
    cost_usd = serializers.DecimalField(max_digits=12, decimal_places=6)


class UsageKindOut(serializers.Serializer):
    kind = serializers.CharField()
    calls = serializers.IntegerField()
    cache_hits = serializers.IntegerField()
    tokens = serializers.IntegerField()
    cost_usd = serializers.DecimalField(max_digits=12, decimal_places=6)


class UsageOut(serializers.Serializer):
    month = serializers.CharField()
    budget_usd = serializers.DecimalField(max_digits=12, decimal_places=6)
    month_to_date_usd = serializers.DecimalField(max_digits=12, decimal_places=6)
    budget_used_percent = serializers.FloatField()
    forecast_usd = serializers.DecimalField(max_digits=12, decimal_places=6)
    forecast_over_budget = serializers.BooleanField()
    calls = serializers.IntegerField()
    cache_hits = serializers.IntegerField()
    cache_hit_rate = serializers.FloatField()
    tokens = serializers.IntegerField()
    daily = UsageDayOut(many=True)
    by_kind = UsageKindOut(many=True)
    ai_configured = serializers.BooleanField()


class DigestPointOut(serializers.Serializer):
    text = serializers.CharField()
    feedback_ids = serializers.ListField(child=serializers.UUIDField())


class DigestGroupOut(serializers.Serializer):
    category = serializers.ChoiceField(choices=TRIAGE_CATEGORIES)
    points = DigestPointOut(many=True)


class DigestShotPointOut(DigestPointOut):
    category = serializers.ChoiceField(choices=TRIAGE_CATEGORIES)


class DigestShotGroupOut(serializers.Serializer):
    """The points about one shot of the linked plan (`shot_id` null: outside every shot)."""

    shot_id = serializers.UUIDField(allow_null=True)
    number = serializers.IntegerField(allow_null=True)
    points = DigestShotPointOut(many=True)


class DigestResultOut(serializers.Serializer):
    overview = serializers.CharField()
    groups = DigestGroupOut(many=True)
    shots = DigestShotGroupOut(
        many=True,
        required=False,
        help_text="The same points by shot when the cut has a shot map (empty without one; absent in older digests).",
    )


class VersionDigestOut(serializers.ModelSerializer):
    """`status` is the job's; `result` is null until it has succeeded."""

    project = serializers.UUIDField(source="project_id", read_only=True)
    version = serializers.UUIDField(source="version_id", read_only=True)
    status = serializers.CharField(source="job.status", read_only=True)
    job = AIJobOut(read_only=True)
    requested_by = UserBriefOut(read_only=True, allow_null=True)
    result = serializers.SerializerMethodField()
    dropped_ids_count = serializers.SerializerMethodField()

    class Meta:
        model = VersionDigest
        fields = [
            "id",
            "project",
            "version",
            "status",
            "job",
            "requested_by",
            "language",
            "result",
            "feedback_count",
            "dropped_ids_count",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_result(self, digest) -> DigestResultOut(allow_null=True):
        return digest.result or None

    def get_dropped_ids_count(self, digest) -> int:
        return len(digest.dropped_ids)


# --- plan ↔ cut (services.shots) ----------------------------------------------------------


# Where a version's shot map comes from (services.shots).
SHOT_MAP_SOURCES = ("plan", "carried", "edited", "none")


class MappedShotOut(serializers.Serializer):
    shot_id = serializers.UUIDField()
    number = serializers.IntegerField()
    size = serializers.ChoiceField(choices=planning.SHOT_SIZES)
    description = serializers.CharField()
    start_frame = serializers.IntegerField()
    end_frame = serializers.IntegerField(help_text="Exclusive: the first frame after the shot.")


class ShotMapOut(serializers.Serializer):
    """A version's shot map: `source` says where it comes from — `edited` (saved for this
    version), `carried` (the previous version's, fitted to this cut), `plan` (the plan's shots
    laid end to end by duration), `none` (not linked, or the version is not probed yet)."""

    version_id = serializers.UUIDField()
    plan_id = serializers.UUIDField(allow_null=True)
    fps = serializers.FloatField(allow_null=True)
    duration_frames = serializers.IntegerField(allow_null=True)
    source = serializers.ChoiceField(choices=SHOT_MAP_SOURCES)
    shots = MappedShotOut(many=True)


class PlanLinkOut(serializers.Serializer):
    asset_id = serializers.UUIDField()
    plan_id = serializers.UUIDField()
    plan_title = serializers.CharField()


class ShotFeedbackOut(serializers.Serializer):
    """A shot of the plan on the latest version of one linked asset: its comments (open and
    resolved, as the reader may see them) and where it starts, to open the review room there
    (`/assets/{asset_id}?version={version_id}&frame={start_frame}`)."""

    shot_id = serializers.UUIDField()
    number = serializers.IntegerField()
    open = serializers.IntegerField()
    resolved = serializers.IntegerField()
    asset_id = serializers.UUIDField()
    asset_title = serializers.CharField()
    version_id = serializers.UUIDField(allow_null=True)
    version_number = serializers.IntegerField(allow_null=True)
    start_frame = serializers.IntegerField(allow_null=True, help_text="Null when the shot is not on the map.")
    end_frame = serializers.IntegerField(allow_null=True)
