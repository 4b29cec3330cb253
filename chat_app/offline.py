"""The offline responder: answers from the owner's content alone, with no model.

It finds the content items a question is about (by the names it mentions, then
by what kind of question it is, then by shared words), and composes a short
answer from those items' own text. It never adds a fact that is not in them;
when nothing matches it says so and points to the contact form.
"""

import re
from dataclasses import dataclass, field

from chat_app.knowledge import Item, Knowledge, keywords, tokens

INTENT_WORDS = {
    "contact": {
        "contact", "email", "e-mail", "mail", "reach", "hire", "hiring", "linkedin", "github",
        "phone", "call", "touch", "contacto", "contactar", "correo", "teléfono", "contratar",
    },
    "skills": {
        "skill", "skills", "stack", "tech", "technologies", "technology", "tools", "languages",
        "frameworks", "expertise", "proficient", "habilidades", "tecnologías", "tecnologias",
        "herramientas", "lenguajes",
    },
    "projects": {"project", "projects", "built", "build", "portfolio", "proyecto", "proyectos"},
    "experience": {
        "experience", "work", "worked", "working", "job", "jobs", "company", "companies",
        "role", "roles", "career", "employer", "employment", "position", "background",
        "experiencia", "trabajo", "trabajado", "empresa", "empresas", "carrera", "puesto",
    },
    "about": {
        "who", "introduce", "yourself", "himself", "summary", "bio", "quién", "quien",
        "acerca", "perfil", "presentación",
    },
}  # fmt: skip

TEXT = {
    "en": {
        "skills": "Daniyal's tech stack:",
        "projects": "Projects Daniyal has built:",
        "experience": "Daniyal's work experience:",
        "at": "at",
        "technologies": "Technologies",
        "skill_yes": "Yes: {skill} is one of Daniyal's skills ({category}).",
        "skill_used": "He has used it as {roles}.",
        "skill_projects": "It appears in his projects {projects}.",
        "contact": "The best way to reach Daniyal is the contact form on this site.",
        "contact_links": "You can also find him here:",
        "about": "{name}: {headline}.",
        "about_skills": "His core skills include {skills}.",
        "cv": "From Daniyal's CV (page {page}):",
        "unknown": (
            "I don't have information about that in Daniyal's portfolio, so I won't guess. "
            "You can ask him directly through the contact form."
        ),
    },
    "es": {
        "skills": "Tecnologías con las que trabaja Daniyal:",
        "projects": "Proyectos que ha creado Daniyal:",
        "experience": "Experiencia laboral de Daniyal:",
        "at": "en",
        "technologies": "Tecnologías",
        "skill_yes": "Sí: {skill} es una de las habilidades de Daniyal ({category}).",
        "skill_used": "La ha usado como {roles}.",
        "skill_projects": "Aparece en sus proyectos {projects}.",
        "contact": (
            "La mejor forma de contactar con Daniyal es el formulario de contacto del sitio."
        ),
        "contact_links": "También puedes encontrarlo aquí:",
        "about": "{name}: {headline}.",
        "about_skills": "Entre sus habilidades principales están {skills}.",
        "cv": "Según el CV de Daniyal (página {page}):",
        "unknown": (
            "No tengo información sobre eso en el portafolio de Daniyal, así que no voy a "
            "inventarla. Puedes preguntarle directamente mediante el formulario de contacto."
        ),
    },
}

LINK_LABELS = [
    ("email", "Email"),
    ("github", "GitHub"),
    ("linkedin", "LinkedIn"),
    ("website", "Web"),
]


@dataclass
class Answer:
    text: str
    sources: list[dict] = field(default_factory=list)


def detect_intents(question: str) -> list[str]:
    words = set(tokens(question))
    return [intent for intent, vocabulary in INTENT_WORDS.items() if words & vocabulary]


def _mentions(question: str, phrase: str) -> bool:
    phrase = phrase.strip().lower()
    if len(phrase) < 2:
        return False
    pattern = r"(?<![\w])" + re.escape(phrase) + r"(?![\w])"
    return re.search(pattern, question.lower()) is not None


def mentioned_items(question: str, knowledge: Knowledge) -> list[Item]:
    """Items the question names outright: a project, a company or role, a skill."""
    found = []
    for item in knowledge.items:
        names = [item.title]
        if item.kind == "experience":
            names = [item.fields["company"]]
        if any(_mentions(question, name) for name in names):
            found.append(item)
    return found


def related_items(question: str, knowledge: Knowledge, *, limit=3) -> list[Item]:
    """Items sharing meaningful words with the question, best first."""
    terms = keywords(question) - {"daniyal"}
    scored = [(len(terms & item.terms), item) for item in knowledge.items]
    scored = [(score, item) for score, item in scored if score > 0]
    scored.sort(key=lambda pair: -pair[0])
    return [item for _, item in scored[:limit]]


def offline_answer(question: str, knowledge: Knowledge, passages=()) -> Answer:
    text = TEXT.get(knowledge.language, TEXT["en"])
    intents = detect_intents(question)
    named = mentioned_items(question, knowledge)

    if "contact" in intents:
        return _contact(knowledge, text)
    if named:
        return _describe_named(named, knowledge, text)

    sections, sources = [], []
    for intent in intents:
        composer = {
            "skills": _skills,
            "projects": _projects,
            "experience": _experience,
            "about": _about,
        }.get(intent)
        if composer and len(sections) < 2:
            section, used = composer(knowledge, text)
            if section:
                sections.append(section)
                sources += used
    if sections:
        return Answer("\n\n".join(sections), sources)

    if passages:
        return _quote_passages(question, passages, text)
    related = related_items(question, knowledge)
    if related:
        return _describe_named(related, knowledge, text)
    return Answer(text["unknown"], [])


def _skills(knowledge, text):
    if not knowledge.skills:
        return "", []
    by_category: dict[str, list[str]] = {}
    for skill in knowledge.skills:
        by_category.setdefault(skill.fields.get("category") or "Other", []).append(skill.title)
    lines = [text["skills"]] + [
        f"- {cat}: {', '.join(names)}" for cat, names in by_category.items()
    ]
    return "\n".join(lines), [s.source() for s in knowledge.skills]


def _project_line(project, text):
    line = f"- {project.title}: {project.text.rstrip('.')}."
    if project.fields.get("tags"):
        line += f" ({', '.join(project.fields['tags'])})"
    return line


def _projects(knowledge, text):
    if not knowledge.projects:
        return "", []
    lines = [text["projects"]] + [_project_line(p, text) for p in knowledge.projects]
    return "\n".join(lines), [p.source() for p in knowledge.projects]


def _experience_line(experience, text):
    period = f" ({experience.fields['period']})" if experience.fields.get("period") else ""
    line = f"- {experience.title} {text['at']} {experience.fields['company']}{period}"
    if experience.text:
        line += f": {experience.text.rstrip('.')}."
    if experience.fields.get("technologies"):
        line += f" {text['technologies']}: {', '.join(experience.fields['technologies'])}."
    return line


def _experience(knowledge, text):
    if not knowledge.experiences:
        return "", []
    lines = [text["experience"]] + [_experience_line(e, text) for e in knowledge.experiences]
    return "\n".join(lines), [e.source() for e in knowledge.experiences]


def _about(knowledge, text):
    profile = knowledge.profile
    if profile is None:
        return "", []
    parts = [text["about"].format(name=profile.title, headline=profile.fields.get("headline", ""))]
    if profile.text:
        parts.append(profile.text)
    if knowledge.skills:
        top = ", ".join(s.title for s in knowledge.skills[:6])
        parts.append(text["about_skills"].format(skills=top))
    return " ".join(parts), [profile.source()]


def _contact(knowledge, text):
    lines = [text["contact"]]
    profile = knowledge.profile
    links = []
    if profile is not None:
        links = [
            f"- {label}: {profile.fields[key]}"
            for key, label in LINK_LABELS
            if profile.fields.get(key)
        ]
    if links:
        lines += [text["contact_links"], *links]
    return Answer("\n".join(lines), [profile.source()] if profile else [])


def _describe_named(items, knowledge, text):
    lines, sources = [], []
    for item in items[:4]:
        if item.kind == "project":
            lines.append(_project_line(item, text)[2:])
        elif item.kind == "experience":
            lines.append(_experience_line(item, text)[2:])
        elif item.kind == "skill":
            lines.append(_skill_usage(item, knowledge, text))
        sources.append(item.source())
    return Answer("\n".join(lines), sources)


def _skill_usage(skill, knowledge, text):
    name = skill.title.lower()
    sentence = text["skill_yes"].format(skill=skill.title, category=skill.fields.get("category"))
    roles = [
        f"{e.title} {text['at']} {e.fields['company']}"
        for e in knowledge.experiences
        if name in (t.lower() for t in e.fields.get("technologies", []))
    ]
    projects = [
        p.title for p in knowledge.projects if name in (t.lower() for t in p.fields.get("tags", []))
    ]
    if roles:
        sentence += " " + text["skill_used"].format(roles="; ".join(roles))
    if projects:
        sentence += " " + text["skill_projects"].format(projects=", ".join(projects))
    return sentence


def _quote_passages(question, passages, text):
    terms = keywords(question)
    best = passages[0]
    sentences = re.split(r"(?<=[.!?])\s+", best["content"].strip())
    ranked = sorted(sentences, key=lambda s: -len(terms & keywords(s)))
    quote = " ".join(ranked[:2]).strip()
    answer = f'{text["cv"].format(page=best["page"])} "{quote}"'
    return Answer(answer, [{"type": "cv", **p} for p in passages[:3]])


def stream_pieces(answer_text: str) -> list[str]:
    """The answer cut into words (with their trailing space), as a model would stream it."""
    return re.findall(r"\S+\s*", answer_text) or [answer_text]
