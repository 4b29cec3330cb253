"""The resume PDF renderer: the one module that knows about reportlab.

It takes the plain dict `content_app.selectors.resume_get()` returns (already in
one language) and gives back PDF bytes. Fonts are the Bitstream Vera TTFs that
ship inside reportlab itself, embedded in the PDF, so accented text renders and
reads back without any system package or font download.
"""

import io
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from portfolio.api.language import normalize_language

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FONTS = {"Resume": "Vera.ttf", "Resume-Bold": "VeraBd.ttf", "Resume-Italic": "VeraIt.ttf"}
ACCENT = colors.HexColor("#1f4e79")

# The PDF's own words: gettext msgids, their Spanish in locale/es.
LABELS = {
    "resume": gettext_lazy("Resume"),
    "about": pgettext_lazy("resume section", "Profile"),
    "experience": pgettext_lazy("resume section", "Experience"),
    "projects": pgettext_lazy("resume section", "Projects"),
    "skills": pgettext_lazy("resume section", "Skills"),
    "education": pgettext_lazy("resume section", "Education"),
    "languages": pgettext_lazy("resume section", "Languages"),
    "technologies": gettext_lazy("Technologies"),
    "years": ngettext_lazy("%(n)s yr", "%(n)s yrs", "n"),
}


class PdfRenderError(Exception):
    """The PDF could not be produced from this content."""


def resume_pdf_render(*, resume: dict) -> bytes:
    """The resume as PDF bytes. Raises PdfRenderError."""
    profile = resume.get("profile") or {}
    try:
        # The labels in the resume's language, whatever the request's.
        with translation.override(normalize_language(resume.get("language")) or "en"):
            _register_fonts()
            buffer = io.BytesIO()
            document = SimpleDocTemplate(
                buffer,
                pagesize=A4,
                leftMargin=18 * mm,
                rightMargin=18 * mm,
                topMargin=16 * mm,
                bottomMargin=16 * mm,
                title=f"{profile.get('name') or ''} {LABELS['resume']}".strip(),
                author=profile.get("name") or "",
                subject=profile.get("title") or "",
                lang=resume.get("language") or "en",
            )
            document.build(_story(resume, profile, LABELS))
            return buffer.getvalue()
    except Exception as exc:  # reportlab raises many kinds; callers need one.
        raise PdfRenderError(f"The resume PDF could not be rendered: {exc}") from exc


def _register_fonts():
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in FONTS.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(
        "Resume", normal="Resume", bold="Resume-Bold", italic="Resume-Italic"
    )


def _styles():
    base = ParagraphStyle("body", fontName="Resume", fontSize=9.5, leading=13)
    return {
        "name": ParagraphStyle("name", base, fontName="Resume-Bold", fontSize=20, leading=24),
        "title": ParagraphStyle("title", base, fontSize=11.5, leading=15, textColor=ACCENT),
        "contact": ParagraphStyle("contact", base, fontSize=8.5, textColor=colors.grey),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName="Resume-Bold",
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=9,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "item": ParagraphStyle("item", base, fontName="Resume-Bold", spaceBefore=4),
        "meta": ParagraphStyle("meta", base, fontName="Resume-Italic", textColor=colors.grey),
        "body": base,
    }


def _text(value) -> str:
    return escape(str(value or ""))


def _story(resume, profile, labels):
    styles = _styles()
    story = [Paragraph(_text(profile.get("name") or labels["resume"]), styles["name"])]
    if profile.get("title"):
        story.append(Paragraph(_text(profile["title"]), styles["title"]))
    contact = [
        profile.get(key)
        for key in ("email", "phone", "location", "website", "github", "linkedin")
        if profile.get(key)
    ]
    if contact:
        story.append(Paragraph(" · ".join(_text(c) for c in contact), styles["contact"]))
    story.append(Spacer(1, 2 * mm))

    def section(label, flowables):
        if flowables:
            rule = HRFlowable(width="100%", thickness=0.6, color=ACCENT, spaceAfter=3)
            # A heading never sits alone at the bottom of a page.
            rule.keepWithNext = True
            story.extend([Paragraph(_text(labels[label]), styles["heading"]), rule, *flowables])

    if profile.get("about"):
        section("about", [Paragraph(_text(profile["about"]), styles["body"])])
    section("experience", [_job(e, labels, styles) for e in resume.get("experiences", [])])
    section("projects", [_project(p, labels, styles) for p in resume.get("projects", [])])
    section("skills", _skills(resume.get("skills", []), labels, styles))
    for key in ("education", "languages"):
        section(key, [Paragraph(_text(line), styles["body"]) for line in profile.get(key, [])])
    return story


def _job(experience, labels, styles):
    meta = " · ".join(_text(v) for v in (experience.get("period"), experience.get("location")) if v)
    flowables = [
        Paragraph(f"{_text(experience['title'])} — {_text(experience['company'])}", styles["item"]),
    ]
    if meta:
        flowables.append(Paragraph(meta, styles["meta"]))
    flowables.append(Paragraph(_text(experience.get("description")), styles["body"]))
    return KeepTogether(flowables + _technologies(experience.get("technologies"), labels, styles))


def _project(project, labels, styles):
    link = project.get("url") or project.get("github_url")
    title = _text(project["title"]) + (f" · {_text(link)}" if link else "")
    flowables = [
        Paragraph(title, styles["item"]),
        Paragraph(_text(project.get("description")), styles["body"]),
    ]
    if project.get("brief"):
        flowables.append(Paragraph(_text(project["brief"]), styles["body"]))
    return KeepTogether(flowables + _technologies(project.get("tags"), labels, styles))


def _technologies(names, labels, styles):
    if not names:
        return []
    listed = ", ".join(_text(name) for name in names)
    return [Paragraph(f"<i>{_text(labels['technologies'])}:</i> {listed}", styles["body"])]


def _skills(skills, labels, styles):
    by_category: dict[str, list[str]] = {}
    for skill in skills:
        name = _text(skill["name"])
        if skill.get("years_of_experience"):
            name += f" ({labels['years'] % {'n': skill['years_of_experience']}})"
        by_category.setdefault(skill["category"], []).append(name)
    return [
        Paragraph(f"<b>{_text(category)}:</b> {', '.join(names)}", styles["body"])
        for category, names in by_category.items()
    ]
