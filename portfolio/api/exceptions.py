"""One exception handler: every error under the API becomes the error envelope."""

import logging

from django.core import exceptions as django_errors
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy, ngettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from portfolio.api.errors import ApplicationError

logger = logging.getLogger("portfolio.api")

# DRF's default texts are terse codes in places; these read as one human sentence,
# in the request's language (read when the envelope is built).
_SENTENCES = {
    400: gettext_lazy("The request is not valid."),
    401: gettext_lazy("Authentication credentials were not provided or are not valid."),
    403: gettext_lazy("You do not have permission to perform this action."),
    404: gettext_lazy("The requested resource was not found."),
    405: gettext_lazy("This method is not allowed here."),
    413: gettext_lazy("The request is too large."),
    415: gettext_lazy("This media type is not supported."),
    429: gettext_lazy("Too many requests. Please slow down."),
    500: gettext_lazy("An unexpected error occurred. It has been logged."),
    503: gettext_lazy("A service this request depends on is unavailable."),
}


def error_body(status_code, error=None, details=None) -> dict:
    """The envelope; without an `error` of its own, the status code's sentence."""
    error = error or _SENTENCES.get(status_code) or gettext("The request could not be completed.")
    body = {"success": False, "error": str(error)}
    return {**body, "details": details} if details else body


def _message_and_details(exc):
    detail = getattr(exc, "detail", None)
    if isinstance(exc, exceptions.Throttled):
        seconds = int(exc.wait or 1)
        message = ngettext(
            "Too many requests. Please try again in %(seconds)s second.",
            "Too many requests. Please try again in %(seconds)s seconds.",
            seconds,
        )
        return message % {"seconds": seconds}, None
    if isinstance(exc, exceptions.ValidationError) and isinstance(detail, list):
        return (detail[0] if detail else None), {"non_field_errors": detail}
    if isinstance(detail, (dict, list)):
        first = _first_message(detail) if isinstance(exc, exceptions.ValidationError) else None
        return first, detail
    return detail, None


def _first_message(detail):
    for field, messages in detail.items():
        if isinstance(messages, list) and messages and isinstance(messages[0], str):
            # "Unknown field: image_url." already names its field.
            named = field == "non_field_errors" or messages[0].endswith(f": {field}.")
            return messages[0] if named else f"{field}: {messages[0]}"
        if isinstance(messages, str):
            return messages
    return None


def translate_django_error(exc):
    """Django's own request and database errors, as ApplicationErrors (None: not one)."""
    if isinstance(exc, django_errors.RequestDataTooBig):
        return ApplicationError(gettext("The request body is too large."), status_code=413)
    if isinstance(exc, (django_errors.TooManyFieldsSent, django_errors.TooManyFilesSent)):
        return ApplicationError(gettext("The request has too many fields."))
    if isinstance(exc, (OperationalError, InterfaceError)):
        # The database is down or unreachable: a dependency, not a bug.
        logger.error("Database unavailable: %s", exc)
        message = gettext(
            "A service this request depends on is unavailable. Please try again shortly."
        )
        return ApplicationError(message, status_code=503)
    return None


def exception_handler(exc, context):
    view = context.get("view")
    # Seed-002 paths keep DRF's own error shape: `{"detail": "..."}`.
    envelope = getattr(view, "envelope", True)
    exc = translate_django_error(exc) or exc
    if isinstance(exc, ApplicationError):
        body = {"detail": exc.message}
        if envelope:
            body = error_body(exc.status_code, exc.message, exc.details)
        return Response(body, status=exc.status_code, headers=exc.headers)
    # Without their arguments: DRF would show Django's "No Tool matches the given query."
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, django_errors.PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, django_errors.ValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in %s", type(view).__name__)
        body = error_body(500) if envelope else {"detail": str(_SENTENCES[500])}
        return Response(body, status=500)
    if envelope:
        response.data = error_body(response.status_code, *_message_and_details(exc))
    elif getattr(view, "one_sentence_errors", False):
        message = _message_and_details(exc)[0] or _SENTENCES.get(response.status_code)
        response.data = {"detail": str(message)}
    return response
