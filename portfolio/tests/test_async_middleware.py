"""Under ASGI every MiddlewareMixin in settings.MIDDLEWARE runs its hooks inline on the
event loop. That is only safe for hooks that compute: a new one must be looked at."""

from django.conf import settings
from django.utils.module_loading import import_string

from portfolio.api import async_middleware
from portfolio.api.async_middleware import ASGIHandler, asgi_variant

# Each checked: its hooks read headers and compute, no I/O of their own.
INLINE = {
    "portfolio.api.middleware.ContentLengthGuardMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portfolio.api.middleware.ApiErrorMiddleware",
    "portfolio.unavailable.DatabaseUnavailableMiddleware",
    "portfolio.api.language.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
}


def test_the_middleware_run_inline_are_exactly_the_checked_ones():
    inline = {
        path
        for path in settings.MIDDLEWARE
        if issubclass(asgi_variant(path, import_string(path)), async_middleware.Inline)
    }
    assert inline == INLINE | {"django.contrib.sessions.middleware.SessionMiddleware"}


def test_the_natively_async_middleware_are_used_as_they_are():
    for path in ("corsheaders.middleware.CorsMiddleware", "portfolio.logging.RequestIdMiddleware"):
        assert asgi_variant(path, import_string(path)) is import_string(path)


def test_the_asgi_chain_calls_no_hook_through_a_thread(monkeypatch):
    adapted = []
    original = ASGIHandler.adapt_method_mode

    def spy(self, is_async, method, *args, **kwargs):
        result = original(self, is_async, method, *args, **kwargs)
        if result is not method:  # wrapped in sync_to_async: a thread per call
            adapted.append(getattr(method, "__qualname__", repr(method)))
        return result

    monkeypatch.setattr(ASGIHandler, "adapt_method_mode", spy)
    ASGIHandler()
    # The view itself is adapted per request, not here: nothing at all is wrapped.
    assert adapted == []
