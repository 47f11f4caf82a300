"""Serializers other apps embed in their event payloads (outside `api`, this app's wire layer)."""

from rest_framework import serializers

from apps.users.serializers import UserBriefOut

from .models import Activity


class ActivityOut(serializers.ModelSerializer):
    actor = UserBriefOut(read_only=True, allow_null=True)

    class Meta:
        model = Activity
        fields = ["id", "actor", "verb", "target_type", "target_id", "data", "created_at"]
        read_only_fields = fields
