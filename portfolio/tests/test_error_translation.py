"""The exact sentences of Django's errors as the handler and the middleware answer them,
in the envelope and in the raw seed-002 shape, and the upload cap outside a request."""

import pytest
from django.core import exceptions as django_errors
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.http import Http404
from django.test import RequestFactory

from portfolio.api.exceptions import exception_handler
from portfolio.api.middleware import ApiErrorMiddleware
from portfolio.api.uploads import UploadTooLargeError, read_capped

DOWN = "A service this request depends on is unavailable. Please try again shortly."
CASES = [
    (django_errors.RequestDataTooBig(), 413, "The request body is too large."),
    (django_errors.TooManyFieldsSent(), 400, "The request has too many fields."),
    (django_errors.TooManyFilesSent(), 400, "The request has too many fields."),
    (OperationalError("refused"), 503, DOWN),
]


class RawView:
    envelope = False


@pytest.mark.parametrize(("exc", "status", "sentence"), CASES)
def test_the_handler_answers_django_errors_with_their_sentence(exc, status, sentence):
    response = exception_handler(exc, {"view": object()})
    assert (response.status_code, response.data) == (status, {"success": False, "error": sentence})
    raw = exception_handler(exc, {"view": RawView()})
    assert (raw.status_code, raw.data) == (status, {"detail": sentence})


@pytest.mark.parametrize(("exc", "status", "sentence"), CASES)
def test_the_middleware_answers_django_errors_with_the_same_sentence(exc, status, sentence):
    request = RequestFactory().get("/api/v1/anything")
    response = ApiErrorMiddleware(lambda request: None).process_exception(request, exc)
    assert response.status_code == status
    assert response.content == b'{"success":false,"error":"%s"}' % sentence.encode()


def test_a_django_404_and_permission_error_get_the_api_sentences_not_django_texts():
    response = exception_handler(Http404("No Tool matches the given query."), {"view": object()})
    assert response.data == {"success": False, "error": "Not found."}
    response = exception_handler(django_errors.PermissionDenied("internal"), {"view": object()})
    assert response.status_code == 403
    assert "internal" not in response.data["error"]


def test_read_capped_refuses_past_the_limit_and_returns_the_bytes_within_it():
    assert read_capped(SimpleUploadedFile("a.bin", b"x" * 10), max_bytes=10) == b"x" * 10
    with pytest.raises(UploadTooLargeError) as refused:
        read_capped(SimpleUploadedFile("a.bin", b"x" * 11), max_bytes=10)
    assert refused.value.status_code == 413
    assert refused.value.details == {"max_bytes": 10}
