from rest_framework import serializers

from apps.core.api.inputs import StrictSerializer
from apps.users.models import User


class UserOut(serializers.ModelSerializer):
    avatar = serializers.ImageField(read_only=True, allow_null=True)
    timezone = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "display_name", "avatar", "locale", "timezone", "is_staff", "date_joined"]
        read_only_fields = fields


class TokenPairOut(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class AuthOut(TokenPairOut):
    user = UserOut()
    device_token = serializers.CharField(help_text="Send it back as `device_token` on later logins to this account.")


class ProfileIn(StrictSerializer):
    display_name = serializers.CharField(max_length=80, required=False)
    locale = serializers.ChoiceField(choices=User.Locale.choices, required=False)
    timezone = serializers.CharField(max_length=64, required=False)

    def validate_timezone(self, value: str) -> str:
        import zoneinfo

        if value not in zoneinfo.available_timezones():
            raise serializers.ValidationError("Unknown time zone.")
        return value
