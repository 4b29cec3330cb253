from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from portfolio.api.renderers import ORJSONRenderer
from portfolio.api.views import PublicApi
from telemetry_app.parsers import BoundedBeaconParser, BoundedJSONParser
from telemetry_app.serializers import (
    MAX_EVENTS,
    ClientInfoInputSerializer,
    ClientInfoReceivedSerializer,
    TelemetryAcceptedSerializer,
    TelemetryBatchInputSerializer,
)
from telemetry_app.services import telemetry_client_info_record, telemetry_events_record
from telemetry_app.throttling import TelemetryRateThrottle

LIMIT = filesizeformat(settings.TELEMETRY_MAX_BYTES)


class _TelemetryView(PublicApi):
    parser_classes = [BoundedJSONParser, BoundedBeaconParser]
    throttle_classes = [TelemetryRateThrottle]


class TelemetryApi(_TelemetryView):
    @extend_schema(
        operation_id="telemetry",
        # text/plain (sendBeacon) is accepted too, but JSON is the documented form.
        request={"application/json": TelemetryBatchInputSerializer},
        responses={
            202: TelemetryAcceptedSerializer,
            413: OpenApiResponse(description=f"The body is larger than {LIMIT}."),
            415: OpenApiResponse(description="Not JSON."),
        },
        summary=f"Store a batch of at most {MAX_EVENTS} browser events ({LIMIT} at most).",
    )
    def post(self, request):
        batch = TelemetryBatchInputSerializer(data=request.data)
        batch.is_valid(raise_exception=True)
        accepted = telemetry_events_record(**batch.validated_data)
        return Response({"accepted": accepted}, status=status.HTTP_202_ACCEPTED)


class InvalidTelemetry(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = gettext_lazy("The telemetry data is not valid.")


def _one_sentence(errors) -> str:
    for field, messages in errors.items():
        message = messages[0] if isinstance(messages, list) and messages else messages
        if field == "non_field_errors":
            return str(message)
        return f"{field}: {message}"
    return str(InvalidTelemetry.default_detail)


_Detail = inline_serializer("Detail", {"detail": serializers.CharField()})


class ResumeSiteTelemetryApi(_TelemetryView):
    """Seed 002's telemetry, in that document's raw shape (no envelope)."""

    envelope = False
    renderer_classes = [ORJSONRenderer]

    @extend_schema(
        operation_id="seed002_telemetry",
        request={"application/json": ClientInfoInputSerializer},
        tags=["seed-002"],
        responses={200: ClientInfoReceivedSerializer, 400: _Detail, 413: _Detail, 429: _Detail},
        summary="Store the resume site's client snapshot (raw shape).",
    )
    def post(self, request):
        payload = ClientInfoInputSerializer(data=request.data)
        if not payload.is_valid():
            # The resume site expects `{"detail": "..."}`, not a field map.
            raise InvalidTelemetry(_one_sentence(payload.errors))
        data = payload.validated_data
        telemetry_client_info_record(
            session_uuid=data["sessionUUID"],
            timestamp=data["timestamp"],
            browser_info=data.get("browserInfo"),
            connection_info=data.get("connectionInfo"),
            device_info=data.get("deviceInfo"),
            feature_support=data.get("featureSupport"),
        )
        return Response({"status": "success", "message": gettext("Telemetry data received.")})
