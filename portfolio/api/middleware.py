"""Our own middleware. Their hooks only read headers and compute, so they are natively
sync- and async-capable (hybrid_middleware.py) and call their hooks directly in
whichever mode Django runs the chain: under ASGI that is one thread per request, set by
the sync-only innermost middleware (portfolio/unavailable.py)."""

from django.http import HttpResponse

from portfolio.api.exceptions import error_body, logger, translate_django_error
from portfolio.api.hybrid_middleware import HybridMiddleware
from portfolio.api.renderers import dumps

# The API, and the seed-000 mounts, which answer in the envelope too.
ENVELOPE_PREFIXES = ("/api/", "/tools/", "/news/", "/chat/", "/cv/", "/contact/")


class ComputingMiddleware(HybridMiddleware):
    """A middleware whose `before` and `after` hooks do no I/O: under ASGI they run on the
    event loop, under WSGI in the request's thread, never in a thread of their own.
    `before` may answer instead of the view; `after` may replace the answer."""

    def call(self, request):
        return self.after(request, self.before(request) or self.get_response(request))

    async def acall(self, request):
        return self.after(request, self.before(request) or await self.get_response(request))

    def before(self, request) -> HttpResponse | None:
        return None

    def after(self, request, response) -> HttpResponse:
        return response


def _json_error(status_code, error=None):
    body = dumps(error_body(status_code, error))
    return HttpResponse(body, status=status_code, content_type="application/json")


class ApiErrorMiddleware(ComputingMiddleware):
    """Errors that never reach a DRF view (unknown URLs, crashes in plain Django views)
    still answer in the envelope under /api/, never as an HTML page or a traceback."""

    def after(self, request, response):
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

    # Django calls every process_exception synchronously, in either mode.
    def process_exception(self, request, exception):
        if not request.path.startswith(ENVELOPE_PREFIXES):
            return None
        if translated := translate_django_error(exception):
            return _json_error(translated.status_code, translated.message)
        logger.exception("Unhandled error on %s %s", request.method, request.path)
        return _json_error(500)


class ContentLengthGuardMiddleware(ComputingMiddleware):
    """A Content-Length that is not a whole number is refused before anything parses it:
    not every server rejects it at the HTTP layer, and middleware further down (request
    metrics, the multipart parser) would otherwise crash on it with a 500."""

    def before(self, request):
        # Both spellings: a header sent as `Content_Length` lands in HTTP_CONTENT_LENGTH,
        # and request.headers reports it as Content-Length.
        lengths = (request.META.get("CONTENT_LENGTH"), request.headers.get("Content-Length"))
        if any(length and not (length.isascii() and length.isdigit()) for length in lengths):
            return _json_error(400, "The Content-Length header is not a valid number.")
        return None
