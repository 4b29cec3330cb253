"""The database gone, outside the API: a small HTML page answering 503 with
Retry-After, in the visitor's language, instead of Django's 500. (Under /api/ the
exception handler and ApiErrorMiddleware answer 503 in each path's own shape.)"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from portfolio.api.middleware import ENVELOPE_PREFIXES

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def unavailable_page(request) -> HttpResponse:
    # No request context: its processors (the user, messages) could read the database.
    page = render_to_string("unavailable.html", {"language": request.LANGUAGE_CODE})
    response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Sync-only, and innermost in settings.MIDDLEWARE, on purpose: under ASGI Django then
    runs the whole chain in one thread per request, the view in the same thread, instead
    of switching threads for every hook of Django's own (MiddlewareMixin) middleware:
    4.2 against 9.3 ms per request answered from the response cache (bench/app_cost.py's
    Django path, docs/architecture.md)."""

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    # Called only when a view raised.
    def process_exception(self, request, exception):
        if request.path.startswith(ENVELOPE_PREFIXES):
            return None
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable on %s %s: %s", request.method, request.path, exception)
        return unavailable_page(request)
