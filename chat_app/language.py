from django.conf import settings
from django.utils.translation.trans_real import parse_accept_lang_header

SUPPORTED = [code for code, _ in settings.LANGUAGES]
DEFAULT = "en"


def pick_language(*, explicit: str | None = None, accept_language: str = "") -> str:
    """An explicit supported choice, else the best supported Accept-Language, else English."""
    if explicit and explicit.lower()[:2] in SUPPORTED:
        return explicit.lower()[:2]
    for code, _quality in parse_accept_lang_header(accept_language or ""):
        if code.lower()[:2] in SUPPORTED:
            return code.lower()[:2]
    return DEFAULT
