"""What the assistant knows about the owner: the content database (and CV passages),
flattened into items it can search, cite and describe, in the visitor's language."""

import re
from dataclasses import dataclass, field

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


@dataclass
class Item:
    kind: str  # profile | skill | project | experience
    id: str
    title: str
    text: str
    fields: dict = field(default_factory=dict)
    terms: set[str] = field(default_factory=set)

    def source(self) -> dict:
        return {"type": self.kind, "id": self.id, "title": self.title}


@dataclass
class Knowledge:
    language: str
    profile: Item | None
    skills: list[Item]
    projects: list[Item]
    experiences: list[Item]

    @property
    def items(self) -> list[Item]:
        return self.skills + self.projects + self.experiences


def as_list(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part).strip() for part in value if str(part).strip()]


def _item(kind, row: dict, title, text, **extra) -> Item:
    item = Item(kind=kind, id=str(row.get("id", kind)), title=title, text=text or "", fields=extra)
    described = [" ".join(as_list(v)) for v in extra.values() if isinstance(v, (list, str))]
    item.terms = keywords(" ".join([title, text or "", *described]))
    return item


def knowledge_load(*, language: str) -> Knowledge:
    """The owner's content in one language (content_app's selectors are cached per language)."""
    from content_app.selectors import experience_list, profile_get, project_list, skill_list

    profile = profile_get(language=language)
    profile_item = None
    if profile:
        links = ("email", "phone", "location", "website", "github", "linkedin")
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
        _item(
            "project",
            p,
            p["title"],
            p["description"],
            brief=p.get("brief") or "",
            tags=as_list(p["tags"]),
            url=p.get("url") or "",
            github_url=p.get("github_url") or "",
        )
        for p in project_list(language=language)
    ]
    experiences = [
        _item(
            "experience",
            e,
            e["title"],
            e["description"],
            company=e["company"],
            period=e.get("period") or "",
            technologies=as_list(e["technologies"]),
        )
        for e in experience_list(language=language)
    ]
    return Knowledge(language, profile_item, skills, projects, experiences)
