from rest_framework import serializers

from .models import Notification


class NotificationOut(serializers.ModelSerializer):
    """Title rendered from the message key in the reader's locale: the signed-in user's
    (the recipient reading their own feed), else `context["locale"]` (a realtime event for
    the recipient), else the recipient's. Rows without a key keep their stored title."""

    title = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "verb", "title", "body", "url", "data", "read_at", "created_at"]
        read_only_fields = fields

    def get_title(self, obj: Notification) -> str:
        from .notify import notification_title

        return notification_title(obj, self._locale(obj))

    def _locale(self, obj: Notification) -> str:
        user = getattr(self.context.get("request"), "user", None)
        if user is not None and user.is_authenticated:
            return user.locale
        return self.context.get("locale") or obj.recipient.locale
