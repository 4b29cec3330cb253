"""Offline answers from a structured CV: the smallest complete unit that answers.

An answer is built in four steps, each a list of small named functions:

1. **Read the question** (`plan_question`): what it asks for (`Plan.asks`: a date,
   a number, an organisation, a place, a list, the description of an entry, a
   yes/no about a skill, contact details) and what it presumes (a company, a
   skill, a degree, a GPA).
2. **Check its premises** (`PREMISE_CHECKS`): a verdict on the person ("a good
   fit?") is no fact a CV states; every name or term the question presumes must be in
   the CV, a company one "worked at" in an experience entry,
   a degree level among the degrees; most of its content words must be in the CV.
3. **Choose** the unit that answers: the first of `RULES` that applies (a degree
   level, the entry before or after a named one, an entry named by its organisation,
   the entry of a period, the
   first/latest/current entry ordered by dates across every page, contact lines,
   a whole list, an overview of a section); else `best_lines`, which scores every
   line of the CV by named features (`LINE_FEATURES`) among the lines that hold
   the kind of answer asked for. Header and contact lines answer only contact
   questions. An entry is quoted with its title block, a description with all its
   bullets, a degree with the lines under it (thesis, honours).
4. **Check the answer** (`ANSWER_CHECKS`: a "when" answer holds a date, a "how
   many" a number) and give it a confidence: the probability, fitted on the
   generated corpus's calibration split (cv_app/calibration.py), that an answer with
   these features is right.

A failed check refuses ("the CV doesn't say") with a low confidence. Nothing is
added to the quotes but the page framing.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from cv_app import calibration
from cv_app.language import gloss, gloss_phrases
from cv_app.structure import (
    DATE_RANGE,
    LIST_KINDS,
    PRESENT_YEAR,
    SECTION_VOCABULARY,
    find_dates,
)
from cv_app.text import SYNONYMS, stem, tokenize, words

# What asking about a CV sounds like: words that name the kind of answer, not a
# fact that must be in it.
_QUESTION_VOCABULARY = frozenset(
    stem(w)
    for w in """
    work worked working works job jobs role roles position positions title titles employer
    employers company companies organisation organization career experience experiences
    study studied studying studies degree degrees education school university college
    skill skills technology technologies tool tools stack know knows use used uses using
    proficient familiar good expert language languages speak speaks spoken certification
    certifications certificate certificates certified hold holds held project projects
    built build hobby hobbies interest interests free time spare do does did done have has
    had start started starting begin began join joined end ended finish finished leave
    left year years month months date dates first earliest initial last latest current
    currently now present recent most previous before after between since long
    responsibility responsibilities achievement achievements main where when what which
    who how many much live lives based located location city country contact email phone
    reach number name get got earn earned attend attended graduate graduated kind type
    sort field area main mainly like about say says mention mentions list lists show
    get become became any other all employ employed address mail e-mail moment technical
    tech key core top professional main today nowadays won win wins receive received
    obtain obtained programming coding code
    academic level well qualification qualifications achieve achieved accomplish accomplished
    go went gone going give gave given""".split()
)
# Premises worth checking even in lower case: asking about one the CV lacks is a
# false premise, not a paraphrase.
_PREMISE_TERMS = {
    "phd": r"\bph\.?\s?d\b|\bdoctor(?:ate|al|ado)\b|\bdphil\b",
    "doctorate": r"\bph\.?\s?d\b|\bdoctor(?:ate|al|ado)\b|\bdphil\b",
    "mba": r"\bmba\b|master of business",
    "master": r"\bmaster|\bm\.?sc\b|\bm\.?a\.?\b|\bm\.?eng\b|\bmba\b|\bm\.?s\.?\b|\bmáster\b",
    "bachelor": r"\bbachelor|\bb\.?sc\b|\bb\.?a\.?\b|\bb\.?eng\b|\bb\.?s\.?\b|\bgrado\b|"
    r"\blicenciatura\b|\bingenier[ií]a\b",
    "gpa": r"\bgpa\b|grade point|\bcgpa\b|\bnota media\b",
}
_DEGREE_LEVELS = ("phd", "doctorate", "mba", "master", "bachelor")

_WHEN = re.compile(
    r"\b(when|what year|which year|since when|how long|dates?|period|start(?:ed)?|"
    r"began|begin|join(?:ed)?|left|leave|end(?:ed)?|finish(?:ed)?|graduat\w*)\b",
    re.I,
)
_FIRST = re.compile(
    r"\b(first|earliest|initial|oldest|(?:began|begin|start|started) (?:her|his|their) career)\b",
    re.I,
)
_CURRENT = re.compile(
    r"\b(current(?:ly)?|now|present(?:ly)?|latest|most recent|recent|today|these days|last|"
    r"at the moment)\b",
    re.I,
)
# Phrases that place a question in time ("what does she do these days?"): they ask
# for the current entry, and their words are no fact to look for ("56 million events
# a day" is not "these days").
# "Where did she work before Acme?": the entry next to the one named, by dates.
# ("antes de Acme" reaches here as "before of Acme").
_BEFORE = re.compile(
    r"\b(?:before|prior to|previous to)\s+(?:of\s+)?(?:joining\s+|working at\s+)?", re.I
)
_AFTER = re.compile(r"\b(?:after|following)\s+(?:of\s+)?(?:leaving\s+|working at\s+)?", re.I)
_FINAL_PROJECT = re.compile(r"\bfinal(?:[- ]year)? project\b", re.I)
_NOW_PHRASES = re.compile(
    r"\b(these days|nowadays|at the moment|right now|at present|as of now|currently|today)\b",
    re.I,
)
# Personal attributes a CV seldom states: what a question about one sounds like, and
# what a line stating it says. Asked about, they are refused unless a line says them
# (a number of years on the CV is experience, not an age).
_PERSONAL_ATTRIBUTES = {
    "age": (
        r"\bhow old\b|\b(?:her|his|their|what) age\b|\byears old\b|\bborn\b|\bbirth",
        r"\bage\b|\byears old\b|\bborn\b|\bbirth|\bedad\b|\bnacid[oa]\b|\bnacimiento\b",
    ),
    "salary": (
        r"\bsalar\w*|\bwages?\b|\bexpect\w* to earn\b|\bhow much does \w+ (?:earn|make)\b",
        r"\bsalar\w*|\bsueldo\b|\bwages?\b|\bremunera\w*",
    ),
    "family": (
        r"\bmarried\b|\bmarital\b|\bspouse\b|\bwife\b|\bhusband\b|"
        r"\b(?:have|has) (?:any )?(?:children|kids)\b",
        r"\bmarried\b|\bmarital\b|\bcasad[oa]\b|\bestado civil\b|\bspouse\b",
    ),
    "religion": (r"\breligio\w*|\bfaith\b", r"\breligi\w*"),
}
# What a "how many" question counts: the word after it ("how many languages ...").
_COUNTED_NOUN = re.compile(r"\bhow many\s+([^\W\d_]+)", re.I)
# A judgement of the person, not a fact about them: whether she fits, is good, should be
# hired, what she is bad at. A CV states facts; asked for a verdict, its lines are no
# answer ("Senior Backend Engineer" is not "yes, a good fit for a senior role").
_PRAISE = (
    r"(?:good|great|strong|ideal|right|suitable|perfect|best|better|excellent|top|solid|"
    r"valuable|competent|capable|reliable|outstanding)"
)
_WORKER = (
    r"(?:fit|hire|candidate|choice|match|engineer|developer|programmer|employee|professional|"
    r"manager|leader|scientist|analyst|designer|addition|person|worker|colleague|teammate|"
    r"applicant)s?"
)
_JUDGEMENT = re.compile(
    # "a good fit", and in Spanish's order "una candidata sólida"
    rf"\b{_PRAISE}(?:\W+\w+){{0,4}}?\W+{_WORKER}\b|\b{_WORKER}\W+{_PRAISE}\b"
    r"|\b(?:other|rest of(?: the)?)\s+(?:candidates?|applicants?)\b"
    r"|\bfits?\s+(?:for|in|into|with)\b|\bwould\s+(?:\w+\s+)?fit\b"
    r"|\b(?:suited|qualified|suitable|ready|right|perfect)\s+(?:for|to)\b"
    r"|\b(?:would|should|could|will|shall)\s+(?:you|we|i|one)\s+"
    r"(?:hire|recommend|employ|choose|pick|interview|trust)\b"
    r"|\bworth\s+(?:hiring|interviewing|it|the)\b|\bweakness(?:es)?\b|\bflaws?\b"
    r"|\bshortcomings?\b|\bbad at\b|\brate\s+(?:her|him|them)\b"
    r"|\brecommend\s+(?:her|him|them)\b|\btalent(?:ed)?\b",
    re.I,
)
_NUMBER = re.compile(r"\bhow (many|much)\b|\bwhat percentage\b|\bby how\b|\bwhat rating\b", re.I)
_WHAT_DID = re.compile(
    r"\b(what did|what does|what do|responsibilit\w*|achiev\w*|tell me about|describe|"
    r"role at|do at|work on|worked on|accomplish\w*|about)\b",
    re.I,
)
_WHERE = re.compile(
    r"\b(where|which (?:university|school|college|company|companies|employer|organi[sz]ation))\b",
    re.I,
)
_EMPLOYER = re.compile(
    r"\b(employer|company|companies|organi[sz]ation|work for|worked for|who employ)", re.I
)
_TITLE = re.compile(r"\b(title|role|position|job)\b", re.I)
_STUDY = re.compile(
    r"\b(stud(?:y|ied|ies|ying|ent|ents)|degree|universit\w*|college|school|educat\w*|graduat\w*|bachelor\w*|"
    r"master\w*|msc|bsc|phd|doctorate|mba|diploma|qualification\w*|thesis|dissertation|"
    r"academic\w*|final(?:[- ]year)? project)\b",
    re.I,
)
_WORK = re.compile(
    r"\b(work\w*|job\w*|employ\w*|compan\w*|role|position|career|title|intern\w*)\b", re.I
)
_SKILL_YES_NO = re.compile(
    r"^\s*(does|do|did|has|have|is|can)\b.*\b(know|use|used|worked with|experience with|"
    r"familiar|proficient|skilled|programs?|codes?|speak|hold)\b",
    re.I,
)
_KIND_WORDS = {
    "skills": re.compile(
        r"\b(skills?|technolog\w*|tools?|stack|frameworks?|programming|tech|software)\b", re.I
    ),
    "certifications": re.compile(r"\b(certif\w*|licen[cs]\w*|accredit\w*|courses?)\b", re.I),
    "languages": re.compile(r"\b(languages?|speaks?|spoken|fluent|native)\b", re.I),
    "projects": re.compile(r"\b(projects?|side project|open source|portfolio)\b", re.I),
    "interests": re.compile(
        r"\b(hobb\w*|interests?|free time|spare time|pastimes?|leisure|for fun)\b", re.I
    ),
    "awards": re.compile(r"\b(awards?|honou?rs?|prizes?)\b", re.I),
    "publications": re.compile(r"\b(publications?|papers?|talks?|published)\b", re.I),
    "volunteering": re.compile(r"\b(volunteer\w*)\b", re.I),
    "summary": re.compile(
        # "How many years has she been working?": a career's length, which the summary states.
        r"\b(years of experience|summary|overview|profile|about (?:her|him|them)(?:self)?|"
        r"introduce|who is|years (?:has|have) \w+ been working|long has \w+ been working|"
        # "How much experience does he have, in years?": the summary's years, too.
        r"how much experience)\b",
        re.I,
    ),
    "location": re.compile(
        r"\b(based|live[sd]?|living|located|location|city|country|reside\w*|where\b.*\bfrom)\b",
        re.I,
    ),
    "contact": re.compile(
        r"\b(e-?mail|phone|telephone|mobile|contact|reach (?:her|him|them)|linkedin|website|"
        r"github (?:profile|account|handle|page)|profile on github)\b",
        re.I,
    ),
}
_LIST_ASK = re.compile(r"\b(which|what|list|all|any)\b", re.I)
_SPLIT = re.compile(
    r"\?\s*(?=\S)|\s*(?:,\s*)?\band\s+(?=(?:what|when|where|which|who|how|does|did|is|has|can|"
    r"do)\b)",
    re.I,
)
_AUXILIARIES = "did|does|do|is|was|has|have|had|can|could|will|would|should"
_NAME_CONNECTORS = frozenset("de del la las los y of the and & for".split())
# Words that are capitalised in questions without naming anything.
_CAPITALISED_COMMON = frozenset(
    "i what when where which who whom how why does did do is are was were has have had can "
    "could would will tell list name please cv resume the a an and or in at on for "
    "she he they her his their its".split()
)
_NUMBER_WORDS = (
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|"
    r"thousand|million|billion|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|"
    r"doce|docena|cien|mil|millones?)\b"
)
# A number, the word before it and the (up to three) words after it: what it counts
# and what was done to them ("Migrated 69 microservices", "how many did he migrate?").
_COUNTED = re.compile(
    rf"(?:(?P<done>[^\W\d_]+)\W+)?(?:{_NUMBER_WORDS})[\d.,]*\s*(?:%\s*)?"
    rf"(?P<what>(?:[^\W\d_]+\W+){{0,2}}[^\W\d_]+)",
    re.I,
)
# An amount of money: what "how much" asks for, whatever the question calls it.
_CURRENCY = re.compile(r"[$€£]|\b(euros?|dollars?|pounds?|usd|eur|gbp|k€)\b", re.I)
# A question asking for a share, and a share written in a line.
_SHARE_ASKED = re.compile(r"\bpercent(?:age)?\b|%|\bpor ciento\b", re.I)
_SHARE = re.compile(r"%|\bpercent\b|\bpor ciento\b", re.I)
# ("How much experience does he have?" asks for years, not an amount of money.)
_HOW_MUCH = re.compile(r"\bhow much\b(?!\s+(?:experience|time)\b)", re.I)
# A share and the (up to six) words before it: what it measures ("cut the latency
# by 35 %", "redujo el coste de la nube un 30 %").
_MEASURED = re.compile(
    r"(?P<what>(?:[^\W\d_]+\W+){1,6})\d[\d.,]*\s*(?:%|percent\b|por ciento\b)", re.I
)
_PERCENT_WORDS = frozenset({"percent", "percentage"})
_CONTACT = re.compile(r"@|\+?\d[\d ()-]{6,}|linkedin|github|https?://|www\.", re.I)
_HEADER_KINDS = ("header", "contact")
# How one uses a contact line ("which address do I write to?"): no fact the line
# must hold, unlike "what phone model does she use?".
_REACHING_VERBS = frozenset(stem(w) for w in "write wrote writing call send message".split())
# Sections a "which ..." question is answered with whole.
_LISTED = LIST_KINDS | {"projects", "publications", "volunteering"}
# Kinds a question names that are sections of a CV (not "location", "contact"...).
SECTION_KINDS = frozenset(SECTION_VOCABULARY) - {"contact"}


# Answer types whose presence in a line can be checked.
def _has_number(text: str) -> bool:
    """A count or an amount: digits or number words, not the years of a date."""
    without_dates = DATE_RANGE.sub(" ", text)
    # A year on its own is a date; "2003 stars" counts something.
    without_dates = re.sub(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,%])(?!\s+[a-z])", " ", without_dates)
    return bool(re.search(_NUMBER_WORDS, without_dates, re.I))


_TYPE_PATTERNS = {
    "date": lambda text: find_dates(text) is not None,
    "number": _has_number,
    "contact": lambda text: bool(_CONTACT.search(text)),
}
MAX_LIST_LINES = 12
MAX_SENTENCES = 3
MAX_ENTRY_LINES = 8
# Share of the question's content words that may be missing from the whole CV.
MAX_MISSING_SHARE = 0.5
REFUSED_CONFIDENCE_CAP = 0.2
# A line of another unit scoring this close to the chosen one could as well be the answer.
RIVAL_MARGIN = 0.1
# Rivals beyond this many add no more doubt.
MAX_RIVALS = 4
# How much each named feature of a line weighs when no rule chose the answer.
LINE_FEATURES = {
    "cosine": 1.0,  # the unit's chunk against the question's vector
    "line_coverage": 0.45,  # the question's content words in the line itself
    "unit_coverage": 0.3,  # ... in the whole unit, its heading included
    "section_match": 0.25,  # the unit is in the section the question names
    "entity_match": 0.35,  # a name the question presumes is in the unit
    "type_match": 0.3,  # the line holds the kind of answer asked for
    # A "how many" line whose number counts what the question names: two lines as
    # much about the question, one with "6 engineers", one with "10 years".
    "counts_asked": 0.3,
}


@dataclass
class Plan:
    question: str
    terms: list[str]
    content: list[str]
    entities: list[str]
    kinds: list[str]
    asks: str = "description"
    when: bool = False
    first: bool = False
    current: bool = False
    number: bool = False
    what_did: bool = False
    employer: bool = False
    title: bool = False
    where: bool = False
    study: bool = False
    work: bool = False
    degree: str | None = None
    years: list[int] = field(default_factory=list)
    premises: list[str] = field(default_factory=list)
    # Words of a translated question the bridge did not know, and their English
    # glosses: matched as cognates, and never evidence against the CV when missing.
    foreign: frozenset = frozenset()
    # Each untranslated word with its English glosses: found when any of them is.
    glossary: dict = field(default_factory=dict)
    # The thing a "how many" question counts, and its glosses when it is Spanish.
    counted: frozenset = frozenset()

    @property
    def wanted(self) -> list[str]:
        return self.content or self.terms

    @property
    def wanted_groups(self) -> list[frozenset]:
        """The wanted words, a translated word and its glosses counted as one: a line
        saying "public" meets "publicó" once, not as "public", "publication" and
        "published" (three words a line about publishing would have to match)."""
        wanted = set(self.wanted)
        groups, grouped = [], set()
        for word, glosses in self.glossary.items():
            forms = ({word} | glosses) & wanted
            if forms:
                groups.append(frozenset(forms))
                grouped |= forms
        return groups + [frozenset({t}) for t in self.wanted if t not in grouped]

    @property
    def entry_kind(self) -> str:
        """The entries a "first", "when" or "where" question is about."""
        if plan_is_study(self):
            return "education"
        return "experience"


def plan_is_study(plan) -> bool:
    if plan.study and not plan.work:
        return True
    if plan.study and plan.work:
        return bool(plan.degree) or plan.kinds[:1] == ["education"]
    return False


@dataclass
class Unit:
    kind: str
    section_index: int
    entry: dict | None
    lines: list[dict]
    heading: str
    entry_index: int | None = None

    @property
    def page(self) -> int:
        return self.lines[0]["page"] if self.lines else 1

    @property
    def text(self) -> str:
        return "\n".join(line["text"] for line in self.lines)


@dataclass
class Choice:
    """What a rule (or the line scorer) picked: the units and the lines quoted."""

    rule: str
    units: list[Unit]
    quotes: list[tuple[str, int]]
    margin: float = 1.0
    # Lines of other units that scored within RIVAL_MARGIN of the chosen one.
    rivals: int = 0


@dataclass
class PartAnswer:
    quotes: list[tuple[str, int]]  # (text, page) in order
    confidence: float
    answered: bool
    units: list[Unit] = field(default_factory=list)
    features: dict = field(default_factory=dict)
    rule: str = ""
    failures: list[str] = field(default_factory=list)


def split_question(question: str) -> list[str]:
    """One or two questions: "Where did she study and when did she graduate?". A
    second part that points back ("what was her role there?") is about what the first
    one named: "there" is "at Acme", "it" is "Acme"."""
    parts = [p.strip(" ?,") for p in _SPLIT.split(question or "") if p and p.strip(" ?,")]
    parts = [p for p in parts if len(tokenize(p)) >= 1]
    if len(parts) < 2:
        return [question.strip()]
    first, second = parts[:2]
    # What the first part names, its grammatical subject aside ("did Marta join Acme").
    named = [
        e
        for e in _entities(first, frozenset())
        if not re.search(rf"\b(?:{_AUXILIARIES})\s+{re.escape(e)}\b", first, re.I)
    ]
    if named and not _entities(second, frozenset()):
        second = re.sub(r"\bthere\b", f"at {named[-1]}", second, flags=re.I)
        second = re.sub(r"\b(?:it|that one)\b", named[-1], second, flags=re.I)
    return [first, second]


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Accents off ("educación" -> "educacion"), so Spanish words tokenise whole."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text or "") if unicodedata.category(c) != "Mn"
    )


def _entities(question: str, subject: frozenset) -> list[str]:
    """Names the question presumes: capitalised words past the first, in runs
    ("Google Cloud"), and terms with digits or symbols ("C++", "AWS")."""
    tokens = re.findall(r"[^\W_][\w+#.&'-]*[\w+#]|[^\W_]", question)
    found, run = [], []
    for position, token in enumerate(tokens):
        lower = token.lower().strip("'")
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if run and (lower in _NAME_CONNECTORS or token.isdigit()) and following[:1].isupper():
            run.append(token)  # "Universidad de Sevilla", "Bank of America"
            continue
        capital = token[:1].isupper() and position > 0 and lower not in _CAPITALISED_COMMON
        special = bool(re.search(r"[+#]", token)) or (token.isupper() and len(token) >= 2)
        folded = fold(lower)
        if (
            (capital or special)
            and stem(folded) not in subject
            and folded.rstrip("'s") not in subject
        ):
            run.append(token)
            continue
        if run:
            found.append(" ".join(run))
            run = []
    if run:
        found.append(" ".join(run))
    return [re.sub(r"'s$", "", e) for e in found if not re.fullmatch(r"(19|20)\d\d", e)]


# --- 1. What the question asks ------------------------------------------------------


def answer_type(plan: Plan) -> str:
    """The kind of answer asked for, most specific first."""
    if plan.number:
        return "number"
    if "contact" in plan.kinds:
        return "contact"
    if "location" in plan.kinds and not (plan.work or plan.study):
        return "place"
    if plan.when and not plan.what_did:
        return "date"
    if _SKILL_YES_NO.search(plan.question) and plan.content:
        return "skill"
    if plan.what_did:
        return "description"
    if plan.degree or (
        plan.study and re.search(r"\b(degrees?|qualifications?)\b", plan.question, re.I)
    ):
        return "degree"
    if plan.employer or (plan.where and (plan.work or plan.study)):
        return "organisation"
    if plan.title:
        return "title"
    if any(k in _LISTED for k in plan.kinds):
        return "list"
    return "description"


def plan_question(
    question: str, subject: frozenset = frozenset(), *, unknown: frozenset = frozenset()
) -> Plan:
    """What the question asks and presumes. `unknown`: words of a translated question
    that the bridge did not know; they are evidence when the CV has them, but their
    absence is not (they may be Spanish words for something the CV says in English)."""
    raw = {fold(word).lower() for word in unknown}
    unknown = frozenset(stem(word) for word in raw)
    glossed = frozenset(stem(word) for word in gloss(raw)) - unknown
    # "e-mail" is one word, not an "e" the CV must hold.
    spelled = re.sub(r"\be-mail", "email", _NOW_PHRASES.sub(" now ", question), flags=re.I)
    # A bachelor's "final project" is its thesis, whatever the CV calls it ("TFG", "Trabajo
    # fin de grado", "Thesis"); "final" is no word the CV must hold.
    spelled = _FINAL_PROJECT.sub("thesis", spelled)
    terms = tokenize(fold(spelled), drop=subject)
    terms += [word for word in sorted(glossed) if word not in terms]
    content = [
        t
        for t in terms
        if t not in _QUESTION_VOCABULARY and not t.isdigit() and (t not in unknown or t in glossed)
    ]
    kinds = [kind for kind, pattern in _KIND_WORDS.items() if pattern.search(question)]
    if "languages" in kinds and re.search(r"programming|coding|code", question, re.I):
        kinds.remove("languages")
        kinds.insert(0, "skills")
    plan = Plan(
        question=question,
        terms=terms,
        content=content,
        entities=_entities(question, subject),
        kinds=kinds,
        when=bool(_WHEN.search(question)),
        first=bool(_FIRST.search(question)),
        current=bool(_CURRENT.search(question)),
        number=bool(_NUMBER.search(question)),
        what_did=bool(_WHAT_DID.search(question)),
        employer=bool(_EMPLOYER.search(question)),
        title=bool(_TITLE.search(question)),
        where=bool(_WHERE.search(question)),
        study=bool(_STUDY.search(question)),
        work=bool(_WORK.search(question)),
        years=[int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", question)],
        foreign=unknown | glossed,
        glossary={
            stem(word): frozenset(stem(g) for g in gloss({word})) for word in raw if gloss({word})
        },
    )
    lowered = question.lower()
    for term in _PREMISE_TERMS:
        if re.search(rf"\b{term}", lowered) or (term == "phd" and "ph.d" in lowered):
            plan.premises.append(term)
    if "doctor" in lowered and "phd" not in plan.premises:
        plan.premises.append("phd")
    # "the Professional Scrum Master certification" names a certificate, not a degree.
    plan.premises = [
        term
        for term in plan.premises
        if not any(len(e.split()) > 1 and re.search(rf"\b{term}", e, re.I) for e in plan.entities)
    ]
    plan.degree = next((level for level in _DEGREE_LEVELS if level in plan.premises), None)
    if re.search(r"\b(experience|work history|career|employment|jobs)\b", question, re.I) and (
        "summary" not in kinds
    ):
        kinds.append("experience")
    for kind in ("awards", "projects"):
        if plan.study and kind in kinds:
            kinds.remove(kind)  # "graduated with honours", "final project": lines of a degree
    if plan.study and "education" not in kinds and not kinds:
        plan.kinds.append("education")
    if plan.work and not plan.study and not kinds:
        plan.kinds.append("experience")
    counted = _COUNTED_NOUN.search(spelled)
    if counted:
        noun = stem(fold(counted.group(1)).lower())
        plan.counted = frozenset({noun}) | plan.glossary.get(noun, frozenset())
    plan.asks = answer_type(plan)
    return plan


def units_of(structure: dict) -> list[Unit]:
    units = []
    for index, section in enumerate(structure.get("sections", [])):
        if section.get("entries"):
            for number, entry in enumerate(section["entries"]):
                units.append(
                    Unit(section["kind"], index, entry, entry["lines"], section["heading"], number)
                )
        elif section["lines"]:
            units.append(Unit(section["kind"], index, None, section["lines"], section["heading"]))
    return units


def _root(word: str) -> str:
    # "saved"/"save", "leading"/"lead": enough to meet a question's verb in a CV line.
    for suffix in ("ing", "ed", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _cognate(term: str, token: str) -> bool:
    """ "supervise"/"superviso", "latency"/"latencia": a long shared beginning."""
    shared = 0
    for a, b in zip(term, token, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= 5 and shared >= min(len(term), len(token)) - 3


# What a question names by its kind and a CV by its instances ("cloud" / "AWS").
CONCEPTS = {
    "cloud": {"aws", "azure", "gcp", "cloud"},
    "database": {"sql", "postgresql", "postgres", "mysql", "mongodb", "redis", "oracle", "sqlite"},
    "frontend": {"react", "vue", "angular", "javascript", "typescript", "css", "html"},
    "container": {"docker", "kubernetes", "k8s", "container"},
    "orchestration": {"kubernetes", "k8s"},
    "devop": {"docker", "kubernetes", "terraform", "ansible", "ci", "cd", "jenkins"},
    "ml": {"pytorch", "tensorflow", "scikit-learn", "keras", "ml", "machine"},
    "mobile": {"android", "ios", "swift", "kotlin", "flutter"},
    # "How many people did he recruit?": a bullet counts people by what they are.
    "people": {
        "people", "person", "engineer", "developer", "intern", "junior", "employee", "staff",
        "member", "student", "children", "hire", "analyst", "designer", "volunteer",
    },
}  # fmt: skip
_HONOURS = {
    "cum", "laude", "honours", "honors", "honour", "honor", "distinction", "dean",
    "matricula", "summa", "magna", "first-class", "extraordinario",
}  # fmt: skip
CONCEPTS |= {
    "distinction": _HONOURS,
    "honour": _HONOURS,
    "honor": _HONOURS,
    # "Final project: ...", "TFG: ..." under a degree.
    "thesis": {"thesis", "dissertation", "project", "capstone", "tesis", "tfg", "tfm"},
}


# Verbs whose past a suffix rule cannot reach ("lead" / "led").
_IRREGULAR = [
    "lead led", "build built", "write wrote written", "run ran", "teach taught",
    "make made", "grow grew grown", "win won", "give gave given", "hold held",
    "speak spoke spoken", "begin began begun", "get got gotten", "take took taken",
    "bring brought", "buy bought", "sell sold", "think thought", "drive drove driven",
    "fly flew flown", "send sent", "spend spent", "cut", "set", "put", "oversee oversaw",
]  # fmt: skip
IRREGULAR = {form: frozenset(group.split()) for group in _IRREGULAR for form in group.split()}


@lru_cache(maxsize=65536)
def found_in(term: str, tokens: frozenset[str], *, bridged: bool = False) -> bool:
    """Whether a question's term (or its CV synonym, or the same word with another
    ending) is among `tokens`; across languages, a cognate counts too."""
    if whole_word_in(term, tokens):
        return True
    root = _root(term)
    return any(
        _root(token) == root
        or (
            len(token) >= 5
            and len(term) >= 5
            and (token.startswith(term) or term.startswith(token))
        )
        or (bridged and _cognate(term, token))
        for token in tokens
    )


def whole_word_in(term: str, tokens: frozenset[str]) -> bool:
    """The term itself, a synonym or an irregular form of it among the tokens."""
    return bool(
        tokens & SYNONYMS.get(term, {term})
        or tokens & CONCEPTS.get(term, set())
        or tokens & IRREGULAR.get(term, set())
    )


def word_or_inflection_in(term: str, tokens: frozenset[str]) -> bool:
    """The term as a word ("supervised" for "supervise" too), not only a long shared
    beginning ("intern" in "international") or a cognate."""
    root = _root(term)
    return whole_word_in(term, tokens) or any(_root(token) == root for token in tokens)


def _phrase_in(phrase: str, text: str) -> bool:
    """The phrase as words of the text, whatever its case and accents; a name the
    layout wrapped ("University of Buenos" / "Aires") or a title block joined with
    " | " is still the name."""
    body = r"[\s|]+".join(re.escape(word) for word in fold(phrase).split())
    return bool(re.search(rf"(?<![\w]){body}(?![\w])", fold(text), re.I))


def has_type(asks: str, text: str) -> bool:
    """Whether `text` holds the kind of answer asked for (always, for kinds that
    cannot be checked on a line)."""
    check = _TYPE_PATTERNS.get(asks)
    return check(text) if check else True


# --- 2. Premise checks: each returns what the CV lacks -----------------------------------


def presumed_names_are_in_the_cv(answerer, plan) -> list[str]:
    return [e for e in plan.entities if not answerer.mentions(e, answerer.full_text, plan)]


def a_named_employer_or_school_heads_an_entry(answerer, plan) -> list[str]:
    """ "When did she work at Google?", "What did she do at Cisco?" with the name only
    in a certificate is false: an employer or a school heads an entry."""
    failures = []
    for entity in plan.entities:
        if not answerer.mentions(entity, answerer.full_text, plan):
            continue
        at = re.search(rf"\b(at|for|in|from)\s+{re.escape(entity)}", plan.question, re.I)
        if plan.study and at:
            scopes = ("education",)
        elif plan.work and (plan.employer or at):
            scopes = ("experience", "volunteering")
        elif plan.what_did and at:
            scopes = ("experience", "volunteering", "education")
        else:
            continue
        if not any(
            u.kind in scopes and u.entry and answerer.mentions(entity, u.entry["header"], plan)
            for u in answerer.units
        ):
            failures.append(entity)
    return failures


def a_presumed_degree_or_grade_is_there(answerer, plan) -> list[str]:
    failures = []
    for premise in plan.premises:
        pattern = _PREMISE_TERMS[premise]
        if premise in _DEGREE_LEVELS:
            education = [u for u in answerer.units if u.kind == "education"]
            haystack = "\n".join(u.entry["header"] for u in education if u.entry) or "\n".join(
                u.text for u in education
            )
        else:
            haystack = answerer.full_text
        if not re.search(pattern, haystack, re.I):
            failures.append(premise)
    return failures


def most_content_words_are_in_the_cv(answerer, plan) -> list[str]:
    """Most of the question's own words (names aside: they are checked above) are in
    the CV: "How many repositories does she have on GitHub?" is not about stars."""
    named = {word for entity in plan.entities for word in tokenize(fold(entity))}
    # A degree level is checked by its own forms ("BEng" is a bachelor's), and how one
    # reaches someone ("escribo", "write") is no fact a contact line holds.
    unchecked = named | set(plan.premises)
    if plan.asks == "contact":
        unchecked |= _REACHING_VERBS
    # A translated word counts once, found when it or any of its glosses is; one
    # glossed as a word of asking ("dirección": address) is asking, as in English.
    groups = [
        (word, {word, *glosses})
        for word, glosses in plan.glossary.items()
        if not glosses & (_QUESTION_VOCABULARY | unchecked)
    ]
    groups += [(t, {t}) for t in plan.content if t not in plan.foreign]
    groups = [(word, forms) for word, forms in groups if word not in unchecked]
    missing = [
        word
        for word, forms in groups
        if not any(answerer.found(form, answerer.all_tokens, plan) for form in forms)
    ]
    # "What prize was she given?" on a CV whose "Reconocimientos" never say "prize": the
    # word names a section the CV has. Only when it is all that is missing: a "driving
    # licence" is not among her certifications for "licence" naming that section.
    if set(missing) <= _section_words(answerer, plan):
        missing = []
    if groups and len(missing) / len(groups) > MAX_MISSING_SHARE:
        return missing
    return []


def _section_words(answerer, plan) -> set[str]:
    """The question's words that name a section the CV has ("prize" for its "Honours &
    Awards", "award" for its "Reconocimientos")."""
    present = {u.kind for u in answerer.units} & SECTION_KINDS
    return {
        word
        for word in plan.content
        if any(kind in present and _KIND_WORDS[kind].fullmatch(word) for kind in _KIND_WORDS)
    }


def a_skill_asked_about_is_named(answerer, plan) -> list[str]:
    """ "Does she know Rust?": every content word must be in the CV, not half."""
    if plan.asks != "skill":
        return []
    return [
        t
        for t in plan.content
        if t not in plan.foreign and not answerer.found(t, answerer.all_tokens, plan)
    ]


def a_section_asked_about_is_there(answerer, plan) -> list[str]:
    """ "Which awards has she won?" on a CV without awards: nothing to quote."""
    return [
        kind
        for kind in plan.kinds
        if kind in _LISTED
        and not any(u.kind == kind for u in answerer.units)
        and not _KIND_WORDS[kind].search(answerer.full_text)
        and not (answerer.bridged and _KIND_WORDS[kind].search(" ".join(answerer.all_tokens)))
    ]


def a_personal_attribute_asked_is_stated(answerer, plan) -> list[str]:
    """ "How old is she?", "Is he married?": a CV rarely says, and its numbers of years
    are experience; refused unless a line states the attribute."""
    return [
        attribute
        for attribute, (asked, stated) in _PERSONAL_ATTRIBUTES.items()
        if re.search(asked, plan.question, re.I) and not re.search(stated, answerer.full_text, re.I)
    ]


def a_judgement_is_not_asked_of_a_cv(answerer, plan) -> list[str]:
    """ "Is she a good fit for a senior role?", "¿Lo contratarías?": a verdict on the
    person, which no line of a CV states; refused whatever lines share its words."""
    return ["judgement"] if _JUDGEMENT.search(_glossed_question(plan)) else []


def _glossed_question(plan) -> str:
    """The question with each word the bridge did not translate read as its English
    glosses ("una buena ingeniera": "a good engineer")."""

    def english(match):
        glosses = plan.glossary.get(stem(fold(match.group(0)).lower()))
        return " ".join(sorted(glosses)) if glosses else match.group(0)

    return re.sub(r"[^\W\d_]+", english, plan.question)


PREMISE_CHECKS = (
    a_judgement_is_not_asked_of_a_cv,
    presumed_names_are_in_the_cv,
    a_personal_attribute_asked_is_stated,
    a_section_asked_about_is_there,
    a_named_employer_or_school_heads_an_entry,
    a_presumed_degree_or_grade_is_there,
    most_content_words_are_in_the_cv,
    a_skill_asked_about_is_named,
)


# --- 3. Rules: each returns a Choice when the question's shape picks the unit ------------


def degree_of_the_level_asked(answerer, plan) -> Choice | None:
    """ "Where did she do her master's?": the education entry of that level."""
    if not plan.degree:
        return None
    pattern = _PREMISE_TERMS[plan.degree]
    for unit in answerer.entries("education"):
        if re.search(pattern, unit.entry["header"], re.I):
            return Choice("degree", [unit], answerer.render_entry(unit, plan))
    return None


_THESIS_LINE = re.compile(
    r"\b(thesis|dissertation|final(?:[- ]year)? project|capstone|tesis|tfg|trabajo fin)\b", re.I
)


def thesis_of_a_final_project(answerer, plan) -> Choice | None:
    """ "What was her final project about?": a final project is a bachelor's thesis, so
    when several degrees carry one, the bachelor's (with the lines under it)."""
    if plan.degree or not _FINAL_PROJECT.search(plan.question):
        return None
    for unit in answerer.entries("education"):
        # Under the degree line, or on it when the layout ran them together (a Europass row).
        if re.search(_PREMISE_TERMS["bachelor"], fold(unit.entry["header"]), re.I) and any(
            _THESIS_LINE.search(fold(line["text"])) for line in unit.lines
        ):
            return Choice("degree", [unit], answerer.render_entry(unit, plan))
    return None


def entry_named_in_the_question(answerer, plan) -> Choice | None:
    """ "When did she start at Acme?", "What did she do at Acme?": Acme's entry."""
    if not plan.entities or not (
        plan.when or plan.what_did or plan.where or plan.title or plan.work or plan.study
    ):
        return None
    if any(kind in ("certifications", "awards") for kind in plan.kinds):
        return None  # "When did she get the Java SE 17 Developer certification?"
    named = {
        index: sum(answerer.mentions(e, u.entry["header"], plan) for e in plan.entities)
        for index, u in enumerate(answerer.units)
        if u.entry
    }
    named = {index: count for index, count in named.items() if count}
    if not named:
        return None
    if plan.asks == "number":
        return None  # the number is in a bullet: the line scorer finds it within the entry
    best = min(
        named,
        key=lambda i: (
            -named[i],
            -answerer.header_coverage(answerer.units[i], plan),
            answerer.units[i].kind != plan.entry_kind,
            i,
        ),
    )
    unit = answerer.units[best]
    return Choice("named entry", [unit], answerer.render_entry(unit, plan))


def entry_before_or_after_the_one_named(answerer, plan) -> Choice | None:
    """ "Where did she work before Acme?": not Acme's entry, but the one just before (or
    after) it when every entry of its section is ordered by dates."""
    for pattern, step in ((_BEFORE, -1), (_AFTER, 1)):
        for match in pattern.finditer(plan.question):
            rest = plan.question[match.end() :]
            entity = next((e for e in plan.entities if rest.startswith(e)), None)
            if entity is None:
                continue
            dated = answerer.dated(plan.entry_kind)
            named = [u for u in dated if answerer.mentions(entity, u.entry["header"], plan)]
            if not named:
                continue
            order = sorted(dated, key=_chronological)
            index = order.index(named[0]) + step
            if not 0 <= index < len(order):
                return Choice("next to named", named[:1], [])  # nothing before the first
            unit = order[index]
            return Choice("next to named", [unit], answerer.render_entry(unit, plan))
    return None


def entry_of_the_period_asked(answerer, plan) -> Choice | None:
    """ "Who was her employer in 2017?": the entry whose dates cover those years."""
    if not plan.years or not (plan.work or plan.study or plan.employer):
        return None
    low, high = min(plan.years), max(plan.years)
    overlapping = [
        u
        for u in answerer.dated(plan.entry_kind)
        if u.entry["start"][0] <= high and (u.entry["end"] or u.entry["start"])[0] >= low
    ]
    if not overlapping:
        return None
    overlapping.sort(key=lambda u: -_overlap(u.entry, low, high))
    unit = overlapping[0]
    return Choice("period", [unit], answerer.render_entry(unit, plan, header_only=True))


def first_or_latest_by_dates(answerer, plan) -> Choice | None:
    """ "First", "latest", "current": every entry of the section, on every page,
    ordered by its dates."""
    plain = plan.what_did and not plan.content and not plan.entities  # "what does she do now?"
    if not (plan.first or plan.current) or not (
        plan.work or plan.study or "experience" in plan.kinds or plain
    ):
        return None
    dated = answerer.dated(plan.entry_kind)
    if not dated:
        return None
    order = sorted(dated, key=_chronological)
    if plan.first and not plan.current:
        unit = order[0]
    else:
        running = [u for u in order if u.entry.get("current") or u.entry["end"][0] == PRESENT_YEAR]
        unit = max(running or order, key=_chronological)
    return Choice("order", [unit], answerer.render_entry(unit, plan))


def contact_lines_for_contact_questions(answerer, plan) -> Choice | None:
    """Where the person is and how to reach them: the header's own lines."""
    if plan.asks not in ("contact", "place"):
        return None
    quotes = answerer.render_header("contact" if plan.asks == "contact" else "location")
    if not quotes:
        return None
    units = [u for u in answerer.units if u.kind in _HEADER_KINDS]
    return Choice("contact", units[:1], quotes)


def whole_list_for_a_list_question(answerer, plan) -> Choice | None:
    """ "Which certifications does she hold?": the whole section."""
    list_kind = next((k for k in plan.kinds if k in _LISTED), None)
    if not list_kind or plan.asks in ("number", "date", "skill"):
        return None
    if not (_LIST_ASK.search(plan.question) or not plan.content):
        return None
    units = [u for u in answerer.units if u.kind == list_kind]
    if not units:
        return None
    if plan.content and list_kind in ("skills", "projects", "volunteering", "publications"):
        # "which cloud certification", "what did the Rust project do": a fact in the list.
        relevant = [u for u in units if answerer.unit_coverage(u, plan)]
        if list_kind == "skills" or not relevant:
            return None
        units = relevant
    quotes = []
    for unit in units:
        quotes += answerer.render_entry(unit, plan) if unit.entry else answerer.render_list(unit)
    if plan.years:
        # "Which award did she win in 2015?": the items of that year, or none.
        quotes = [q for q in quotes if any(str(year) in q[0] for year in plan.years)]
    elif plan.content:
        # "Which cloud certification": the items that are, when some are.
        matching = [q for q in quotes if answerer.coverage_of(q[0], plan)]
        quotes = matching or quotes
    return Choice("list", units, quotes[:MAX_LIST_LINES])


def overview_of_a_section(answerer, plan) -> Choice | None:
    """ "What is her work experience?": every entry's title block, in order."""
    overview = next((k for k in plan.kinds if k in ("experience", "education")), None)
    if not overview or plan.content or plan.entities or plan.number:
        return None
    if plan.where and overview == "education":
        return None
    units = [u for u in answerer.units if u.kind == overview and u.entry][:6]
    if not units:
        return None
    quotes = [q for u in units for q in answerer.render_entry(u, plan, header_only=True)]
    return Choice("overview", units, quotes)


def schools_for_where_studied(answerer, plan) -> Choice | None:
    """ "Where did she study?": the education entries, latest first."""
    if not (plan.where and plan.study and not plan.entities and not plan.content):
        return None
    units = answerer.entries("education")
    if not units:
        return None
    ordered = sorted(units, key=lambda u: -(u.entry.get("end") or u.entry.get("start") or [0])[0])
    quotes = [q for u in ordered[:3] for q in answerer.render_entry(u, plan, header_only=True)]
    return Choice("schools", ordered[:3], quotes)


RULES = (
    degree_of_the_level_asked,
    thesis_of_a_final_project,
    entry_before_or_after_the_one_named,
    entry_named_in_the_question,
    entry_of_the_period_asked,
    first_or_latest_by_dates,
    contact_lines_for_contact_questions,
    whole_list_for_a_list_question,
    overview_of_a_section,
    schools_for_where_studied,
)


# --- 4. Answer checks: each returns what the chosen answer lacks ---------------------------


def a_when_answer_holds_a_date(answerer, plan, choice, quoted) -> list[str]:
    return ["dates"] if plan.asks == "date" and not find_dates(quoted) else []


def a_how_many_answer_holds_a_number(answerer, plan, choice, quoted) -> list[str]:
    if plan.asks == "number" and not _has_number(quoted):
        return ["number"]
    return []


def a_how_many_answer_counts_what_was_asked(answerer, plan, choice, quoted) -> list[str]:
    """ "How many languages does she speak?" is not answered by "10 years of
    experience": a number the scorer found must count (or measure) a thing the
    question names, or its gloss or synonym."""
    if plan.asks != "number" or choice.rule != "best line" or not plan.wanted:
        return []
    return [] if answerer.counts_asked(quoted, plan) else ["uncounted"]


def an_answer_shares_something_with_the_question(answerer, plan, choice, quoted) -> list[str]:
    if choice.rule != "best line":
        return []
    if not plan.kinds and not answerer.coverage_of(quoted, plan):
        return ["unrelated"]
    return []


def a_contact_answer_covers_what_was_asked(answerer, plan, choice, quoted) -> list[str]:
    """ "What phone model does she use?" is not answered by her phone number."""
    if choice.rule != "contact":
        return []
    tokens = answerer.tokens(quoted)
    return [
        t for t in plan.content if t not in _REACHING_VERBS and not answerer.found(t, tokens, plan)
    ]


def a_percentage_answer_holds_a_share(answerer, plan, choice, quoted) -> list[str]:
    """ "By what percentage did incidents fall?" is not answered by "563 incidents a
    month": asked for a share, the quote must hold one."""
    if plan.asks == "number" and _SHARE_ASKED.search(plan.question) and not _SHARE.search(quoted):
        return ["share"]
    return []


ANSWER_CHECKS = (
    a_contact_answer_covers_what_was_asked,
    a_percentage_answer_holds_a_share,
    a_when_answer_holds_a_date,
    a_how_many_answer_holds_a_number,
    a_how_many_answer_counts_what_was_asked,
    an_answer_shares_something_with_the_question,
)


class Answerer:
    """Answers one (part of a) question from a snapshot's structure."""

    def __init__(self, structure: dict, chunks, subject: frozenset, *, language: str = "en"):
        self.structure = structure
        self.units = units_of(structure)
        # The person's name, accents folded as the question's words are.
        name = structure.get("name") or ""
        self.subject = frozenset(subject) | frozenset(tokenize(fold(name)))
        # The CV's words are matched in English: a Spanish CV's words carry their
        # English glosses, and cognates count.
        self.bridged = language == "es"
        self.full_text = (
            "\n".join(unit.text for unit in self.units)
            + "\n"
            + "\n".join(s.get("heading", "") for s in structure.get("sections", []))
        )
        self.all_tokens = self.tokens(self.full_text)
        self._unit_tokens = [self.tokens(u.text + " " + u.heading) for u in self.units]
        self._line_tokens = [[self.tokens(line["text"]) for line in u.lines] for u in self.units]
        # Chunk positions of each unit, to read its cosine to the question.
        self._positions: dict[tuple, int] = {}
        for position, chunk in enumerate(chunks):
            key = (chunk.section_index, chunk.entry)
            self._positions.setdefault(key, position)

    # --- words ----------------------------------------------------------------

    def tokens(self, text: str) -> frozenset[str]:
        folded = fold(text)
        found = frozenset(tokenize(folded))
        if "%" in folded:
            found |= _PERCENT_WORDS  # "75 %" says "percent" as much as the word does
        if not self.bridged:
            return found
        # Glossed before plurals are folded: "ingles" is "inglés", not a plural.
        glossed = gloss(words(folded)) | gloss_phrases(folded)
        return found | {stem(word) for word in glossed}

    def found(self, term: str, tokens: frozenset[str], plan: Plan) -> bool:
        return found_in(term, tokens, bridged=self.bridged or term in plan.foreign)

    def mentions(self, entity: str, text: str, plan: Plan) -> bool:
        """Whether the text names the entity: as written, or (across languages) every
        word of it or of its gloss ("Engineering Manager" / "Responsable de ingeniería")."""
        if _phrase_in(entity, text):
            return True
        words = tokenize(fold(entity))
        if not words or not (self.bridged or any(w in plan.foreign for w in words)):
            return False
        tokens = self.tokens(text)
        # Only a Spanish question's words are read as Spanish: in an English question
        # "Nubeo" is a name, not "nube" (cloud).
        glossed = any(w in plan.foreign for w in words)
        return all(
            found_in(w, tokens, bridged=True)
            or (glossed and any(found_in(g, tokens, bridged=True) for g in gloss({w})))
            for w in words
        )

    def header_coverage(self, unit: Unit, plan: Plan) -> float:
        """Share of all the question's words (untranslated ones too) in the title block."""
        if not unit.entry or not plan.terms:
            return 0.0
        tokens = self.tokens(unit.entry["header"])
        return sum(1 for t in plan.terms if self.found(t, tokens, plan)) / len(plan.terms)

    def hits(self, tokens: frozenset[str], plan: Plan) -> int:
        """How many of the question's wanted words (a word and its glosses as one)
        are among the tokens."""
        return sum(
            any(self.found(form, tokens, plan) for form in group) for group in plan.wanted_groups
        )

    def share(self, tokens: frozenset[str], plan: Plan) -> float:
        groups = len(plan.wanted_groups)
        return self.hits(tokens, plan) / groups if groups else 0.0

    def coverage_of(self, text: str, plan: Plan) -> float:
        return self.share(self.tokens(text), plan)

    def unit_coverage(self, unit: Unit, plan: Plan) -> float:
        return self.share(self._unit_tokens[self.units.index(unit)], plan)

    # --- units ----------------------------------------------------------------

    def entries(self, kind: str) -> list[Unit]:
        return [u for u in self.units if u.kind == kind and u.entry]

    def dated(self, kind: str) -> list[Unit]:
        return [u for u in self.entries(kind) if u.entry.get("start")]

    def position(self, unit: Unit):
        return self._positions.get((unit.section_index, unit.entry_index))

    # --- answering ------------------------------------------------------------

    def answer(self, plan: Plan, cosines: dict) -> PartAnswer:
        # An untranslated word the CV has as it is ("mapleflow") is a name, not Spanish.
        plan.content += [
            t
            for t in plan.terms
            if t in plan.foreign and t not in plan.content and len(t) > 3 and t in self.all_tokens
        ]
        failures = [f for check in PREMISE_CHECKS for f in check(self, plan)]
        if not self.units:
            return PartAnswer([], 0.0, False)
        choice = next((c for rule in RULES if (c := rule(self, plan)) is not None), None)
        if choice is None:
            choice = self.best_lines(plan, cosines)
        if choice is None or not choice.quotes:
            return PartAnswer([], 0.0, False, failures=failures or ["nothing"])
        quoted = " ".join(text for text, _ in choice.quotes)
        failures += [f for check in ANSWER_CHECKS for f in check(self, plan, choice, quoted)]
        features = self.features(plan, choice, cosines, quoted)
        confidence = round(calibration.probability(features), 4)
        if failures:
            return PartAnswer(
                [],
                min(confidence, REFUSED_CONFIDENCE_CAP),
                False,
                choice.units,
                features,
                choice.rule,
                failures,
            )
        return PartAnswer(choice.quotes, confidence, True, choice.units, features, choice.rule)

    def features(self, plan: Plan, choice: Choice, cosines: dict, quoted: str) -> dict:
        """The named features the calibrated confidence is read from."""
        cosine = max((cosines.get(self.position(u), 0.0) for u in choice.units), default=0.0)
        best = max(
            range(len(self.units)),
            key=lambda i: (cosines.get(self.position(self.units[i]), 0.0), -i),
        )
        return {
            "cosine": max(cosine, 0.0),
            "coverage": self.coverage_of(quoted, plan) if plan.wanted else 1.0,
            "unit_coverage": max((self.unit_coverage(u, plan) for u in choice.units), default=0)
            if plan.wanted
            else 1.0,
            "rule": float(choice.rule != "best line"),
            "type_match": float(has_type(plan.asks, quoted)),
            "section_match": float(any(u.kind in plan.kinds for u in choice.units)),
            "top_agrees": float(any(u is self.units[best] for u in choice.units) or not cosines),
            "lexical_agrees": float(self.lexical_agrees(plan, choice)),
            "entity_match": float(
                bool(plan.entities)
                and any(_phrase_in(e, u.text) for e in plan.entities for u in choice.units)
            ),
            "margin": max(min(choice.margin, 1.0), 0.0),
            "bridged": float(self.bridged),
            "glossed": float(self.coverage_of(quoted, plan) > self.literal_coverage(quoted, plan)),
            "loose_match": self.loose_share(quoted, plan),
            "type_unchecked": float(plan.asks not in _TYPE_PATTERNS),
            "rivals": min(choice.rivals, MAX_RIVALS) / MAX_RIVALS,
            "entity_unseen": float(
                bool(plan.entities)
                and not any(_phrase_in(e, u.text) for e in plan.entities for u in choice.units)
            ),
            "uncounted": float(plan.asks == "number" and not self.counts_asked(quoted, plan)),
            "section_conflict": float(
                any(k in SECTION_KINDS for k in plan.kinds)
                and not any(u.kind in plan.kinds for u in choice.units)
            ),
        }

    def lexical_agrees(self, plan: Plan, choice: Choice) -> bool:
        """The lexical ranking agrees with the choice: no unit of the CV holds more of
        the question's words than the chosen ones do."""
        if not plan.wanted:
            return True
        chosen = max((self.unit_coverage(u, plan) for u in choice.units), default=0.0)
        return all(self.share(tokens, plan) <= chosen for tokens in self._unit_tokens)

    def literal_coverage(self, text: str, plan: Plan) -> float:
        """Share of the question's words in the text as the text writes them: no
        gloss of a Spanish word, no cognate."""
        groups = plan.wanted_groups
        if not groups:
            return 0.0
        tokens = frozenset(tokenize(fold(text)))
        return sum(any(found_in(t, tokens) for t in group) for group in groups) / len(groups)

    def loose_share(self, text: str, plan: Plan) -> float:
        """Of the question's words found in the text, the share found only by a long
        shared beginning or as a cognate ("intern" in "international"), not as the
        word, an inflection or a synonym of it."""
        tokens = self.tokens(text)
        found = [g for g in plan.wanted_groups if any(self.found(t, tokens, plan) for t in g)]
        loose = [g for g in found if not any(word_or_inflection_in(t, tokens) for t in g)]
        return len(loose) / len(found) if found else 0.0

    def best_lines(self, plan: Plan, cosines: dict) -> Choice | None:
        """No rule applied: every line of the CV scored by LINE_FEATURES, among the
        lines that hold the kind of answer asked for; header and contact lines only
        for contact questions. The best line is quoted with its entry's title block."""
        scored = []
        for index, unit in enumerate(self.units):
            if unit.kind in _HEADER_KINDS and plan.asks not in ("contact", "place"):
                continue
            for number in range(len(unit.lines)):
                values = self.line_features(index, number, plan, cosines)
                score = sum(LINE_FEATURES[name] * value for name, value in values.items())
                scored.append((score, values, index, number))
        if not scored:
            return None
        scored.sort(key=lambda item: (-item[0], item[2], item[3]))
        if plan.asks in _TYPE_PATTERNS:
            # Among the lines as much about the question as the best one, those that
            # hold a date or a number; when none does, the best line stands and the
            # answer check refuses (the CV says it, but not when or how many).
            about = scored[0][1]["line_coverage"]
            typed = [i for i in scored if i[1]["type_match"] and i[1]["line_coverage"] >= about]
            scored = typed + [i for i in scored if i not in typed]
        score, _, index, number = scored[0]
        unit = self.units[index]
        others = [s for s, _, i, _ in scored if i != index]
        margin = score - others[0] if others else 1.0
        rivals = sum(1 for other in others if other >= score - RIVAL_MARGIN)
        if unit.entry and number < self.header_count(unit) and plan.asks in ("description", "list"):
            # The question names the entry itself ("what is driftnote built with?"):
            # its description is the title block with its bullets.
            quotes = self.render_entry(unit, plan, header_only=False)[:MAX_ENTRY_LINES]
            return Choice("best line", [unit], quotes, margin, rivals)
        lines = [number, *self._companion_lines(index, number, plan)]
        return Choice("best line", [unit], self.render_lines(unit, lines, plan), margin, rivals)

    def line_features(self, index: int, number: int, plan: Plan, cosines: dict) -> dict:
        unit = self.units[index]
        tokens = self._line_tokens[index][number]
        text = unit.lines[number]["text"]
        return {
            "cosine": cosines.get(self.position(unit), 0.0),
            "line_coverage": self.share(tokens, plan),
            "unit_coverage": self.share(self._unit_tokens[index], plan),
            "section_match": float(unit.kind in plan.kinds),
            "entity_match": float(any(_phrase_in(e, unit.text) for e in plan.entities)),
            "type_match": float(plan.asks in _TYPE_PATTERNS and has_type(plan.asks, text)),
            "counts_asked": float(plan.asks == "number" and self.counts_asked(text, plan)),
        }

    def counts_asked(self, text: str, plan: Plan) -> bool:
        """A number in the line counts a thing the question names ("6 ingenieros" for
        "how many engineers"), or a share measures one ("cut the latency by 35 %"),
        not something else ("10 años de experiencia")."""
        folded = fold(text)
        if _HOW_MUCH.search(plan.question) and any(
            _CURRENCY.search(match.group("what")) for match in _COUNTED.finditer(folded)
        ):
            return True
        spans = [
            self.tokens(" ".join(filter(None, match.groupdict().values())))
            for pattern in (_COUNTED, _MEASURED)
            for match in pattern.finditer(folded)
        ]
        if any(self.hits(tokens, plan) for tokens in spans):
            return True
        # "¿A cuántos idiomas tradujo el producto?": the number counts the noun the
        # question counts, even a word that otherwise names a section ("languages"),
        # when the question says what else it is about (the product).
        return bool(plan.counted and plan.content) and any(
            self.found(noun, tokens, plan) for noun in plan.counted for tokens in spans
        )

    def _companion_lines(self, index: int, number: int, plan: Plan) -> list[int]:
        """Other lines of the unit as relevant as the best one (a description spans
        several bullets); none for a date or a number, which one line holds."""
        if plan.asks in _TYPE_PATTERNS or not plan.wanted:
            return []
        hits = [self.hits(line, plan) for line in self._line_tokens[index]]
        best = hits[number]
        if not best:
            return []
        return [i for i, count in enumerate(hits) if i != number and count >= max(best - 1, 1)][
            : MAX_SENTENCES - 1
        ]

    # --- rendering ----------------------------------------------------------

    def header_count(self, unit: Unit) -> int:
        entry = unit.entry
        return max(1, len(entry["lines"]) - len(entry["bullets"]))

    def render_entry(
        self, unit: Unit, plan: Plan, *, header_only: bool | None = None
    ) -> list[tuple[str, int]]:
        """An entry's title block; with its bullets when the question asks what was
        done there (or about a degree: the thesis and honours under it)."""
        if unit.entry is None:
            return self.render_list(unit)
        if header_only is None:
            header_only = plan.asks in ("date", "organisation", "title", "degree", "place")
            if plan.asks == "degree" and plan.what_did:
                header_only = False
        lines = unit.entry["lines"]
        count = self.header_count(unit)
        chosen = lines if not header_only else lines[:count]
        if header_only and plan.wanted:
            # A line under the title block that the question names ("thesis") comes too.
            chosen = chosen + [
                line
                for line in lines[count:]
                if any(self.found(t, self.tokens(line["text"]), plan) for t in plan.content)
            ]
        return [(line["text"], line["page"]) for line in chosen]

    def render_lines(self, unit: Unit, numbers: list[int], plan: Plan) -> list[tuple[str, int]]:
        """Lines of a unit in reading order, an entry's title block first, so a
        bullet is never quoted without whose it is."""
        numbers = sorted(set(numbers))
        if unit.entry is not None:
            numbers = sorted(set(numbers) | set(range(self.header_count(unit))))
        return [(unit.lines[i]["text"], unit.lines[i]["page"]) for i in numbers]

    def render_header(self, asked: str) -> list[tuple[str, int]]:
        """The header's (or contact section's) lines without the name: where the CV
        says where the person is and how to reach them."""
        name = (self.structure.get("name") or "").strip()
        lines = [
            line
            for unit in self.units
            if unit.kind in _HEADER_KINDS
            for line in unit.lines
            if line["text"].strip() != name
        ]
        if asked == "contact":
            lines = [line for line in lines if _CONTACT.search(line["text"])]
        return [(line["text"], line["page"]) for line in lines[:3]]

    def render_list(self, unit: Unit) -> list[tuple[str, int]]:
        return [(line["text"], line["page"]) for line in unit.lines]


def _chronological(unit: Unit):
    return (tuple(unit.entry["start"]), tuple(unit.entry["end"] or unit.entry["start"]))


def _overlap(entry, low, high) -> int:
    start = entry["start"][0]
    end = (entry["end"] or entry["start"])[0]
    return min(end, high) - max(start, low)
