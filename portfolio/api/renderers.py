"""JSON rendering with orjson, and the success envelope around every `/api/v1/` payload."""

import datetime
import decimal
import re

import orjson
from django.utils.functional import Promise
from rest_framework.renderers import BaseRenderer

_ORJSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def _default(value):
    # orjson handles UUIDs, dates and tuples; these are the types Django and DRF add.
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (set, frozenset)):
        return list(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(value):
    """`value` with lone surrogates replaced by U+FFFD, which orjson refuses to encode.
    A validation error may repeat a client's bad text back; the answer must still go out."""
    if isinstance(value, (str, Promise)):
        return _SURROGATE.sub("\ufffd", str(value))
    if isinstance(value, dict):
        return {_scrub(key): _scrub(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_scrub(item) for item in value]
    return value


def dumps(value) -> bytes:
    try:
        return orjson.dumps(value, default=_default, option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError as exc:
        if "surrogates" not in str(exc):
            raise
        return orjson.dumps(_scrub(value), default=_default, option=_ORJSON_OPTIONS)


def envelope(data, message=None) -> dict:
    body = {"success": True, "data": data}
    return {**body, "message": message} if message else body


class ORJSONRenderer(BaseRenderer):
    """Plain JSON, for the seed-002 paths that keep their raw shapes."""

    media_type = "application/json"
    format = "json"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"" if data is None else dumps(data)


class EnvelopeRenderer(ORJSONRenderer):
    """Wraps successful payloads as `{"success": true, "data": ..., "message": ...}`; error
    bodies are built whole by the exception handler. A view adds a message by setting
    `response.envelope_message`."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        status_code = getattr(response, "status_code", 500)
        if status_code < 400:
            data = envelope(data, getattr(response, "envelope_message", None))
        return b"" if status_code == 204 else dumps(data)
