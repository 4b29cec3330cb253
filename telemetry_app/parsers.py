"""Telemetry bodies are small: one over TELEMETRY_MAX_BYTES is refused with 413 unparsed."""

import io

from django.conf import settings
from django.utils.translation import gettext

from portfolio.api.errors import ApplicationError
from portfolio.api.parsers import SafeJSONParser


class BoundedJSONParser(SafeJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.TELEMETRY_MAX_BYTES
        # One byte past the limit, whatever length was declared: no more is ever read.
        body = stream.read(limit + 1)
        if len(body) > limit:
            message = gettext("The telemetry payload is larger than %(size)s KB.") % {
                "size": limit // 1024
            }
            raise ApplicationError(message, status_code=413)
        return super().parse(io.BytesIO(body), media_type, parser_context)


class BoundedBeaconParser(BoundedJSONParser):
    """navigator.sendBeacon() posts a string as text/plain (a JSON content type
    would need a CORS preflight, which beacons cannot make); the text is JSON."""

    media_type = "text/plain"
