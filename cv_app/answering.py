"""Offline answers from a structured CV: the smallest complete unit that answers.

The question is read for what it asks (dates, a list, the first or current entry,
an entry at a named organisation, a degree level, a number) and for what it
presumes (a company, a skill, a degree, a GPA). Units are the CV's own: an entry
(title block, dates, bullets), a list section, or the lines of a section. Each
unit is scored by the question's vector against its chunk, the question's words
in it and whether it is of the kind asked about; then the chosen unit is checked
against the question before it is offered:

- every name or specific term the question presumes must be in the CV, and a
  company one "worked at" or a school one "studied at" in an entry of that kind;
- a "when" answer must hold dates, a "how many" answer a number;
- most of the question's own content words must be somewhere in the CV.

A failed check refuses ("the CV doesn't say") with a low confidence, whatever the
retrieval scored, so wrong answers and refusals separate. No words are added to
the quotes but the page framing.
"""

import re
from dataclasses import dataclass, field

from cv_app.retrieval import calibrate
from cv_app.structure import LIST_KINDS, PRESENT_YEAR, find_dates
from cv_app.text import SYNONYMS, _stem, tokenize

# What asking about a CV sounds like: words that name the kind of answer, not a
# fact that must be in it.
_QUESTION_VOCABULARY = frozenset(
    _stem(w)
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
    get become became any other all employ employed address mail e-mail""".split()
)
# Premises worth checking even in lower case: asking about one the CV lacks is a
# false premise, not a paraphrase.
_PREMISE_TERMS = {
    "phd": r"\bph\.?\s?d\b|\bdoctor(?:ate|al)\b|\bdphil\b",
    "doctorate": r"\bph\.?\s?d\b|\bdoctor(?:ate|al)\b|\bdphil\b",
    "mba": r"\bmba\b|master of business",
    "master": r"\bmaster|\bm\.?sc\b|\bm\.?a\.?\b|\bm\.?eng\b|\bmba\b|\bm\.?s\.?\b|\bmáster\b",
    "bachelor": r"\bbachelor|\bb\.?sc\b|\bb\.?a\.?\b|\bb\.?eng\b|\bb\.?s\.?\b|\bgrado\b|"
    r"\blicenciatura\b",
    "gpa": r"\bgpa\b|grade point|\bcgpa\b",
}
_DEGREE_LEVELS = ("phd", "doctorate", "mba", "master", "bachelor")

_WHEN = re.compile(
    r"\b(when|what year|which year|since when|how long|dates?|period|start(?:ed)?|"
    r"began|begin|join(?:ed)?|left|leave|end(?:ed)?|finish(?:ed)?|graduat\w*)\b",
    re.I,
)
_FIRST = re.compile(r"\b(first|earliest|initial|oldest|began (?:her|his|their) career)\b", re.I)
_CURRENT = re.compile(
    r"\b(current(?:ly)?|now|present(?:ly)?|latest|most recent|recent|today|these days)\b", re.I
)
_NUMBER = re.compile(r"\bhow (many|much)\b|\bwhat percentage\b|\bby how\b", re.I)
_WHAT_DID = re.compile(
    r"\b(what did|what does|what do|responsibilit\w*|achiev\w*|tell me about|describe|"
    r"role at|do at|work on|worked on|accomplish\w*)\b",
    re.I,
)
_WHERE = re.compile(
    r"\b(where|which (?:university|school|college|company|companies|employer))\b", re.I
)
_EMPLOYER = re.compile(
    r"\b(employer|company|companies|organi[sz]ation|work for|worked for|who employ)", re.I
)
_TITLE = re.compile(r"\b(title|role|position|job)\b", re.I)
_STUDY = re.compile(
    r"\b(stud\w*|degree|universit\w*|college|school|educat\w*|graduat\w*|bachelor\w*|"
    r"master\w*|msc|bsc|phd|doctorate|mba|diploma|qualification\w*)\b",
    re.I,
)
_WORK = re.compile(
    r"\b(work\w*|job\w*|employ\w*|compan\w*|role|position|career|title|intern\w*)\b", re.I
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
        r"\b(years of experience|summary|overview|profile|about (?:her|him|them)(?:self)?|"
        r"introduce|who is)\b",
        re.I,
    ),
    "location": re.compile(
        r"\b(based|live[sd]?|living|located|location|city|country|reside\w*|where\b.*\bfrom)\b",
        re.I,
    ),
    "contact": re.compile(
        r"\b(e-?mail|phone|telephone|mobile|contact|reach|linkedin|github|website)\b", re.I
    ),
}
_LIST_ASK = re.compile(r"\b(which|what|list|all|any)\b", re.I)
_SPLIT = re.compile(
    r"\?\s*(?=\S)|\s*(?:,\s*)?\band\s+(?=(?:what|when|where|which|who|how|does|did|is|has|can|"
    r"do)\b)",
    re.I,
)
# Words that are capitalised in questions without naming anything.
_CAPITALISED_COMMON = frozenset(
    "i what when where which who whom how why does did do is are was were has have had can "
    "could would will tell list name please cv resume the a an and or in at on for "
    "she he they her his their its".split()
)

_CONTACT = re.compile(r"@|\+?\d[\d ()-]{6,}|linkedin|github|https?://|www\.", re.I)
UNIT_KIND_BONUS = 0.25
ENTITY_BONUS = 0.35
LEXICAL_BONUS = 0.3
MAX_LIST_LINES = 12
MAX_SENTENCES = 3
# Share of the question's content words that may be missing from the whole CV.
MAX_MISSING_SHARE = 0.5
REFUSED_CONFIDENCE_CAP = 0.2


@dataclass
class Plan:
    question: str
    terms: list[str]
    content: list[str]
    entities: list[str]
    kinds: list[str]
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


@dataclass
class Unit:
    kind: str
    section_index: int
    entry: dict | None
    lines: list[dict]
    heading: str

    @property
    def page(self) -> int:
        return self.lines[0]["page"] if self.lines else 1

    @property
    def text(self) -> str:
        return "\n".join(line["text"] for line in self.lines)


@dataclass
class PartAnswer:
    quotes: list[tuple[str, int]]  # (text, page) in order
    confidence: float
    answered: bool
    units: list[Unit] = field(default_factory=list)


def split_question(question: str) -> list[str]:
    """One or two questions: "Where did she study and when did she graduate?"."""
    parts = [p.strip(" ?,") for p in _SPLIT.split(question or "") if p and p.strip(" ?,")]
    parts = [p for p in parts if len(tokenize(p)) >= 1]
    return parts[:2] if len(parts) > 1 else [question.strip()]


def _entities(question: str, subject: frozenset) -> list[str]:
    """Names the question presumes: capitalised words past the first, in runs
    ("Google Cloud"), and terms with digits or symbols ("C++", "AWS")."""
    tokens = re.findall(r"[A-Za-z0-9][\w+#.&'-]*[\w+#]|[A-Za-z0-9]", question)
    found, run = [], []
    for position, token in enumerate(tokens):
        lower = token.lower().strip("'")
        capital = token[:1].isupper() and position > 0 and lower not in _CAPITALISED_COMMON
        special = bool(re.search(r"[+#]", token)) or (token.isupper() and len(token) >= 2)
        if (
            (capital or special)
            and _stem(lower) not in subject
            and lower.rstrip("'s") not in subject
        ):
            run.append(token)
            continue
        if run:
            found.append(" ".join(run))
            run = []
    if run:
        found.append(" ".join(run))
    return [re.sub(r"'s$", "", e) for e in found if not re.fullmatch(r"(19|20)\d\d", e)]


def plan_question(
    question: str, subject: frozenset = frozenset(), *, unknown: frozenset = frozenset()
) -> Plan:
    """What the question asks and presumes. `unknown`: words of a translated question
    that the bridge did not know; they are evidence when the CV has them, but their
    absence is not (they may be Spanish words for something the CV says in English)."""
    terms = tokenize(question, drop=subject)
    content = [
        t for t in terms if t not in _QUESTION_VOCABULARY and not t.isdigit() and t not in unknown
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
    )
    lowered = question.lower()
    for term in _PREMISE_TERMS:
        if re.search(rf"\b{term}", lowered) or (term == "phd" and "ph.d" in lowered):
            plan.premises.append(term)
    if "doctor" in lowered and "phd" not in plan.premises:
        plan.premises.append("phd")
    plan.degree = next((level for level in _DEGREE_LEVELS if level in plan.premises), None)
    if re.search(r"\b(experience|work history|career|employment|jobs)\b", question, re.I) and (
        "summary" not in kinds
    ):
        kinds.append("experience")
    if plan.study and "education" not in kinds and not kinds:
        plan.kinds.append("education")
    if plan.work and not plan.study and not kinds:
        plan.kinds.append("experience")
    return plan


def units_of(structure: dict) -> list[Unit]:
    units = []
    for index, section in enumerate(structure.get("sections", [])):
        if section.get("entries"):
            for entry in section["entries"]:
                units.append(
                    Unit(section["kind"], index, entry, entry["lines"], section["heading"])
                )
        elif section["lines"]:
            units.append(Unit(section["kind"], index, None, section["lines"], section["heading"]))
    return units


def _tokens(text: str) -> set[str]:
    return set(tokenize(text))


def _root(word: str) -> str:
    # "saved"/"save", "leading"/"lead": enough to meet a question's verb in a CV line.
    for suffix in ("ing", "ed", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _found(term: str, tokens: set[str]) -> bool:
    if tokens & SYNONYMS.get(term, {term}):
        return True
    root = _root(term)
    return any(
        _root(token) == root
        or (
            len(token) >= 5
            and len(term) >= 5
            and (token.startswith(term) or term.startswith(token))
        )
        for token in tokens
    )


def _phrase_in(phrase: str, text: str) -> bool:
    return bool(re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text, re.I))


class Answerer:
    """Answers one (part of a) question from a snapshot's structure."""

    def __init__(self, structure: dict, chunks, subject: frozenset):
        self.structure = structure
        self.units = units_of(structure)
        self.subject = subject
        self.full_text = (
            "\n".join(unit.text for unit in self.units)
            + "\n"
            + "\n".join(s.get("heading", "") for s in structure.get("sections", []))
        )
        self.all_tokens = _tokens(self.full_text)
        self._unit_tokens = [_tokens(u.text + " " + u.heading) for u in self.units]
        # Chunk positions of each unit, to read its cosine to the question.
        self._positions: dict[tuple, int] = {}
        for position, chunk in enumerate(chunks):
            key = (chunk.section_index, chunk.entry)
            self._positions.setdefault(key, position)

    # --- checks -------------------------------------------------------------

    def _premise_failures(self, plan: Plan) -> list[str]:
        failures = []
        for entity in plan.entities:
            if not _phrase_in(entity, self.full_text):
                failures.append(entity)
                continue
            scope = None
            if (
                plan.work
                and not plan.study
                and (
                    plan.employer
                    or re.search(rf"\b(at|for)\s+{re.escape(entity)}", plan.question, re.I)
                )
            ):
                scope = "experience"
            elif plan.study and re.search(
                rf"\b(at|in|from)\s+{re.escape(entity)}", plan.question, re.I
            ):
                scope = "education"
            if scope and not any(
                u.kind == scope and u.entry and _phrase_in(entity, u.entry["header"])
                for u in self.units
            ):
                failures.append(entity)
        for premise in plan.premises:
            pattern = _PREMISE_TERMS[premise]
            if premise in _DEGREE_LEVELS:
                haystack = "\n".join(
                    u.entry["header"] for u in self.units if u.kind == "education" and u.entry
                ) or "\n".join(u.text for u in self.units if u.kind == "education")
            else:
                haystack = self.full_text
            if not re.search(pattern, haystack, re.I):
                failures.append(premise)
        missing = [t for t in plan.content if not _found(t, self.all_tokens)]
        if plan.content and len(missing) / len(plan.content) > MAX_MISSING_SHARE:
            failures += missing
        return failures

    # --- choosing -------------------------------------------------------------

    def _score(self, index: int, unit: Unit, plan: Plan, cosines) -> tuple[float, float, float]:
        tokens = self._unit_tokens[index]
        wanted = plan.content or plan.terms
        coverage = sum(1 for t in wanted if _found(t, tokens)) / len(wanted) if wanted else 0.0
        cosine = cosines.get(self._position(unit), 0.0)
        score = cosine + LEXICAL_BONUS * coverage
        if unit.kind in plan.kinds:
            score += UNIT_KIND_BONUS
        if any(_phrase_in(e, unit.text) for e in plan.entities):
            score += ENTITY_BONUS
        return score, cosine, coverage

    def _position(self, unit: Unit):
        section = self.structure["sections"][unit.section_index]
        entry = None
        if unit.entry is not None:
            entry = next(i for i, e in enumerate(section["entries"]) if e is unit.entry)
        return self._positions.get((unit.section_index, entry))

    def _dated(self, kind: str) -> list[Unit]:
        return [u for u in self.units if u.kind == kind and u.entry and u.entry.get("start")]

    def answer(self, plan: Plan, cosines: dict) -> PartAnswer:
        failures = self._premise_failures(plan)
        scored = sorted(
            ((self._score(i, u, plan, cosines), i, u) for i, u in enumerate(self.units)),
            key=lambda item: (-item[0][0], item[1]),
        )
        if not scored:
            return PartAnswer([], 0.0, False)
        _, _, best = scored[0]
        chosen, quotes, structural = self._choose(plan, scored)
        if chosen is None:
            chosen = [best]
        if not quotes:
            quotes = self._sentences(chosen[0], plan)
        unit = chosen[0]
        cosine = max(cosines.get(self._position(u), 0.0) for u in chosen)
        coverage = max(
            (
                sum(
                    1
                    for t in (plan.content or plan.terms)
                    if _found(t, _tokens(f"{u.heading} {u.text}"))
                )
                / max(len(plan.content or plan.terms), 1)
            )
            for u in chosen
        )
        confidence = calibrate(cosine, coverage, agree=unit is best)
        if structural:
            confidence = 1.0 - (1.0 - confidence) * 0.4
        elif unit.kind in plan.kinds:
            # The unit is of the section the question names ("years of experience"
            # in the summary): evidence, though weaker than a shape that picked it.
            confidence = 1.0 - (1.0 - confidence) * 0.7
        joined = " ".join(text for text, _ in quotes)
        if plan.when and not structural and not find_dates(joined):
            failures.append("dates")
        if plan.number and not re.search(
            r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|"
            r"million|billion)\b",
            joined,
            re.I,
        ):
            failures.append("number")
        if not structural and not coverage and not plan.kinds and cosine < 0.45:
            failures.append("unrelated")
        if failures or not quotes:
            return PartAnswer([], min(confidence, REFUSED_CONFIDENCE_CAP), False, chosen)
        return PartAnswer(quotes, confidence, True, chosen)

    def _choose(self, plan: Plan, scored):
        """(units, quotes, structural) when the question's shape picks the unit;
        (None, [], False) to fall back to the best-scored unit's sentences."""
        kind = "education" if plan.study and not plan.work else "experience"
        if plan.work and plan.study:
            kind = "education" if plan.degree or "education" in plan.kinds[:1] else "experience"
        entity_units = [
            u
            for _, _, u in scored
            if u.entry and any(_phrase_in(e, u.entry["header"]) for e in plan.entities)
        ]
        if plan.degree:
            pattern = _PREMISE_TERMS[plan.degree]
            matching = [
                u
                for u in self._dated("education")
                + [x for x in self.units if x.kind == "education" and x.entry]
                if re.search(pattern, u.entry["header"], re.I)
            ]
            if matching:
                return (
                    [matching[0]],
                    self._render_entry(matching[0], plan, header_only=not plan.what_did),
                    True,
                )
        if entity_units and (
            plan.when or plan.what_did or plan.where or plan.title or plan.work or plan.study
        ):
            unit = entity_units[0]
            return (
                [unit],
                self._render_entry(unit, plan, header_only=plan.when and not plan.what_did),
                True,
            )
        if plan.years and (plan.work or plan.study or plan.employer):
            low, high = min(plan.years), max(plan.years)
            overlapping = [
                u
                for u in self._dated(kind)
                if u.entry["start"][0] <= high and (u.entry["end"] or u.entry["start"])[0] >= low
            ]
            if overlapping:
                overlapping.sort(key=lambda u: -_overlap(u.entry, low, high))
                return (
                    overlapping[:1],
                    self._render_entry(overlapping[0], plan, header_only=True),
                    True,
                )
        if (plan.first or plan.current) and (plan.work or plan.study or "experience" in plan.kinds):
            dated = self._dated(kind)
            if dated:
                order = sorted(
                    dated,
                    key=lambda u: (
                        tuple(u.entry["start"]),
                        tuple(u.entry["end"] or u.entry["start"]),
                    ),
                )
                unit = order[0] if plan.first and not plan.current else order[-1]
                if (
                    plan.current
                    and not unit.entry.get("current")
                    and unit.entry["end"][0] != PRESENT_YEAR
                ):
                    latest = max(order, key=lambda u: tuple(u.entry["end"] or u.entry["start"]))
                    unit = latest
                return [unit], self._render_entry(unit, plan, header_only=not plan.what_did), True
        for asked in ("contact", "location"):
            if asked in plan.kinds:
                quotes = self._render_header(asked)
                if quotes:
                    units = [u for u in self.units if u.kind in ("header", "contact")]
                    return units[:1], quotes, True
        list_kind = next(
            (
                k
                for k in plan.kinds
                if k in LIST_KINDS or k in ("projects", "publications", "volunteering")
            ),
            None,
        )
        if list_kind and (_LIST_ASK.search(plan.question) or not plan.content):
            units = [u for u in self.units if u.kind == list_kind]
            if list_kind == "skills" and plan.content:
                units = []  # "does she know Rust": a fact inside the list, not the list
            if units:
                quotes = []
                for unit in units:
                    quotes += self._render_list(unit)
                return units, quotes[:MAX_LIST_LINES], True
        overview = next((k for k in plan.kinds if k in ("experience", "education")), None)
        if overview and not plan.content and not plan.entities and not plan.number:
            units = [u for u in self.units if u.kind == overview and u.entry]
            if units and not (plan.where and overview == "education"):
                quotes = [
                    q for u in units[:6] for q in self._render_entry(u, plan, header_only=True)
                ]
                return units[:6], quotes, True
        if plan.where and plan.study and not plan.entities:
            units = [u for u in self.units if u.kind == "education" and u.entry]
            if units:
                ordered = sorted(
                    units, key=lambda u: -(u.entry.get("end") or u.entry.get("start") or [0])[0]
                )
                quotes = [
                    q for u in ordered[:3] for q in self._render_entry(u, plan, header_only=True)
                ]
                return ordered[:3], quotes, True
        if plan.where and plan.work and not plan.entities and kind == "experience" and plan.current:
            return None, [], False
        return None, [], False

    # --- rendering ----------------------------------------------------------

    def _render_entry(self, unit: Unit, plan: Plan, *, header_only: bool) -> list[tuple[str, int]]:
        entry = unit.entry
        lines = entry["lines"]
        header_count = max(1, len(lines) - len(entry["bullets"]))
        header = [(line["text"], line["page"]) for line in lines[:header_count]]
        if header_only:
            return header
        return header + [(line["text"], line["page"]) for line in lines[header_count:]]

    def _render_header(self, asked: str) -> list[tuple[str, int]]:
        """The header's (or contact section's) lines without the name: where the CV
        says where the person is and how to reach them."""
        name = (self.structure.get("name") or "").strip()
        lines = [
            line
            for unit in self.units
            if unit.kind in ("header", "contact")
            for line in unit.lines
            if line["text"].strip() != name
        ]
        if asked == "contact":
            lines = [line for line in lines if _CONTACT.search(line["text"])]
        return [(line["text"], line["page"]) for line in lines[:3]]

    def _render_list(self, unit: Unit) -> list[tuple[str, int]]:
        return [(line["text"], line["page"]) for line in unit.lines]

    def _sentences(self, unit: Unit, plan: Plan) -> list[tuple[str, int]]:
        """The unit's lines that hold the question's words; an entry's title block
        comes with them, so a bullet is never quoted without whose it is."""
        wanted = plan.content or plan.terms
        scored = []
        for position, line in enumerate(unit.lines):
            tokens = _tokens(line["text"])
            overlap = sum(1 for t in wanted if _found(t, tokens))
            if overlap:
                scored.append((-overlap, position, line))
        if not scored:
            if unit.entry is not None:
                return self._render_entry(unit, plan, header_only=False)[: MAX_SENTENCES + 1]
            return [(line["text"], line["page"]) for line in unit.lines[:MAX_SENTENCES]]
        scored.sort(key=lambda item: (item[0], item[1]))
        best = scored[0][0]
        picked = sorted(
            [item for item in scored if item[0] <= best + 1][:MAX_SENTENCES], key=lambda i: i[1]
        )
        quotes = [(line["text"], line["page"]) for _, _, line in picked]
        if unit.entry is not None:
            header = self._render_entry(unit, plan, header_only=True)
            quotes = [q for q in header if q not in quotes] + quotes
        return quotes


def _overlap(entry, low, high) -> int:
    start = entry["start"][0]
    end = (entry["end"] or entry["start"])[0]
    return min(end, high) - max(start, low)
