"""Content heuristics for contact-form spam.

Deliberately conservative: a message flagged here is still stored (and can be
notified by hand from the admin), only not emailed, so a false positive costs the
owner a look in the admin while a false negative costs one email.
"""

import re

MAX_LINKS = 2

_LINK = re.compile(r"https?://|www\.|\[url[=\]]", re.IGNORECASE)

# Whole words or phrases; each has to be unusual in a genuine message to a developer.
_SPAM_PHRASES = [
    "viagra",
    "cialis",
    "casino",
    "payday loan",
    "crypto investment",
    "bitcoin investment",
    "binary options",
    "forex signals",
    "buy followers",
    "buy backlinks",
    "backlinks",
    "seo services",
    "first page of google",
    "guest post",
    "make money fast",
    "earn money online",
    "100% free",
    "click here",
    "limited time offer",
    "dear friend",
    "congratulations you have won",
    "lottery",
    "nigerian prince",
    "adult dating",
    "porn",
    "escort",
    "unsubscribe",
]
_SPAM_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(phrase) for phrase in _SPAM_PHRASES) + r")\b",
    re.IGNORECASE,
)


def spam_reason(*, name, message) -> str:
    """Why this looks like spam, or "" when it does not."""
    links = len(_LINK.findall(message))
    if links > MAX_LINKS:
        return f"Too many links ({links})."
    if _LINK.search(name):
        return "A link in the name."
    for field, text in (("name", name), ("message", message)):
        match = _SPAM_PATTERN.search(text)
        if match:
            return f"Known spam phrase in the {field}: {match.group(0).lower()!r}."
    return ""
