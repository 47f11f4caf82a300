from datetime import timedelta

from django.utils import timezone
from rest_framework import serializers


class StrictSerializer(serializers.Serializer):
    """Input serializer that refuses fields it does not declare, so a typo or an attempt
    to set `is_staff` is a 400, not silently ignored."""

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Expected a JSON object."]})
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


class TimeRangeInput(serializers.Serializer):
    """`from` / `to` query parameters: `to` defaults to now and `from` to `default_span`
    before it; `from` must come first and the range stays within `max_span`."""

    default_span = timedelta(hours=1)
    max_span = timedelta(days=800)

    to = serializers.DateTimeField(required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateTimeField(required=False)  # a Python keyword
        return fields

    def validate(self, attrs):
        end = attrs.get("to") or timezone.now()
        start = attrs.get("from") or end - self.default_span
        if start >= end:
            raise serializers.ValidationError({"from": ["Must be before `to`."]})
        if end - start > self.max_span:
            raise serializers.ValidationError({"from": [f"The range is limited to {self.max_span.days} days."]})
        attrs["from"], attrs["to"] = start, end
        return attrs
