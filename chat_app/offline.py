"""The offline responder: answers from the owner's content alone, with no model.

It reads the question in this order: a request it should decline (code, trivia,
weather, jokes), a follow-up that points back at what the last answers showed
("the second one", "it", "there", "that company"), facts joined across the content
(years of experience from the jobs' dates, what was built with a technology), the
order of the owner's jobs ("before X", "first", "current"), the profile's own facts
(contact, location, availability), the items the question names, then what kind of
question it is, then shared words. Every sentence is built from the owner's content;
names and pronouns come from the Profile. When nothing matches it says so honestly.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

from chat_app.knowledge import Item, Knowledge, keywords, post_line, tokens
from chat_app.vocabulary import (
    AFTER,
    AVAILABILITY_PHRASES,
    AVAILABILITY_WORDS,
    BEFORE,
    BLOG,
    BUILT_WITH,
    CODE_REQUEST,
    CONTACT_STEMS,
    CURRENT,
    DEMONSTRATIVE,
    DURATION,
    FIRST,
    GREETINGS,
    INTENT_WORDS,
    JOB_WORDS,
    LATEST,
    LOCATION_WORDS,
    MORE_WORDS,
    OFF_TOPIC,
    ORDINALS,
    OWNER_WORDS,
    PHONE_WORDS,
    PRESENT_JOB,
    PROJECT_WORDS,
    REFERENT_WORDS,
    SKILL_WORDS,
    SMALL_TALK,
    STRONG_CONTACT_STEMS,
    TECH_FILLER,
    THANKS,
    TOPIC,
    WORK,
    WRITING_WORDS,
    WROTE,
)
from portfolio.api.language import normalize_language, translated

PRONOUNS = {
    "en": {
        "he": ("he", "him", "his"),
        "she": ("she", "her", "her"),
        "they": ("they", "them", "their"),
    },
}

# The responder's sentences: gettext msgids, in English; their Spanish is in
# locale/es. Phrases reads them in the answer's language.
TEXT = {
    "owner": gettext_lazy("the site owner"),
    "skills": gettext_lazy("%(Name)s's tech stack:"),
    "projects": gettext_lazy("Projects %(name)s has built:"),
    "experience": gettext_lazy("%(Name)s's work experience:"),
    "at": pgettext_lazy("a role at a company", "at"),
    "technologies": gettext_lazy("Technologies"),
    "tags": gettext_lazy("Tags"),
    "links": gettext_lazy("Links"),
    "skill_yes": gettext_lazy("Yes: %(skill)s is one of %(name)s's skills (%(category)s)."),
    "skill_used": gettext_lazy("%(Subj)s %(has)s used it as %(roles)s."),
    "skill_projects": gettext_lazy("It appears in %(poss)s projects %(projects)s."),
    "tech_used": gettext_lazy("%(Name)s has used %(tech)s as %(roles)s."),
    "tech_projects": gettext_lazy("%(tech)s appears in %(poss)s projects %(projects)s."),
    "no_phone": gettext_lazy("The portfolio lists no phone number for %(name)s."),
    "years_experience": gettext_lazy(
        "%(Name)s has %(span)s of professional experience, counted from the jobs in the "
        "portfolio: since %(since)s, when %(subj)s started as %(role)s."
    ),
    "years_current": gettext_lazy("%(Subj)s currently works as %(role)s."),
    # The number is read from the values: say("span_years", years=2).
    "span_years": ngettext_lazy("%(years)s year", "%(years)s years", "years"),
    "span_months": ngettext_lazy("%(months)s month", "%(months)s months", "months"),
    "span_and": pgettext_lazy("years and months", "and"),
    "built_with": gettext_lazy("Projects %(name)s has built with %(tech)s:"),
    "built_with_jobs": gettext_lazy(
        "No project in the portfolio mentions %(tech)s, but %(name)s has used it at work:"
    ),
    "month_year": gettext_lazy("%(month)s %(year)s"),
    "in_years": gettext_lazy("In %(years)s, %(name)s worked as:"),
    "no_years": gettext_lazy("The portfolio lists no job for %(name)s in %(years)s."),
    "hello": gettext_lazy(
        "Hello! I'm the assistant on %(name)s's portfolio. Ask me about %(poss)s work, "
        "skills, projects or experience, or how to get in touch."
    ),
    "thanks": gettext_lazy(
        "You're welcome! Is there anything else you'd like to know about %(name)s?"
    ),
    "contact": gettext_lazy("The best way to reach %(name)s is the contact form on this site."),
    "contact_links": gettext_lazy("You can also find %(obj)s here:"),
    "location": gettext_lazy("%(Name)s's location: %(location)s."),
    "no_location": gettext_lazy("The portfolio doesn't say where %(name)s is based."),
    "availability": gettext_lazy("%(Name)s's availability: %(availability)s."),
    "no_availability": gettext_lazy(
        "The portfolio doesn't say whether %(name)s is available for new work."
    ),
    "about": gettext_lazy("%(name)s: %(headline)s."),
    "about_skills": gettext_lazy("%(Poss)s core skills include %(skills)s."),
    "before": gettext_lazy("Before %(anchor)s, %(name)s worked as %(role)s."),
    "after": gettext_lazy("After %(anchor)s, %(name)s worked as %(role)s."),
    "none_before": gettext_lazy(
        "The portfolio lists no job before %(anchor)s: it is %(poss)s earliest one (%(period)s)."
    ),
    "none_after": gettext_lazy(
        "The portfolio lists no job after %(anchor)s: it is %(poss)s latest one."
    ),
    "first": gettext_lazy("%(Name)s's first job in the portfolio: %(role)s."),
    "latest": gettext_lazy("%(Name)s's most recent job: %(role)s."),
    "current": gettext_lazy("%(Name)s currently works as %(role)s."),
    "no_current": gettext_lazy(
        "The portfolio lists no current job for %(name)s; the most recent one is %(role)s."
    ),
    "which": gettext_lazy("Which one do you mean: %(options)s?"),
    "or": pgettext_lazy("one option or another", "or"),
    "cv": gettext_lazy("From %(name)s's CV (page %(page)s):"),
    "decline": gettext_lazy(
        "I'm here to answer questions about %(name)s's work, skills, projects and "
        "experience, so I can't help with that. Is there anything you'd like to know about "
        "%(name)s?"
    ),
    "no_posts": gettext_lazy("%(Name)s hasn't published any blog posts yet."),
    "no_posts_topic": gettext_lazy("%(Name)s hasn't written a blog post about %(topic)s yet."),
    "posts_topic": gettext_lazy("Blog posts %(name)s has written about %(topic)s:"),
    "posts_latest": gettext_lazy("%(Name)s's latest blog post:"),
    "posts": gettext_lazy("%(Name)s's blog posts, newest first:"),
    "unknown": gettext_lazy(
        "I don't have information about that in %(name)s's portfolio, so I won't guess. "
        "You can ask %(obj)s directly through the contact form."
    ),
}

LINK_LABELS = [
    ("email", pgettext_lazy("contact link", "Email")),
    ("phone", pgettext_lazy("contact link", "Phone")),
    ("github", "GitHub"),
    ("linkedin", "LinkedIn"),
    ("website", pgettext_lazy("contact link", "Web")),
]
CONTENT_KINDS = ("project", "experience", "skill")


# What an answer amounts to, for the owner's inbox (faq_app): only "refused" and
# "low_confidence" answers are gaps in what the assistant knows.
ANSWERED, REFUSED, LOW_CONFIDENCE, DECLINED = "answered", "refused", "low_confidence", "declined"


@dataclass
class Answer:
    text: str
    sources: list[dict] = field(default_factory=list)
    outcome: str = ANSWERED


class Phrases:
    """The responder's sentences in one language, with the owner's name and pronouns filled in."""

    def __init__(self, knowledge: Knowledge):
        self.language = normalize_language(knowledge.language) or "en"
        profile = knowledge.profile
        name = profile.title if profile else self.label(TEXT["owner"])
        pronoun = (profile.fields.get("pronoun") if profile else "") or ""
        # Without a pronoun the owner is named every time, which is never wrong.
        subj, obj, poss = PRONOUNS["en"].get(pronoun, (name, name, f"{name}'s"))
        self.values = {
            "name": name,
            "Name": name[:1].upper() + name[1:],
            "subj": subj,
            "Subj": subj[:1].upper() + subj[1:],
            "obj": obj,
            "poss": poss,
            "Poss": poss[:1].upper() + poss[1:],
            "has": "have" if pronoun == "they" else "has",
        }

    def __call__(self, key, **values) -> str:
        # The answer's language, not the request's: a socket or a CV answer may differ.
        with translation.override(self.language):
            return TEXT[key] % {**self.values, **values}

    def __getitem__(self, key) -> str:
        return self.label(TEXT[key])

    def label(self, text) -> str:
        """A lazy msgid (or a plain name) in the answer's language."""
        return translated(text, self.language)


@dataclass
class Question:
    text: str
    words: set[str]
    history: list[dict]

    def has(self, vocabulary) -> bool:
        return bool(self.words & vocabulary)


def _words(text: str) -> set[str]:
    # "he's" and "where's" are "he" and "where".
    return {re.sub(r"'s$", "", w) for w in tokens(text.replace("\u2019", "'"))}


def detect_intents(question: str) -> list[str]:
    words = _words(question)
    return [intent for intent, vocabulary in INTENT_WORDS.items() if words & vocabulary]


def _mentions(question: str, phrase: str) -> bool:
    phrase = phrase.strip().lower()
    if len(phrase) < 2:
        return False
    pattern = r"(?<![\w])" + re.escape(phrase) + r"(?![\w])"
    return re.search(pattern, question.lower()) is not None


def mentioned_items(question: str, knowledge: Knowledge) -> list[Item]:
    """Items the question names outright: a project, a company, a skill (in either language)."""
    return [item for item in knowledge.items if any(_mentions(question, n) for n in item.names)]


def related_items(question: str, knowledge: Knowledge, *, limit=3) -> list[Item]:
    """Items sharing meaningful words with the question, best first."""
    terms = keywords(question) - _owner_name_words(knowledge)
    scored = [(len(terms & item.terms), item) for item in knowledge.items]
    scored = [(score, item) for score, item in scored if score > 0]
    scored.sort(key=lambda pair: -pair[0])
    return [item for _, item in scored[:limit]]


def _owner_name_words(knowledge: Knowledge) -> set[str]:
    return set(tokens(knowledge.profile.title)) if knowledge.profile else set()


def offline_answer(question: str, knowledge: Knowledge, passages=(), history=()) -> Answer:
    """The answer to `question`; `history` is the session's stored exchanges, oldest first,
    as {"message", "response", "sources"} (what follow-ups refer back to)."""
    say = Phrases(knowledge)
    q = Question(question, _words(question), list(history))
    steps = (
        _declined,
        _small_talk,
        _written,
        _follow_up,
        _years_of_experience,
        _built_with,
        _ordered,
        _by_years,
        _profile_facts,
        _named,
    )
    for step in steps:
        answer = step(q, knowledge, say)
        if answer is not None:
            return answer
    answer = _by_intent(q, knowledge, say)
    if answer is not None:
        return answer
    if passages:
        return _quote_passages(question, passages, say)
    related = related_items(question, knowledge)
    if related:
        # Items that merely share a word with the question: a guess, not an answer.
        guess = _describe(related, knowledge, say)
        return Answer(guess.text, guess.sources, LOW_CONFIDENCE)
    if _about_someone_else(q, knowledge):
        return Answer(say("decline"), [], DECLINED)
    return Answer(say("unknown"), [], REFUSED)


# --- Steps --------------------------------------------------------------------


def _declined(q, knowledge, say):
    if OFF_TOPIC.search(q.text) or CODE_REQUEST.search(q.text):
        return Answer(say("decline"), [], DECLINED)
    return None


def _small_talk(q, knowledge, say):
    """ "Hi!", "Thanks a lot": a greeting gets a greeting, not a refusal."""
    if not q.words or not q.words <= SMALL_TALK or not q.has(GREETINGS | THANKS):
        return None
    return Answer(say("thanks") if q.has(THANKS) else say("hello"), [])


def _about_someone_else(q, knowledge) -> bool:
    """No word points at the owner: a general question, not one about the owner's work.
    Spanish drops its pronouns, so there only the explicit patterns decline."""
    if knowledge.language != "en" or q.history:
        return False  # inside a conversation about the owner, a vague question is still one
    return not (q.has(OWNER_WORDS) or q.has(_owner_name_words(knowledge)))


def _recent_items(q, knowledge, *, turns=3) -> list[list[Item]]:
    """The content items each recent answer showed, newest answer first."""
    shown = []
    for turn in reversed(q.history[-turns:]):
        sources = [s for s in turn.get("sources") or [] if s.get("type") in CONTENT_KINDS]
        items = [item for item in map(knowledge.find, sources) if item is not None]
        if items:
            shown.append(items)
    return shown


def _referent(q, knowledge, say) -> tuple[list[Item], Answer | None]:
    """What "the second one", "it", "there" or "that company" points to in the last answers:
    (the items, or an answer asking which one when it could be several)."""
    if mentioned_items(q.text, knowledge):
        return [], None
    recent = _recent_items(q, knowledge)
    if not recent:
        return [], None
    kind = None
    if q.has(JOB_WORDS) or q.has({"there", "allí", "alli", "allá", "ahí", "ahi"}):
        kind = "experience"
    elif q.has(PROJECT_WORDS):
        kind = "project"
    elif q.has(SKILL_WORDS):
        kind = "skill"
    ordinal = next((ORDINALS[w] for w in tokens(q.text) if w in ORDINALS), None)
    if ordinal is not None and kind == "experience" and not q.has({"one"}):
        return [], None  # "his first job": the order of the jobs, not of the last list
    points_back = q.has(REFERENT_WORDS | MORE_WORDS) or DEMONSTRATIVE.search(q.text)
    if ordinal is None and not points_back:
        return [], None
    for items in recent:
        candidates = [item for item in items if kind is None or item.kind == kind]
        if not candidates:
            continue
        if ordinal is not None:
            if ordinal < len(candidates):
                return [candidates[ordinal]], None
            return [], None
        if len(candidates) == 1:
            return candidates, None
        options = [item.names[0] for item in candidates[:6]]
        listed = f"{', '.join(options[:-1])} {say['or']} {options[-1]}"
        return [], Answer(say("which", options=listed), [item.source() for item in candidates])
    return [], None


def _follow_up(q, knowledge, say):
    if _order_word(q) in ("before", "after"):
        return None  # "before that" is answered by the ordering step, from this referent
    items, clarification = _referent(q, knowledge, say)
    if clarification is not None:
        return clarification
    if items:
        return _describe(items, knowledge, say, detailed=True)
    return None


def _order_word(q) -> str | None:
    if PRESENT_JOB.search(q.text) and not q.has(BEFORE | AFTER | FIRST | LATEST):
        return "current"
    for name, vocabulary in (
        ("before", BEFORE),
        ("after", AFTER),
        ("current", CURRENT),
        ("first", FIRST),
        ("latest", LATEST),
    ):
        if q.has(vocabulary):
            return name
    return None


def _ordered(q, knowledge, say):
    order = _order_word(q)
    if order is None or not knowledge.experiences:
        return None
    named = [i for i in mentioned_items(q.text, knowledge) if i.kind == "experience"]
    if order in ("before", "after"):
        anchor = named[0] if named else None
        if anchor is None:
            items, _ = _referent(_as_job_question(q), knowledge, say)
            anchor = next((i for i in items if i.kind == "experience"), None)
        if anchor is None and order == "before" and q.has(JOB_WORDS):
            anchor = knowledge.chronological()[-1]  # "his previous job": before the latest
        if anchor is None:
            return None
        return _neighbour(anchor, order, knowledge, say)
    if not (q.has(JOB_WORDS) or q.has({"where", "dónde", "donde"})):
        return None  # "his latest project" has no dates to order by
    if named or q.has(PROJECT_WORDS):
        return None
    timeline = knowledge.chronological()
    if order == "first":
        return _job_answer("first", timeline[0], say)
    if order == "current":
        current = [e for e in timeline if not e.fields["end"]]
        if not current:
            return _job_answer("no_current", timeline[-1], say)
        return _job_answer("current", current[-1], say, also=current[:-1])
    return _job_answer("latest", timeline[-1], say)


def _by_years(q, knowledge, say):
    """ "What was his job in 2022?": the jobs whose years overlap the ones asked about."""
    years = sorted(int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", q.text))
    if not years or not knowledge.experiences:
        return None
    if not (q.has(JOB_WORDS) or q.has({"where", "dónde", "donde"})):
        return None
    low, high = years[0], years[-1]
    label = str(low) if low == high else f"{low} - {high}"
    held = [
        e
        for e in knowledge.chronological()
        if int(e.fields["start"][:4]) <= high and int((e.fields["end"] or "9999")[:4]) >= low
    ]
    if not held:
        return Answer(say("no_years", years=label), [])
    lines = [say("in_years", years=label)] + [f"- {_experience_line(e, say)}" for e in held]
    return Answer("\n".join(lines), [e.source() for e in held])


def _years_of_experience(q, knowledge, say):
    """ "How many years of experience?": the months the jobs cover (overlaps counted once),
    from the first start to today, and when it began."""
    if not (DURATION.search(q.text) and WORK.search(q.text)) or not knowledge.experiences:
        return None
    if any(i.kind != "profile" for i in mentioned_items(q.text, knowledge)):
        return None  # "How long did he work at Startup?", "years with Python": one item
    timeline = knowledge.chronological()
    today = timezone.now().date()
    months = _months_covered(
        (date.fromisoformat(e.fields["start"]), _end_date(e, today)) for e in timeline
    )
    first = timeline[0]
    start = date.fromisoformat(first.fields["start"])
    month = MONTHS[start.month]
    lines = [
        say(
            "years_experience",
            span=_span(months, say),
            since=say("month_year", month=month, year=start.year),
            role=f"{first.title} {say['at']} {first.fields['company']}",
        )
    ]
    current = [e for e in timeline if not e.fields["end"]]
    if current:
        lines.append(say("years_current", role=_role(current[-1], say)))
    return Answer(" ".join(lines), [e.source() for e in timeline])


def _end_date(experience, today):
    end = experience.fields["end"]
    return min(date.fromisoformat(end), today) if end else today


def _months_covered(periods) -> int:
    """Whole months inside the union of the periods (overlapping jobs count once). A
    period's last month counts when it ends on or after the 28th: "to 30 June" covers
    June, "to 1 July" (or today, the 6th) does not cover July yet."""
    covered = set()
    for start, end in periods:
        last = end.year * 12 + end.month - (0 if end.day >= 28 else 1)
        covered.update(range(start.year * 12 + start.month - 1, last))
    return len(covered)


def _span(months, say) -> str:
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(say("span_years", years=years))
    if rest or not years:
        parts.append(say("span_months", months=rest))
    return f" {say['span_and']} ".join(parts)


def _built_with(q, knowledge, say):
    """ "What has he built with X?": the projects whose technologies or words mention X;
    the jobs that did, when no project does."""
    match = BUILT_WITH.search(q.text)
    if match is None or not (knowledge.projects or knowledge.experiences):
        return None
    asked = TECH_FILLER.sub("", (match.group("tech") or match.group("tech2") or "").strip())
    tech = _known_technology(asked, knowledge) or asked
    if not tech or any(
        i.kind in ("project", "experience") for i in mentioned_items(tech, knowledge)
    ):
        return None
    projects = [
        p
        for p in knowledge.projects
        if _mentions_tech(tech, p.fields.get("tags"), p.text, p.fields.get("brief"), p.title)
    ]
    if projects:
        detailed = len(projects) == 1
        lines = [say("built_with", tech=tech)]
        lines += [f"- {_project_line(p, say, detailed=detailed)}" for p in projects]
        return Answer("\n".join(lines), [p.source() for p in projects])
    jobs = [
        e
        for e in knowledge.experiences
        if _mentions_tech(tech, e.fields.get("technologies"), e.text, e.title)
    ]
    if jobs:
        lines = [say("built_with_jobs", tech=tech)] + [
            f"- {_experience_line(e, say)}" for e in jobs
        ]
        return Answer("\n".join(lines), [e.source() for e in jobs])
    return None


def _known_technology(phrase, knowledge) -> str | None:
    """The longest technology or skill name the phrase contains, as the content writes it."""
    names = {s.title for s in knowledge.skills} | {a for s in knowledge.skills for a in s.aliases}
    names |= {t for p in knowledge.projects for t in p.fields.get("tags", [])}
    names |= {t for e in knowledge.experiences for t in e.fields.get("technologies", [])}
    found = [n for n in names if any(_mentions(phrase, v) for v in _variants(n))]
    return max(found, key=len) if found else None


def _variants(name) -> set[str]:
    """ "LLMs" and "LLM" are the same technology."""
    name = name.strip()
    variants = {name}
    if len(name) > 3 and name[-1] in "sS":
        variants.add(name[:-1])
    elif len(name) > 1:
        variants.add(f"{name}s")
    return variants


def _mentions_tech(tech, listed, *texts) -> bool:
    variants = _variants(tech)
    listed = {n.lower() for n in listed or []}
    if any(v.lower() in listed for v in variants):
        return True
    return any(_mentions(text or "", v) for text in texts for v in variants)


def _as_job_question(q):
    return Question(q.text, q.words | {"it", "job"}, q.history)


def _neighbour(anchor, order, knowledge, say):
    timeline = knowledge.chronological()
    index = timeline.index(anchor)
    company = anchor.fields["company"]
    if order == "before":
        if index == 0:
            return Answer(
                say("none_before", anchor=company, period=anchor.fields.get("period", "")),
                [anchor.source()],
            )
        return _job_answer("before", timeline[index - 1], say, anchor=company)
    if index == len(timeline) - 1:
        return Answer(say("none_after", anchor=company), [anchor.source()])
    return _job_answer("after", timeline[index + 1], say, anchor=company)


def _job_answer(key, experience, say, *, also=(), **values):
    lines = [say(key, role=_role(experience, say), **values)]
    details = _experience_details(experience, say)
    if details:
        lines.append(details)
    for other in also:
        lines.append(f"- {_role(other, say)}")
    return Answer("\n".join(lines), [experience.source(), *(o.source() for o in also)])


def _profile_facts(q, knowledge, say):
    profile = knowledge.profile
    named = mentioned_items(q.text, knowledge)
    # "What is Tool Explorer's GitHub?" is about the project, "his GitHub" about the owner.
    stems = STRONG_CONTACT_STEMS if named else CONTACT_STEMS
    wants_contact = any(w.startswith(stems) for w in q.words)
    wants_availability = not named and (
        q.has(AVAILABILITY_WORDS) or AVAILABILITY_PHRASES.search(q.text) is not None
    )
    wants_location = not named and (
        q.has(LOCATION_WORDS) or (_where_is_owner(q) and not wants_contact)
    )
    if not (wants_contact or wants_availability or wants_location):
        return None
    fields = profile.fields if profile else {}
    parts = []
    if wants_contact and q.has(PHONE_WORDS) and not fields.get("phone"):
        parts.append(say("no_phone"))
    if wants_location:
        location = fields.get("location")
        parts.append(say("location", location=location) if location else say("no_location"))
    if wants_availability:
        availability = fields.get("availability")
        parts.append(
            say("availability", availability=availability.rstrip("."))
            if availability
            else say("no_availability")
        )
    if wants_contact or wants_availability:
        parts.append(_contact_text(fields, say))
    return Answer("\n\n".join(parts), [profile.source()] if profile else [])


def _where_is_owner(q) -> bool:
    """ "Where is he?" and "¿De dónde es?", not "Where did he work?" or "Where did she study?"."""
    return (
        q.has({"where", "dónde", "donde"})
        and q.has({"is", "es", "está", "esta", "from"})
        and not q.has(JOB_WORDS | PROJECT_WORDS | {"study", "studied", "estudió", "estudio"})
    )


def _contact_text(fields, say):
    lines = [say("contact")]
    links = [
        f"- {say.label(label)}: {fields[key]}" for key, label in LINK_LABELS if fields.get(key)
    ]
    if links:
        lines += [say("contact_links"), *links]
    return "\n".join(lines)


def _named(q, knowledge, say):
    named = mentioned_items(q.text, knowledge)
    if named:
        return _describe(named, knowledge, say, detailed=len(named) == 1)
    return _technology_usage(q, knowledge, say)


def _technology_usage(q, knowledge, say):
    """A technology that is no listed skill but appears in a job or a project ("Django")."""
    used = {t for e in knowledge.experiences for t in e.fields.get("technologies", [])}
    used |= {t for p in knowledge.projects for t in p.fields.get("tags", [])}
    named = sorted((t for t in used if _mentions(q.text, t)), key=len, reverse=True)
    if not named:
        return None
    tech = named[0]
    roles = [e for e in knowledge.experiences if _uses(e.fields.get("technologies"), tech)]
    projects = [p for p in knowledge.projects if _uses(p.fields.get("tags"), tech)]
    sentences = []
    if roles:
        listed = "; ".join(f"{e.title} {say['at']} {e.fields['company']}" for e in roles)
        sentences.append(say("tech_used", tech=tech, roles=listed))
    if projects:
        listed = ", ".join(p.title for p in projects)
        sentences.append(say("tech_projects", tech=tech, projects=listed))
    return Answer(" ".join(sentences), [i.source() for i in roles + projects])


def _uses(names, tech) -> bool:
    return tech.lower() in (n.lower() for n in names or [])


def _by_intent(q, knowledge, say):
    sections, sources = [], []
    composers = {"skills": _skills, "projects": _projects, "experience": _experience}
    intents = [i for i in detect_intents(q.text) if i in composers]
    if _asks_who(q, knowledge):
        intents.append("about")
    for intent in intents[:2]:
        section, used = (_about if intent == "about" else composers[intent])(knowledge, say)
        if section:
            sections.append(section)
            sources += used
    if sections:
        return Answer("\n\n".join(sections), sources)
    return None


def _asks_who(q, knowledge) -> bool:
    """ "Who is Ana?", "Tell me about him", "¿Quién es?", not "Who won the match?"."""
    lowered = q.text.lower()
    if q.has({"introduce", "yourself", "himself", "herself", "summary", "bio", "perfil"}):
        return True
    identity = {"name", "title", "headline", "profession", "occupation", "living", "nombre"}
    if q.has(identity | {"profesión", "título", "titulo"}) and q.has(OWNER_WORDS):
        return True
    if q.has({"quién", "quien"}) or "presentación" in lowered or "háblame de" in lowered:
        return True
    if q.has({"who"}) and (q.has(OWNER_WORDS) or q.has(_owner_name_words(knowledge))):
        return True
    if re.search(r"\bwhat (?:does|do) \w+ do\b|\bse dedica\b|\ba qué se dedica\b", lowered):
        return True
    return bool(re.search(r"\babout (him|her|them)\b", lowered)) or (
        q.has({"about", "sobre"}) and q.has(_owner_name_words(knowledge)) and len(q.words) <= 6
    )


# --- Composers ----------------------------------------------------------------


def _skills(knowledge, say):
    if not knowledge.skills:
        return "", []
    by_category: dict[str, list[str]] = {}
    for skill in knowledge.skills:
        by_category.setdefault(skill.fields.get("category") or "Other", []).append(skill.title)
    lines = [say("skills")] + [f"- {cat}: {', '.join(names)}" for cat, names in by_category.items()]
    return "\n".join(lines), [s.source() for s in knowledge.skills]


def _project_line(project, say, *, detailed=False):
    line = f"{project.title}: {project.text.rstrip('.')}."
    if detailed and project.fields.get("brief"):
        line += f" {project.fields['brief'].strip()}"
    if project.fields.get("tags"):
        tags = ", ".join(project.fields["tags"])
        line += f" ({tags})" if not detailed else f"\n{say['tags']}: {tags}."
    links = [project.fields.get(k) for k in ("url", "github_url") if project.fields.get(k)]
    if detailed and links:
        line += f"\n{say['links']}: {', '.join(links)}"
    return line


def _projects(knowledge, say):
    if not knowledge.projects:
        return "", []
    lines = [say("projects")] + [f"- {_project_line(p, say)}" for p in knowledge.projects]
    return "\n".join(lines), [p.source() for p in knowledge.projects]


def _role(experience, say):
    period = f" ({experience.fields['period']})" if experience.fields.get("period") else ""
    return f"{experience.title} {say['at']} {experience.fields['company']}{period}"


def _experience_details(experience, say):
    details = experience.text.rstrip(".") + "." if experience.text else ""
    if experience.fields.get("technologies"):
        details += f" {say['technologies']}: {', '.join(experience.fields['technologies'])}."
    return details.strip()


def _experience_line(experience, say):
    details = _experience_details(experience, say)
    return f"{_role(experience, say)}: {details}" if details else _role(experience, say)


def _experience(knowledge, say):
    if not knowledge.experiences:
        return "", []
    lines = [say("experience")] + [f"- {_experience_line(e, say)}" for e in knowledge.experiences]
    return "\n".join(lines), [e.source() for e in knowledge.experiences]


def _about(knowledge, say):
    profile = knowledge.profile
    if profile is None:
        return "", []
    parts = [say("about", headline=profile.fields.get("headline", ""))]
    if profile.text:
        parts.append(profile.text)
    if knowledge.skills:
        top = ", ".join(s.title for s in knowledge.skills[:6])
        parts.append(say("about_skills", skills=top))
    return " ".join(parts), [profile.source()]


def _describe(items, knowledge, say, *, detailed=False):
    lines, sources = [], []
    for item in items[:4]:
        if item.kind == "project":
            lines.append(_project_line(item, say, detailed=detailed))
        elif item.kind == "experience":
            lines.append(_experience_line(item, say))
        elif item.kind == "skill":
            lines.append(_skill_usage(item, knowledge, say))
        sources.append(item.source())
    return Answer("\n".join(lines), sources)


def _skill_usage(skill, knowledge, say):
    sentence = say("skill_yes", skill=skill.title, category=skill.fields.get("category"))
    roles = [
        f"{e.title} {say['at']} {e.fields['company']}"
        for e in knowledge.experiences
        if _uses_any(skill, e.fields.get("technologies"), e.text)
    ]
    projects = [
        p.title
        for p in knowledge.projects
        if _uses_any(skill, p.fields.get("tags"), p.text, p.fields.get("brief"))
    ]
    if roles:
        sentence += " " + say("skill_used", roles="; ".join(roles))
    if projects:
        sentence += " " + say("skill_projects", projects=", ".join(projects))
    return sentence


def _uses_any(skill, listed, *texts) -> bool:
    """The skill is listed among the item's technologies, or named in its own words."""
    return any(_uses(listed, name) for name in skill.names) or any(
        _mentions(text or "", name) for text in texts for name in skill.names
    )


def _quote_passages(question, passages, say):
    terms = keywords(question)
    best = passages[0]
    sentences = re.split(r"(?<=[.!?])\s+", best["content"].strip())
    ranked = sorted(sentences, key=lambda s: -len(terms & keywords(s)))
    quote = " ".join(ranked[:2]).strip()
    answer = f'{say("cv", page=best["page"])} "{quote}"'
    return Answer(answer, [{"type": "cv", **p} for p in passages[:3]])


def stream_pieces(answer_text: str) -> list[str]:
    """The answer cut into words (with their trailing space), as a model would stream it."""
    return re.findall(r"\S+\s*", answer_text) or [answer_text]


# --- Blog posts -----------------------------------------------------------------

MAX_LISTED_POSTS = 5


def _written(q, knowledge, say):
    """ "What has he written about X?", "latest blog post": the published posts on X
    (ranked by shared words), or the newest ones."""
    asks_blog = BLOG.search(q.text) is not None
    if not asks_blog and (WROTE.search(q.text) is None or q.has(PROJECT_WORDS | JOB_WORDS)):
        return None
    names = _owner_name_words(knowledge) | OWNER_WORDS | WRITING_WORDS | LATEST
    match = TOPIC.search(q.text)
    phrase = TECH_FILLER.sub("", match.group("topic").strip()) if match else ""
    topic = keywords(phrase) - names
    return _posts_answer(knowledge, say, phrase=phrase, topic=topic, latest=q.has(LATEST))


def _posts_answer(knowledge, say, *, phrase, topic, latest):
    if not knowledge.posts:
        return Answer(say("no_posts"), [])
    if topic:
        scored = [(len(topic & post.terms), post) for post in knowledge.posts]
        posts = [post for score, post in sorted(scored, key=lambda s: -s[0]) if score]
        if not posts:
            return Answer(say("no_posts_topic", topic=phrase))
        heading = say("posts_topic", topic=phrase)
    elif latest:
        posts = knowledge.posts[:1]
        heading = say("posts_latest")
    else:
        posts = knowledge.posts
        heading = say("posts")
    posts = posts[:MAX_LISTED_POSTS]
    lines = [heading] + [f"- {post_line(post)}" for post in posts]
    return Answer("\n".join(lines), [post.source() for post in posts])
