"""Which language a request wants: `?lang=`, then `Accept-Language`, then English.

An explicit `?lang=` the site does not speak is a client mistake and answers 400;
an `Accept-Language` it does not speak is a browser preference and falls back
to English.
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError


def supported_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def default_language() -> str:
    return settings.LANGUAGE_CODE


def normalize_language(value) -> str | None:
    """`es`, `ES`, `es-MX` and `es_ES` are all `es`; None when the site does not speak it."""
    if not value:
        return None
    primary = str(value).strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in supported_languages() else None


def unsupported_message(value) -> str:
    return (
        f"The language {value!r} is not supported; use one of: {', '.join(supported_languages())}."
    )


def request_language(request) -> str:
    explicit = request.GET.get("lang", "")
    if explicit:
        language = normalize_language(explicit)
        if language is None:
            raise ValidationError({"lang": [unsupported_message(explicit)]})
        return language
    return preferred_language(request.headers.get("Accept-Language", ""))


def preferred_language(accept_language: str) -> str:
    """The best language of an Accept-Language header the site speaks, else the default."""
    for code, quality in parse_accept_lang_header(accept_language or ""):
        language = normalize_language(code)
        if language and quality > 0:
            return language
    return default_language()


class LanguageMixin:
    """For views whose content is translated: sets `self.language` before the handler
    runs and labels the response with it. Handlers read inside
    `translation.override(self.language)` (the selectors do that themselves)."""

    language = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = self.pick_language(request, **kwargs)

    def pick_language(self, request, **kwargs) -> str:
        return request_language(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        if self.language and response.status_code < 400:
            response["Content-Language"] = self.language
        return response
