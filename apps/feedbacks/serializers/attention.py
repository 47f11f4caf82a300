"""Output shapes of review attention (apps/feedbacks/selectors_attention.py builds the data)."""

from rest_framework import serializers

from apps.projects.models import Role
from apps.users.serializers import UserBriefOut

from ..models import ReviewDecision


class FrameRangeOut(serializers.Serializer):
    """[start_frame, end_frame) and the same in seconds."""

    start_frame = serializers.IntegerField()
    end_frame = serializers.IntegerField()
    start = serializers.FloatField()
    end = serializers.FloatField()


class OwnAttentionOut(serializers.Serializer):
    """What the caller has played of the version."""

    frame_count = serializers.IntegerField()
    fps = serializers.FloatField()
    percent = serializers.FloatField(help_text="Share of the frames played, rounded down to 0.1.")
    watched_frames = serializers.IntegerField()
    watched = FrameRangeOut(many=True)
    unwatched = FrameRangeOut(many=True, help_text="Gaps of at least a second, in order.")


class AttentionPersonOut(OwnAttentionOut):
    kind = serializers.ChoiceField(choices=[("member", "Member"), ("guest", "Guest")])
    user = UserBriefOut(allow_null=True)
    name = serializers.CharField(help_text="The member's display name, or the name the guest gave (may be empty).")
    role = serializers.ChoiceField(choices=Role.choices, allow_null=True)
    in_strip = serializers.BooleanField(help_text="Counted in the heat strip: guests, reviewers and viewers.")
    seconds = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        help_text="[start, end) runs of the seconds this person watched (at least half of each).",
    )
    last_watched_at = serializers.DateTimeField()


class DecisionBasisOut(serializers.Serializer):
    reviewer = UserBriefOut()
    decision = serializers.ChoiceField(choices=ReviewDecision.Decision.choices)
    watched_percent = serializers.FloatField(allow_null=True, help_text="Null for decisions made before issue 20.")
    unwatched = FrameRangeOut(many=True, allow_null=True)
    decided_at = serializers.DateTimeField()


class VersionAttentionOut(serializers.Serializer):
    version_id = serializers.UUIDField()
    fps = serializers.FloatField()
    frame_count = serializers.IntegerField()
    duration = serializers.FloatField(allow_null=True)
    audience = serializers.IntegerField(help_text="How many people the strip counts.")
    seconds = serializers.ListField(
        child=serializers.IntegerField(), help_text="Per second of the version: how many of the audience watched it."
    )
    people = AttentionPersonOut(many=True)
    decisions = DecisionBasisOut(many=True)
