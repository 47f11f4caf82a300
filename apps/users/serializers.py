"""Serializers other apps embed (outside `api`, which is this app's own wire layer)."""

from rest_framework import serializers

from apps.users.models import User


# A person as other resources show them (owner, author, reviewer, ...); a comment, not a
# docstring, so the OpenAPI component stays as it was.
class UserBriefOut(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "display_name", "avatar"]
        read_only_fields = fields
