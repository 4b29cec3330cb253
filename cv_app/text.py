"""Word-level text helpers shared by the lexical index and the offline composer."""

import re

# English function words plus the words every question about a CV uses; they
# would otherwise pull towards whichever chunk repeats them.
_STOP_WORDS = """
    a about above after again against all am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn
    doing don down during each few for from further had hadn has hasn have haven having he
    her here hers herself him himself his how i if in into is isn it its itself just let
    me more most my myself no nor not of off on once only or other ought our ours
    ourselves out over own same shan she should shouldn so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was wasn we were weren what when where which while who whom why will with won
    would wouldn you your yours yourself yourselves s t ll ve re d m
    also ever tell know please many much now currently anything something someone give
    list describe explain cv resume résumé candidate person owner
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Words a question uses for what a CV writes differently. Only groups whose words
# rarely appear outside their section, so a match is still evidence.
_SYNONYM_GROUPS = [
    "study studied studying education educated degree university college school "
    "bachelor master bsc msc phd graduated graduate diploma",
    "hobby interest pastime leisure",
    "based live lives living location located reside resides city country",
    "language speak speaks spoken fluent native",
    "certification certificate certified",
    "email e-mail mail contact phone telephone reach",
    # The people and the deals a bullet counts, as a question may name them.
    "client customer",
    "enterprise corporate",
    "kid child children",
    "hire hired hiring recruit recruited recruiting",
    # What a bullet says it shipped or moved, as a question may name it.
    "release version",
    "publish published publishing ship shipped shipping",
    "migrate migrated migrating move moved moving",
    "service microservice",
]
SYNONYMS = {word: frozenset(group.split()) for group in _SYNONYM_GROUPS for word in group.split()}

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]", re.IGNORECASE)


def stem(word: str) -> str:
    # Enough to let "projects" meet "project" and "skills" meet "skill"; a real
    # stemmer would also merge words a CV keeps apart ("engineering"/"engineer").
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return [match.group(0).lower() for match in _WORD.finditer(text or "")]


def tokenize(text: str, *, drop=frozenset()) -> list[str]:
    """Content terms: lower-cased, stop words and `drop` removed, plurals folded."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS and stem(word) not in drop]


def expand(terms) -> set[str]:
    """The terms with their CV synonyms, for the lexical side of retrieval."""
    expanded = set(terms)
    for term in terms:
        expanded |= SYNONYMS.get(term, frozenset())
    return expanded


def shared_terms(question_terms, tokens) -> int:
    """How many of the question's terms appear in `tokens`, directly or as a CV synonym."""
    return sum(1 for term in question_terms if tokens & SYNONYMS.get(term, {term}))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])")
_BULLET = re.compile(r"^[\s•▪◦●■\-*\u2013·]+")


_TERMINAL = (".", "!", "?", ":", ";")
_BULLET_START = re.compile(r"^[•▪◦●■\-*\u2013·]")
# A line at least this share of the longest line on its page was wrapped by the
# layout, not ended by the author.
WRAPPED_LINE_SHARE = 0.7


def _reflow(text: str) -> list[str]:
    """Lines re-joined where the PDF layout wrapped a sentence: the line does not
    end a sentence and either the next one continues in lower case or this one
    runs (nearly) the full width. Headings and list items are short, so they stay."""
    lines = [line.strip() for line in (text or "").split("\n")]
    widest = max((len(line) for line in lines), default=0)
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        wrapped = (
            previous
            and line
            and not previous.endswith(_TERMINAL)
            and not _BULLET_START.match(line)
            and (line[0].islower() or len(previous) >= WRAPPED_LINE_SHARE * widest)
        )
        if wrapped:
            joined[-1] = f"{previous} {line}"
        else:
            joined.append(line)
    return joined


def sentences(text: str) -> list[str]:
    """Sentences and list items, the units an offline answer quotes."""
    found = []
    for line in _reflow(text):
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        found.extend(part.strip() for part in _SENTENCE_END.split(line) if part.strip())
    return found


def is_heading(sentence: str) -> bool:
    """A short line without a full stop: a section title or a name, not an answer."""
    return len(sentence.split()) <= 4 and not sentence.rstrip().endswith(_TERMINAL)


def subject_terms(first_page_text: str) -> frozenset:
    """The CV's own name, read from its first line when that line is short.

    Questions name the person ("Where did Maria study?") while the CV names them
    once at the top; left in, the name would steer every question to page 1.
    """
    for line in (first_page_text or "").split("\n"):
        if line.strip():
            terms = tokenize(line)
            return frozenset(terms) if 0 < len(terms) <= 4 else frozenset()
    return frozenset()


def without_subject(question: str, subject: frozenset) -> str:
    """The question with the CV's own name replaced by "they": every passage is
    about that person, so the name only pulls towards lines that repeat it (the
    heading, the e-mail address)."""
    if not subject:
        return question

    def replace(match):
        return "they" if stem(match.group(0).lower()) in subject else match.group(0)

    neutral = _WORD.sub(replace, question)
    return re.sub(r"\bthey(?:'s)?(?:\s+they(?:'s)?)+\b", "they", neutral)
