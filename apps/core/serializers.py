from rest_framework import serializers

from .models import Notification


class NotificationOut(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "verb", "title", "body", "url", "data", "read_at", "created_at"]
        read_only_fields = fields
