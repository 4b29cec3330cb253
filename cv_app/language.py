"""Spanish questions about an English CV.

The embedding model and the lexical index are English-only, so a Spanish question
is bridged by query expansion: its words are mapped through a small Spanish to
English vocabulary of what visitors ask about a CV (the section names, the
question words, the verbs of work and study: `cv_app/vocabulary.py`, data, not
translations), and the English question is what
retrieval and answer selection see. Words outside the vocabulary pass through
unchanged: names of companies, technologies and places are the same in both.
The answer's framing and refusals are written in the visitor's language; the
quotes stay in the CV's own.
"""

import re
import unicodedata
from functools import cache

from django.utils.translation import gettext_lazy

from cv_app.vocabulary import (
    ENGLISH_MARKERS,
    ENGLISH_TEXT,
    GLOSSES,
    PHRASES,
    SPANISH_MARKERS,
    SPANISH_TEXT,
    WORDS,
)
from portfolio.api.language import translated

_WORD = re.compile(r"[\wáéíóúüñÁÉÍÓÚÜÑ]+", re.UNICODE)


def detect_language(text: str) -> str | None:
    """ "es" or "en" when the question's own words say so clearly, else None."""
    if re.search(r"[¿¡ñ]", text or ""):
        return "es"
    words = [w.lower() for w in _WORD.findall(text or "")]
    if not words:
        return None
    spanish = sum(1 for w in words if w in SPANISH_MARKERS) + sum(
        1 for w in words if re.search(r"[áéíóú]", w)
    )
    english = sum(1 for w in words if w in ENGLISH_MARKERS)
    if spanish >= 2 and spanish > english:
        return "es"
    if english >= 1 and english >= spanish:
        return "en"
    return None


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def untranslated(question: str) -> frozenset:
    """Lower-case words of a Spanish question the vocabulary does not know."""
    text = re.sub(r"[¿¡]", "", question or "").lower()
    for spanish, _english in PHRASES:
        text = re.sub(rf"\b{re.escape(spanish)}\b", " ", text)
    return frozenset(
        w for w in _WORD.findall(text)
        if w not in WORDS and _strip_accents(w) not in WORDS and not w.isdigit()
    )  # fmt: skip


def to_english(question: str) -> str:
    """The question with its Spanish CV vocabulary in English, for retrieval."""
    text = re.sub(r"[¿¡]", "", question or "")
    lowered = text.lower()
    for spanish, english in PHRASES:
        lowered = re.sub(rf"\b{re.escape(spanish)}\b", english, lowered)
    out = []
    for token in re.split(r"(\W+)", lowered):
        if not token or not token[0].isalnum():
            out.append(token)
            continue
        english = WORDS.get(token)
        if english is None:
            english = WORDS.get(_strip_accents(token))
        out.append(english if english is not None else token)
    # Keep the capitals of names the visitor wrote ("Google", "Acme"): they mark premises.
    originals = {w.lower(): w for w in _WORD.findall(text) if w[:1].isupper()}
    result = "".join(out)
    result = re.sub(
        r"[\wáéíóúñ]+", lambda m: originals.get(m.group(0), m.group(0)), result, flags=re.UNICODE
    )
    return re.sub(r"\s+", " ", result).strip()


# The answer's framing and refusals: gettext msgids, their Spanish in locale/es.
MESSAGES = {
    "first": gettext_lazy("According to the CV (page %(page)s):"),
    "other": gettext_lazy("On page %(page)s:"),
    "refusal": gettext_lazy(
        "The CV doesn't say, so I won't guess. "
        "Try asking about the experience, skills, projects or education it lists."
    ),
    "partial": gettext_lazy("The CV doesn't say anything about the other part of the question."),
    "judgement": gettext_lazy(
        "A CV states facts, not judgements, so I can't say that. "
        "Ask me what it says about the experience, skills, projects or education instead."
    ),
}


def message(language: str, key: str, **values) -> str:
    """The sentence in `language` (English when the site does not speak it)."""
    return translated(MESSAGES[key], language) % values


# --- The CV's own language ------------------------------------------------------------


def document_language(text: str) -> str:
    """ "es" or "en": the language most of the document's common words are in."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    spanish = sum(1 for w in words if w in SPANISH_TEXT)
    english = sum(1 for w in words if w in ENGLISH_TEXT)
    return "es" if spanish > english else "en"


# A Spanish CV's words (by their beginning) meet an English question's through GLOSSES.
_GLOSS_INDEX: dict[str, list[tuple[str, frozenset]]] = {}
for _prefix, _english in GLOSSES:
    _GLOSS_INDEX.setdefault(_prefix[:3], []).append((_prefix, frozenset(_english.split())))


@cache
def _glosses_of(token: str) -> frozenset:
    found: set[str] = set()
    for prefix, english in _GLOSS_INDEX.get(token[:3], ()):
        if token.startswith(prefix) and (len(prefix) >= 4 or len(token) <= len(prefix) + 2):
            found |= english
    return frozenset(found)


def gloss(tokens) -> set[str]:
    """English words for a Spanish CV's tokens (accents folded), to match questions."""
    found: set[str] = set()
    for token in tokens:
        found |= _glosses_of(token)
    return found


# Glosses of several words ("cuadro de mando": dashboard), each word read by its
# beginning, so "cuadros de mando" is one too.
_PHRASE_GLOSSES = [
    (
        re.compile(r"\b" + r"\w*\s+".join(map(re.escape, _prefix.split()))),
        frozenset(_english.split()),
    )
    for _prefix, _english in GLOSSES
    if " " in _prefix
]


def gloss_phrases(text: str) -> set[str]:
    """English words for the phrases of a Spanish CV's text (accents folded)."""
    lowered = (text or "").lower()
    found: set[str] = set()
    for pattern, english in _PHRASE_GLOSSES:
        if pattern.search(lowered):
            found |= english
    return found
