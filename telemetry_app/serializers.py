import datetime
import math
import re

from django.utils.translation import gettext
from rest_framework import serializers

from portfolio.api.serializers import StrictSerializer

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
    """Free-form JSON, stored as it is: it must fit a JSON column on any backend. (Its
    text was checked by the parser: SafeJSONParser refuses NUL and lone surrogates.)"""

    max_depth = 8

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        self._check(value, depth=1)
        return value

    def _check(self, node, *, depth):
        if depth > self.max_depth:
            raise serializers.ValidationError(
                gettext("Nesting deeper than %(depth)s levels.") % {"depth": self.max_depth}
            )
        if isinstance(node, float) and not math.isfinite(node):
            raise serializers.ValidationError(gettext("Numbers must be finite."))
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                self._check(item, depth=depth + 1)


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
