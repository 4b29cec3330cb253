"""Telemetry bodies are small: anything over 64 KB is refused with 413 before it is read."""

import io

from rest_framework import status
from rest_framework.exceptions import APIException

from portfolio.api.parsers import SafeJSONParser

MAX_BODY_BYTES = 64 * 1024


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The telemetry payload is larger than 64 KB."
    default_code = "payload_too_large"


def _declared_length(parser_context):
    request = (parser_context or {}).get("request")
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) if request else 0
    except ValueError:
        return 0


class BoundedJSONParser(SafeJSONParser):
    max_bytes = MAX_BODY_BYTES

    def parse(self, stream, media_type=None, parser_context=None):
        if _declared_length(parser_context) > self.max_bytes:
            raise PayloadTooLarge()
        # Read one byte past the limit: a body without a (truthful) length is caught too.
        body = stream.read(self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise PayloadTooLarge()
        return super().parse(io.BytesIO(body), media_type, parser_context)


class BoundedBeaconParser(BoundedJSONParser):
    """navigator.sendBeacon() posts a string as text/plain (a JSON content type
    would need a CORS preflight, which beacons cannot make); the text is JSON."""

    media_type = "text/plain"
