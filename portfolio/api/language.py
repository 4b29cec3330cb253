"""The request's language, decided once, by LocaleMiddleware: `?lang=`, then
Accept-Language, then LANGUAGE_CODE. Never the cookie: answers vary on Accept-Language
alone, so every cache keys them right. The sockets decide with `negotiate` too."""

from urllib.parse import parse_qs

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

from portfolio.api.middleware import ComputingMiddleware


def supported_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def normalize_language(value) -> str | None:
    """`es`, `ES`, `es-MX` and `es_ES` are all `es`; None when the site does not speak it."""
    code = str(value or "").strip().lower().replace("_", "-")
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def negotiate(explicit, accept_language) -> str:
    # Not get_language_from_request: it reads the cookie, and takes a range weighted
    # q=0, which RFC 9110 makes "not acceptable".
    for code, quality in [(explicit, 1), *parse_accept_lang_header(accept_language or "")]:
        if quality > 0 and (language := normalize_language(code)):
            return language
    return settings.LANGUAGE_CODE


def scope_language(scope) -> str:
    """An ASGI scope's language, decided as LocaleMiddleware decides a request's: for
    the sockets, and for answers sent before any middleware runs."""
    lang = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [None])[0]
    accept = dict(scope.get("headers", [])).get(b"accept-language", b"").decode("latin-1")
    return negotiate(lang, accept)


class LocaleMiddleware(ComputingMiddleware):
    """Django's LocaleMiddleware without the cookie and without i18n URL prefixes (the
    site has none): the language activated, then `Content-Language` and
    `Vary: Accept-Language` on the answer."""

    def before(self, request):
        try:
            lang = request.GET.get("lang")
        except TooManyFieldsSent:  # left for the view to answer, as without this
            lang = None
        request.LANGUAGE_CODE = negotiate(lang, request.headers.get("Accept-Language"))
        translation.activate(request.LANGUAGE_CODE)

    def after(self, request, response):
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def request_language(request) -> str:
    """The request's language; an explicit `?lang=` the site does not speak is a 400."""
    if (explicit := request.GET.get("lang")) and normalize_language(explicit) is None:
        languages = ", ".join(supported_languages())
        message = gettext("The language %(lang)r is not supported; use one of: %(languages)s.")
        message %= {"lang": explicit, "languages": languages}
        raise ValidationError({"lang": [message]})
    return request.LANGUAGE_CODE


def translated(text, language) -> str:
    """A lazy msgid in `language`, whatever the active one (an answer's or a document's
    language may differ from the request's); the site's default when it does not speak it."""
    with translation.override(normalize_language(language) or settings.LANGUAGE_CODE):
        return str(text)
