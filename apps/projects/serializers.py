"""Output serializers of projects: what the API renders and what its events carry (and
`ActivityOut`, which other apps embed in their payloads). Input serializers live in the
views that use them."""

from rest_framework import serializers

from apps.users.serializers import UserBriefOut

from .models import Activity, Invitation, Membership, Phase, Project


class ProjectOut(serializers.ModelSerializer):
    owner = UserBriefOut(read_only=True)
    my_role = serializers.SerializerMethodField()
    member_count = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "description",
            "status",
            "deadline",
            "owner",
            "my_role",
            "member_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_my_role(self, project) -> str | None:
        # Annotated by the selectors; absent in event payloads (each client knows its role).
        return getattr(project, "my_role", None)

    def get_member_count(self, project) -> int:
        count = getattr(project, "member_count", None)
        return count if count is not None else project.memberships.count()


class MemberOut(serializers.ModelSerializer):
    user = UserBriefOut(read_only=True)
    joined_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Membership
        fields = ["user", "role", "joined_at"]
        read_only_fields = fields


class InvitationOut(serializers.ModelSerializer):
    inviter = UserBriefOut(read_only=True)
    state = serializers.ChoiceField(choices=Invitation.State.choices, read_only=True)

    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "state", "expires_at", "inviter", "accepted_at", "revoked_at", "created_at"]
        read_only_fields = fields


class InvitationPreviewOut(serializers.ModelSerializer):
    """What the holder of an invitation link may see before accepting."""

    project = serializers.SerializerMethodField()
    inviter = serializers.CharField(source="inviter.display_name", default="", read_only=True)
    state = serializers.ChoiceField(choices=Invitation.State.choices, read_only=True)

    class Meta:
        model = Invitation
        fields = ["email", "role", "state", "expires_at", "inviter", "project"]
        read_only_fields = fields

    def get_project(self, invitation) -> dict:
        return {"id": str(invitation.project_id), "name": invitation.project.name}


class PhaseOut(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["id", "name", "start", "end", "order", "created_at", "updated_at"]
        read_only_fields = fields


class ActivityOut(serializers.ModelSerializer):
    actor = UserBriefOut(read_only=True, allow_null=True)

    class Meta:
        model = Activity
        fields = ["id", "actor", "verb", "target_type", "target_id", "data", "created_at"]
        read_only_fields = fields
