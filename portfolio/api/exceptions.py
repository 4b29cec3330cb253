"""One exception handler: every error under the API becomes the error envelope."""

import logging

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from portfolio.api.errors import ApplicationError

logger = logging.getLogger("portfolio.api")

# DRF's default texts are terse codes in places; these read as one human sentence.
_SENTENCES = {
    status.HTTP_400_BAD_REQUEST: "The request is not valid.",
    status.HTTP_401_UNAUTHORIZED: "Authentication credentials were not provided or are not valid.",
    status.HTTP_403_FORBIDDEN: "You do not have permission to perform this action.",
    status.HTTP_404_NOT_FOUND: "The requested resource was not found.",
    status.HTTP_405_METHOD_NOT_ALLOWED: "This method is not allowed here.",
    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: "The request is too large.",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "This media type is not supported.",
    status.HTTP_429_TOO_MANY_REQUESTS: "Too many requests. Please slow down.",
    status.HTTP_500_INTERNAL_SERVER_ERROR: "An unexpected error occurred. It has been logged.",
    status.HTTP_503_SERVICE_UNAVAILABLE: "A service this request depends on is unavailable.",
}


def error_body(status_code, error=None, details=None) -> dict:
    body = {"success": False, "error": str(error or sentence_for(status_code))}
    if details:
        body["details"] = details
    return body


def sentence_for(status_code) -> str:
    return _SENTENCES.get(status_code, "The request could not be completed.")


def _message_and_details(exc):
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            return _first_message(detail) or sentence_for(400), detail
        if isinstance(detail, list):
            return (str(detail[0]) if detail else sentence_for(400)), {"non_field_errors": detail}
        return str(detail), None
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        return f"Too many requests. Please try again in {wait} seconds.", None
    detail = getattr(exc, "detail", None)
    if isinstance(detail, (dict, list)):
        return sentence_for(exc.status_code), detail
    return (str(detail) if detail else sentence_for(exc.status_code)), None


def _first_message(detail):
    for field, messages in detail.items():
        if isinstance(messages, list) and messages and isinstance(messages[0], str):
            # "Unknown field: image_url." already names its field.
            named = field == "non_field_errors" or messages[0].endswith(f": {field}.")
            label = "" if named else f"{field}: "
            return f"{label}{messages[0]}"
        if isinstance(messages, str):
            return messages
    return None


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."


class DependencyUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "A service this request depends on is unavailable. Please try again shortly."


def translate_django_error(exc):
    """Django's own request and database errors, as the API's statuses (None: not one)."""
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    if isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        return exceptions.ParseError("The request has too many fields.")
    if isinstance(exc, (OperationalError, InterfaceError)):
        # The database is down or unreachable: a dependency, not a bug.
        logger.error("Database unavailable: %s", exc)
        return DependencyUnavailable()
    return None


def _to_drf(exc):
    translated = translate_django_error(exc)
    if translated is not None:
        return translated
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return exceptions.ValidationError(detail)
    return exc


def exception_handler(exc, context):
    view = context.get("view")
    # Seed-002 paths keep DRF's own error shape: `{"detail": "..."}`.
    envelope = getattr(view, "envelope", True)

    if isinstance(exc, ApplicationError):
        body = (
            error_body(exc.status_code, exc.message, exc.details)
            if envelope
            else {"detail": exc.message}
        )
        return Response(body, status=exc.status_code, headers=exc.headers)

    exc = _to_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in %s", type(view).__name__)
        body = error_body(500) if envelope else {"detail": sentence_for(500)}
        return Response(body, status=500)
    if envelope:
        message, details = _message_and_details(exc)
        response.data = error_body(response.status_code, message, details)
    return response
