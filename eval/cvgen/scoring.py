"""Whether an answer holds an expected fact, cites its page, or invents something.

Text is compared normalised: accents and case folded, "percent" / "por ciento"
written as "%", digit groups joined ("1,200" = "1200"), punctuation as spaces.
Dates are compared as (year, month) points read in any of the formats the CVs use
("March 2021", "mar. 2021", "marzo de 2021", "03/2021", "2021-03") and "Present",
"actualidad", "hoy" all mean the same.
"""

import re
import unicodedata

from eval.cvgen.facts import MONTHS, SHORT_MONTHS

PAGE = re.compile(r"\b(?:page|p\.|página|pág\.)\s*(\d+)", re.I)
PRESENT_WORDS = re.compile(r"\b(?:present|presente|actualidad|hoy|now|current|ongoing|today)\b")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def normalise(text: str) -> str:
    text = fold(text)
    text = re.sub(r"\b(?:por ciento|per ?cent)\b", "%", text)
    text = re.sub(r"(\d)\s+%", r"\1%", text)
    text = re.sub(r"(?<=\d)[,.\u00a0 ](?=\d{3}(?!\d))", "", text)
    text = re.sub(r"[^\w%@]+", " ", text)
    return f" {' '.join(text.split())} "


def _month_names() -> dict[str, int]:
    names = {}
    for lang in ("en", "es"):
        for i, month in enumerate(MONTHS[lang], start=1):
            names[fold(month)] = i
            names[fold(SHORT_MONTHS[lang][i - 1]).rstrip(".")] = i
            names[fold(month)[:3]] = i
    names["sep"] = 9
    names["set"] = 9
    return names


MONTH_NUMBERS = _month_names()
_NAMED = re.compile(
    r"\b(" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?\s+(?:de\s+)?"
    r"((?:19|20)\d\d)\b"
)
_NUMERIC = re.compile(r"\b(\d{1,2})\s*[/.]\s*((?:19|20)\d\d)\b")
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def date_points(text: str) -> tuple[set[tuple[int, int]], set[int]]:
    """({(year, month)}, {year}) mentioned in the text."""
    folded = fold(text)
    points = {(int(y), MONTH_NUMBERS[m]) for m, y in _NAMED.findall(folded)}
    points |= {(int(y), int(m)) for m, y in _NUMERIC.findall(folded) if 1 <= int(m) <= 12}
    points |= {(int(y), int(m)) for y, m in _ISO.findall(folded) if 1 <= int(m) <= 12}
    return points, {int(y) for y in _YEAR.findall(folded)}


def has_fact(answer: str, fact) -> bool:
    if fact.kind == "present":
        return bool(PRESENT_WORDS.search(fold(answer)))
    if fact.kind == "date":
        year, month = fact.value
        points, years = date_points(answer)
        return (year, month) in points if month else year in years
    normal = normalise(answer)
    if fact.kind == "number":
        value = re.escape(normalise(str(fact.value)).strip())
        after = "" if value.endswith("%") else r"(?![\w%])"
        return re.search(rf"(?<!\w){value}{after}", normal) is not None
    return any(normalise(form) in normal for form in fact.forms)


def cited_pages(answer: str) -> set[int]:
    return {int(n) for n in PAGE.findall(answer)}


def part_ok(answer: str, part) -> bool:
    cited = cited_pages(answer) & part.pages_ok()
    return bool(cited) and all(has_fact(answer, f) for f in part.facts)


# --- Invented facts -------------------------------------------------------------

_TOKEN = re.compile(r"[A-ZÁÉÍÓÚÑÜ][\wáéíóúñü'-]*[\wáéíóúñü]|\d+(?:[.,]\d+)?")


def framing_pattern():
    """The answerer's own words around the quotes: page framing, refusal, partial."""
    from cv_app.language import MESSAGES, message
    from portfolio.api.language import supported_languages

    pieces = []
    for language in supported_languages():
        for key in MESSAGES:
            text = message(language, key, page="{page}")
            pieces.append(re.escape(text).replace(r"\{page\}", r"\d+"))
    return re.compile("|".join(sorted(pieces, key=len, reverse=True)))


def invented_tokens(answer: str, document_tokens: set[str], framing) -> list[str]:
    """Numbers and capitalised words of the answer (framing aside) found nowhere in
    the document's text."""
    body = framing.sub(" ", answer)
    body = re.sub(r"\((?:page|p\.|página|pág\.)\s*[\d,\s-]+\)", " ", body, flags=re.I)
    missing = []
    for token in _TOKEN.findall(body):
        folded = fold(token).replace(",", "").replace(".", "")
        if folded not in document_tokens:
            missing.append(token)
    return missing


def document_tokens(text: str) -> set[str]:
    folded = fold(text)
    tokens = set(re.findall(r"[\w'-]+", folded))
    tokens |= {t.replace(",", "").replace(".", "") for t in re.findall(r"\d+(?:[.,]\d+)*", folded)}
    # Hyphenated parts and words split by a line-end hyphen count as present.
    tokens |= {p for t in list(tokens) for p in t.split("-")}
    tokens |= set(re.findall(r"\w+", re.sub(r"-\s*\n\s*", "", folded)))
    return tokens
