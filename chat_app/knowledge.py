"""What the assistant knows about the owner: the content database (and CV passages),
flattened into items it can search, cite and describe, in the visitor's language."""

import re
from dataclasses import dataclass, field

from django.conf import settings

from portfolio.api.caching import kept_in_process

WORD = re.compile(r"[\w.+#-]+", re.UNICODE)

STOPWORDS = set(
    """a an and are as at be but by can could did do does for from had has have he her his
    how i in is it its me my of on or our she so than that the their them then there these
    they this to was we were what when where which who whom why will with would you your
    about tell give show list any some much many more most him please know does did
    el la los las un una de del y o en que por para con su sus es son como qué cuál
    cuáles quién sobre me dime lo le al se mi tu""".split()
)


def tokens(text: str) -> list[str]:
    return [t.strip(".-").lower() for t in WORD.findall(text or "") if t.strip(".-")]


def keywords(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in STOPWORDS and len(t) > 1}


# Words that only one of the two languages uses, to tell which one a question is in.
LANGUAGE_MARKERS = {
    "es": set(
        """qué que cómo como dónde donde cuál cuáles cuándo quién quien por para el los las
        del una es está son tiene ha sus su puedo puede trabajó trabaja hizo hace sabe
        cuéntame dime háblame habla sobre antes después ahora también hola gracias
        proyectos proyecto experiencia habilidades empresa trabajo contactarle contactar
        correo vive disponible""".split()
    ),
    "en": set(
        """what where how who when which the is are does did do has have he his him she
        her they their them can could tell me about before after now also hello hi thanks
        projects project experience skills company work worked works job contact email
        live lives available built know""".split()
    ),
}


def question_language(text: str) -> str | None:
    """The language a question is written in, when its words say so clearly."""
    if re.search(r"[¿¡ñ]", text or ""):
        return "es"
    words = tokens(text)
    scores = {lang: sum(w in markers for w in words) for lang, markers in LANGUAGE_MARKERS.items()}
    best = max(scores, key=scores.get)
    others = [score for lang, score in scores.items() if lang != best]
    return best if scores[best] and scores[best] > max(others) else None


@dataclass
class Item:
    kind: str  # profile | skill | project | experience | post
    id: str
    title: str
    text: str
    fields: dict = field(default_factory=dict)
    terms: set[str] = field(default_factory=set)
    # The item's names in the default language, so "Tech Company" finds "Empresa tecnológica".
    aliases: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        own = [self.fields["company"]] if self.kind == "experience" else [self.title]
        return own + self.aliases

    def source(self) -> dict:
        source = {"type": self.kind, "id": self.id, "title": self.title}
        if self.kind == "post":
            source["url"] = self.fields["path"]
        return source


@dataclass
class Knowledge:
    language: str
    profile: Item | None
    skills: list[Item]
    projects: list[Item]
    experiences: list[Item]
    # Published blog posts, newest first. Not among `items`: a post is something the owner
    # wrote about a subject, not a skill, job or project the owner has.
    posts: list[Item] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return self.skills + self.projects + self.experiences

    def chronological(self) -> list[Item]:
        """Experience oldest first (by start date; a current job sorts last among equals)."""
        return sorted(
            self.experiences, key=lambda e: (e.fields["start"], e.fields["end"] or "9999")
        )

    def find(self, source: dict) -> Item | None:
        """The item a recorded source points to, if it still exists."""
        for item in self.items:
            if item.kind == source.get("type") and item.id == str(source.get("id")):
                return item
        return None


def post_line(post: Item) -> str:
    """A post in one line, the same for the offline responder and a model's facts."""
    return (
        f"{post.title} ({post.fields['published']}, {post.fields['category']}): "
        f"{post.text.rstrip('.')}. {post.fields['path']}"
    )


def as_list(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part).strip() for part in value if str(part).strip()]


# What an item of each kind keeps beside its title and text, in this order: a list
# field reads a comma-separated string or a list, the others text ("" when missing).
PROJECT_FIELDS = {"brief": str, "tags": list, "url": str, "github_url": str}
EXPERIENCE_FIELDS = {
    "company": str, "period": str, "technologies": list, "start": str, "end": str,
    "location": str,
}  # fmt: skip


def _fields(row: dict, spec: dict) -> dict:
    return {
        name: as_list(row.get(name)) if kind is list else row.get(name) or ""
        for name, kind in spec.items()
    }


def _item(kind, row: dict, title, text, **extra) -> Item:
    item = Item(kind=kind, id=str(row.get("id", kind)), title=title, text=text or "", fields=extra)
    described = [" ".join(as_list(v)) for v in extra.values() if isinstance(v, (list, str))]
    item.terms = keywords(" ".join([title, text or "", *described]))
    return item


def knowledge_load(*, language: str) -> Knowledge:
    """The owner's content in one language, built once per process while neither the
    content nor the blog changes (their namespaces' versions: saves, restores and
    scheduled items coming due bump them)."""
    from blog_app.selectors import CACHE_NAMESPACE as BLOG
    from content_app.selectors import CACHE_NAMESPACE as CONTENT

    return kept_in_process((CONTENT, BLOG), ("knowledge", language), lambda: _load(language))


def _load(language: str) -> Knowledge:
    knowledge = _knowledge(language)
    if language != settings.LANGUAGE_CODE:
        _add_aliases(knowledge, _knowledge(settings.LANGUAGE_CODE))
    return knowledge


def _add_aliases(knowledge: Knowledge, default: Knowledge):
    by_key = {(item.kind, item.id): item for item in default.items}
    for item in knowledge.items:
        other = by_key.get((item.kind, item.id))
        if other is not None:
            item.aliases = [name for name in other.names if name not in item.names]


def _knowledge(language: str) -> Knowledge:
    from blog_app.selectors import post_knowledge_list
    from content_app.selectors import experience_list, profile_get, project_list, skill_list

    profile = profile_get(language=language)
    profile_item = None
    if profile:
        links = (
            "email", "phone", "location", "website", "github", "linkedin", "pronoun",
            "availability",
        )  # fmt: skip
        profile_item = _item(
            "profile",
            profile,
            profile["name"],
            profile["about"],
            headline=profile["title"],
            **{key: profile.get(key) or "" for key in links},
        )
    skills = [
        _item("skill", s, s["name"], s["category"], category=s["category"])
        for s in skill_list(language=language)
    ]
    projects = [
        _item("project", p, p["title"], p["description"], **_fields(p, PROJECT_FIELDS))
        for p in project_list(language=language)
    ]
    experiences = [
        _item("experience", e, e["title"], e["description"], **_fields(e, EXPERIENCE_FIELDS))
        for e in experience_list(language=language)
    ]
    # Posts are written in one language (not translated): the same in both.
    described = ("category", "published", "path")
    posts = [
        _item("post", p, p["title"], p["excerpt"], **{key: p[key] for key in described})
        for p in post_knowledge_list()
    ]
    return Knowledge(language, profile_item, skills, projects, experiences, posts)
