"""What every feedbacks view shares: the role check, input validation, throttles."""

from rest_framework import serializers

from apps.core.throttling import IPRateThrottle


def tristate(value: str | None) -> bool | None:
    """Query filters `true` / `false` / absent."""
    return None if value in (None, "") else value == "true"


BOOLEAN_FILTER = {"choices": ["true", "false"], "required": False}


class ShareRateThrottle(IPRateThrottle):
    """Share-link routes are public: a tighter per-IP budget than the API default."""

    scope = "share"


class TimecodeInput(serializers.Serializer):
    """A point or range on the timeline, as frames (preferred: exact) or seconds
    (`frame = floor(seconds × fps)`), never both."""

    frame = serializers.IntegerField(min_value=0, max_value=100_000_000, required=False)
    end_frame = serializers.IntegerField(min_value=0, max_value=100_000_000, required=False, allow_null=True)
    timecode = serializers.FloatField(min_value=0, max_value=10_000_000, required=False)
    end_timecode = serializers.FloatField(min_value=0, max_value=10_000_000, required=False, allow_null=True)

    def validate(self, data):
        data = super().validate(data)
        if "frame" in data and "timecode" in data:
            raise serializers.ValidationError({"timecode": ["Send either frame or timecode, not both."]})
        if data.get("end_frame") is not None and data.get("end_timecode") is not None:
            raise serializers.ValidationError({"end_timecode": ["Send either end_frame or end_timecode, not both."]})
        return data


def timecode_kwargs(data: dict) -> dict:
    return {
        "frame": data.get("frame"),
        "end_frame": data.get("end_frame"),
        "timecode_seconds": data.get("timecode"),
        "end_timecode_seconds": data.get("end_timecode"),
    }
