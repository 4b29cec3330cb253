"""Errors that never reach a DRF view (unknown URLs, crashes in plain Django views)
still answer in the envelope under /api/, never as an HTML page or a traceback."""

from django.http import HttpResponse
from django.utils.deprecation import MiddlewareMixin

from portfolio.api.exceptions import error_body, logger, translate_django_error
from portfolio.api.renderers import dumps

# The API, and the seed-000 mounts, which answer in the envelope too.
ENVELOPE_PREFIXES = ("/api/", "/tools/", "/news/", "/chat/", "/cv/", "/contact/")


def _json_error(status_code, error=None):
    body = dumps(error_body(status_code, error))
    return HttpResponse(body, status=status_code, content_type="application/json")


class ApiErrorMiddleware(MiddlewareMixin):
    # A MiddlewareMixin so that portfolio.api.async_middleware can run it inline under ASGI.
    def process_response(self, request, response):
        if (
            response.status_code < 400
            or not request.path.startswith(ENVELOPE_PREFIXES)
            or response.get("Content-Type", "").startswith("application/json")
            or getattr(response, "streaming", False)
        ):
            return response
        replacement = _json_error(response.status_code)
        # CORS headers are added later by the outer CorsMiddleware.
        for header in ("Allow", "Retry-After", "Vary"):
            if response.has_header(header):
                replacement[header] = response[header]
        return replacement

    def process_exception(self, request, exception):
        if not request.path.startswith(ENVELOPE_PREFIXES):
            return None
        if translated := translate_django_error(exception):
            return _json_error(translated.status_code, translated.message)
        logger.exception("Unhandled error on %s %s", request.method, request.path)
        return _json_error(500)


class ContentLengthGuardMiddleware(MiddlewareMixin):
    """A Content-Length that is not a whole number is refused before anything parses it:
    not every server rejects it at the HTTP layer, and middleware further down (request
    metrics, the multipart parser) would otherwise crash on it with a 500."""

    def process_request(self, request):
        # Both spellings: a header sent as `Content_Length` lands in HTTP_CONTENT_LENGTH,
        # and request.headers reports it as Content-Length.
        lengths = (request.META.get("CONTENT_LENGTH"), request.headers.get("Content-Length"))
        if any(length and not (length.isascii() and length.isdigit()) for length in lengths):
            return _json_error(400, "The Content-Length header is not a valid number.")
        return None
