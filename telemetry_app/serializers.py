import datetime
import re

from rest_framework import serializers

from portfolio.api.serializers import StrictSerializer
from portfolio.api.validators import validate_storable_json

MAX_EVENTS = 50
EVENT_TYPE = re.compile(r"\A[A-Za-z0-9_.:-]{1,64}\Z")


class TimestampField(serializers.DateTimeField):
    """ISO 8601, or milliseconds since the epoch as JavaScript's Date.now() gives them."""

    def to_internal_value(self, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                return datetime.datetime.fromtimestamp(value / 1000, tz=datetime.UTC)
            except (OverflowError, OSError, ValueError):
                self.fail("invalid", format="ISO 8601 or epoch milliseconds")
        return super().to_internal_value(value)


class JSONObjectField(serializers.DictField):
    def to_internal_value(self, data):
        return validate_storable_json(super().to_internal_value(data))


class TelemetryEventInputSerializer(StrictSerializer):
    type = serializers.RegexField(
        EVENT_TYPE, max_length=64, help_text="e.g. page_view, click, error"
    )
    name = serializers.CharField(max_length=200)
    timestamp = TimestampField(help_text="ISO 8601, or epoch milliseconds.")
    properties = JSONObjectField(
        required=False,
        default=dict,
        help_text="Free-form; `path` (or `page`, `url`) names the page for the statistics.",
    )


class TelemetryBatchInputSerializer(StrictSerializer):
    session_id = serializers.CharField(max_length=128)
    events = serializers.ListField(
        child=TelemetryEventInputSerializer(), allow_empty=False, max_length=MAX_EVENTS
    )


class TelemetryAcceptedSerializer(serializers.Serializer):
    accepted = serializers.IntegerField()


class ClientInfoInputSerializer(serializers.Serializer):
    """Seed 002's telemetry body."""

    sessionUUID = serializers.UUIDField()  # noqa: N815 - the resume site's own field names
    timestamp = TimestampField()
    browserInfo = JSONObjectField(required=False, allow_null=True)  # noqa: N815
    connectionInfo = JSONObjectField(required=False, allow_null=True)  # noqa: N815
    deviceInfo = JSONObjectField(required=False, allow_null=True)  # noqa: N815
    featureSupport = JSONObjectField(required=False, allow_null=True)  # noqa: N815


class ClientInfoReceivedSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["success"])
    message = serializers.CharField()
