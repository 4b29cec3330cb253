"""Reads of the owner's content, in one language.

`profile_get`, `project_list`, `experience_list`, `skill_list` (and `resume_get`,
which bundles them) return PLAIN DICTS already resolved in the requested
language (a missing Spanish value reads as English), with ids, dates and URLs
as strings, so callers need no translation context. The AI assistant grounds
on them. They read the database every time (one query each): the HTTP reads built
from them are cached as responses (portfolio/api/caching.py), the one cache below
the edge.
Media URLs are site-relative paths (`/api/v1/media/<filename>`).
"""

import logging
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

from content_app.models import Experience, MediaFile, Profile, Project, Skill
from content_app.pdf import PdfRenderError, resume_pdf_render
from content_app.translation import TRANSLATED_FIELDS
from portfolio.api.caching import cached_body
from portfolio.api.errors import NotFoundError, ServiceUnavailableError
from portfolio.api.language import normalize_language, supported_languages, translated
from portfolio.preview import preview_item_get

logger = logging.getLogger(__name__)

CACHE_NAMESPACE = "content"
UPLOAD_DIR = "uploads"
# Only names of the shape we store are looked up at all.
MEDIA_FILENAME_RE = re.compile(r"^[A-Za-z0-9_-]{1,100}\.(?:jpg|png|pdf)$")
# A job not ended yet runs to "Present", in the content's language.
PRESENT = pgettext_lazy("the end of a job not ended yet", "Present")


def present(language) -> str:
    return translated(PRESENT, language)


def _language(language) -> str:
    return normalize_language(language) or settings.LANGUAGE_CODE


def _in_language(language, build):
    """`build(language)` with the language active, so modeltranslation reads it."""
    language = _language(language)
    with translation.override(language):
        return build(language)


def fallback_fields(obj, language) -> list[str]:
    """The translated fields of `obj` served in another language than `language`: blank
    in it, so modeltranslation falls back (Spanish to English). Read inside
    translation.override(language)."""
    return sorted(
        name
        for name in TRANSLATED_FIELDS.get(type(obj), ())
        if not getattr(obj, build_localized_fieldname(name, language)) and getattr(obj, name)
    )


def media_path(filename) -> str:
    return reverse("media-file", kwargs={"filename": filename}) if filename else ""


# --- Profile ------------------------------------------------------------------


def profile_get(*, language) -> dict | None:
    """{name, title, about, email, phone, location, website, github, linkedin,
    education, languages, pronoun, availability, resume_url, resume_file_name}; None before
    the owner has a profile."""
    return _in_language(language, _profile_dict)


def _profile_dict(language):
    profile = Profile.objects.select_related("resume_en", "resume_es").first()
    if profile is None:
        return None
    resume = _resume_for(profile, language)
    return {
        "name": profile.name,
        "title": profile.title,
        "about": profile.about,
        "email": profile.email,
        "phone": profile.phone,
        "location": profile.location,
        "website": profile.website,
        "github": profile.github,
        "linkedin": profile.linkedin,
        "education": lines(profile.education),
        "languages": lines(profile.languages),
        "pronoun": profile.pronoun,
        "availability": profile.availability or "",
        "resume_url": media_path(resume.filename) if resume else "",
        "resume_file_name": _resume_file_name(profile, resume, language),
        "fallback": fallback_fields(profile, language),
    }


def _resume_for(profile, language) -> MediaFile | None:
    """The PDF the owner published for exactly this language (no stand-in)."""
    return getattr(profile, f"resume_{_language(language)}", None)


@dataclass(frozen=True)
class ResumePdf:
    """What `/api/resume` serves: the owner's upload, else the PDF generated from the content."""

    filename: str
    language: str
    media: MediaFile | None = None
    content: bytes | None = None


def resume_pdf_get(*, language) -> ResumePdf:
    """The resume PDF in that language. The owner's own PDF for the language wins;
    otherwise one rendered from the content (kept in the response cache until the content
    changes)."""
    language = _language(language)
    profile, resume = _profile_and_resume(language)
    if resume is not None:
        return ResumePdf(_resume_file_name(profile, resume, language), language, media=resume)
    return ResumePdf(
        _resume_file_name(profile, None, language),
        language,
        content=resume_pdf_generated(language=language),
    )


def resume_pdf_generated(*, language) -> bytes:
    """The resume rendered from the content, whether or not a PDF was uploaded (the
    admin previews it). Raises ServiceUnavailableError when rendering fails."""

    def render(language):
        try:
            return resume_pdf_render(resume=resume_get(language=language))
        except PdfRenderError as exc:
            logger.exception("Resume PDF rendering failed")
            raise ServiceUnavailableError(
                gettext("The resume PDF cannot be generated right now. Please try again later.")
            ) from exc

    # The body of /api/resume: kept in the response cache, as the JSON reads' bodies are.
    language = _language(language)
    return cached_body(
        CACHE_NAMESPACE, f"resume-pdf:{language}", lambda: _in_language(language, render)
    )


def resume_file_name_generated(*, language) -> str:
    """The download name of the generated PDF in that language."""
    return _resume_file_name(Profile.objects.first(), None, _language(language))


def resume_file_name_get(*, language) -> str:
    """The download name of what `resume_pdf_get` serves for the language."""
    profile, resume = _profile_and_resume(language)
    return _resume_file_name(profile, resume, _language(language))


def _profile_and_resume(language):
    profile = Profile.objects.select_related("resume_en", "resume_es").first()
    return profile, (_resume_for(profile, language) if profile else None)


def _resume_file_name(profile, resume, language) -> str:
    """The uploaded PDF's own name; for a generated one `<Name>_Resume.pdf`, with the
    language added for languages other than the default (`<Name>_Resume_es.pdf`)."""
    if resume is not None and resume.original_name:
        name = resume.original_name
        return name if name.lower().endswith(".pdf") else f"{name}.pdf"
    owner = re.sub(r"[^A-Za-z0-9]+", "_", profile.name).strip("_") if profile else ""
    suffix = "" if language == settings.LANGUAGE_CODE else f"_{language}"
    return f"{owner}_Resume{suffix}.pdf" if owner else f"Resume{suffix}.pdf"


# --- Projects -----------------------------------------------------------------


def project_list(*, language) -> list[dict]:
    """[{id, slug, name, title, description, brief, tags, technologies, url,
    github_url, image_url, thumbnail_url, featured, order}], in the owner's order."""
    return _in_language(language, _project_dicts)


def project_get(*, key, language) -> dict:
    """One project by id or slug."""
    for project in project_list(language=language):
        if str(key).lower() in (project["id"], project["slug"]):
            return project
    raise NotFoundError(gettext("No project has the id or slug %(key)r.") % {"key": str(key)})


def _project_dicts(language):
    projects = Project.objects.published().select_related("image")
    return [_project_dict(p, language) for p in projects]


def _project_dict(project, language):
    image = project.image
    return {
        "id": str(project.id),
        "slug": project.slug,
        # The frontends call it `name`, the admin `title`: the same text.
        "name": project.title,
        "title": project.title,
        "description": project.description,
        "brief": project.brief or "",
        "tags": list(project.tags or []),
        "technologies": ", ".join(project.tags or []),
        "url": project.url,
        "github_url": project.github_url,
        "image_url": media_path(image.filename) if image else "",
        "thumbnail_url": media_path(image.thumbnail_filename) if image else "",
        "featured": project.featured,
        "order": project.order,
        "fallback": fallback_fields(project, language),
    }


def project_preview_get(*, key, token, language) -> dict:
    """The project a preview token opens (id or slug), whatever its status."""

    def find():
        by_slug = Project.objects.filter(slug=str(key).lower())
        return (by_slug | Project.objects.filter(pk=_uuid_or_none(key))).first()

    project = preview_item_get(token=token, kind="projects", find=find)
    with translation.override(_language(language)):
        return _project_dict(project, _language(language))


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# --- Experience ---------------------------------------------------------------


def experience_list(*, language) -> list[dict]:
    """[{id, title, company, company_url, period, start, end, description,
    technologies, location, logo_url, order}]; `end` None means present."""
    return _in_language(language, _experience_dicts)


def experience_get(*, pk, language) -> dict:
    for experience in experience_list(language=language):
        if experience["id"] == str(pk):
            return experience
    raise NotFoundError(gettext("No experience has the id %(key)r.") % {"key": str(pk)})


def experience_preview_get(*, pk, token, language) -> dict:
    """The experience a preview token opens, whatever its status."""
    find = Experience.objects.filter(pk=_uuid_or_none(pk)).first
    experience = preview_item_get(token=token, kind="experiences", find=find)
    language = _language(language)
    with translation.override(language):
        return _experience_dict(experience, language)


def _experience_dicts(language):
    experiences = Experience.objects.published().select_related("logo")
    return [_experience_dict(e, language) for e in experiences]


def _experience_dict(experience, language):
    logo = experience.logo
    return {
        "id": str(experience.id),
        "title": experience.title,
        "company": experience.company,
        "company_url": experience.company_url,
        "period": experience.period or _period(experience, language),
        "start": experience.start.isoformat(),
        "end": experience.end.isoformat() if experience.end else None,
        "description": experience.description,
        "technologies": list(experience.technologies or []),
        "location": experience.location or "",
        "logo_url": media_path(logo.filename) if logo else "",
        "order": experience.order,
        "fallback": fallback_fields(experience, language),
    }


def _period(experience, language) -> str:
    end = str(experience.end.year) if experience.end else present(language)
    return f"{experience.start.year} - {end}"


# --- Skills -------------------------------------------------------------------


def skill_list(*, language) -> list[dict]:
    """[{id, name, category, order, years_of_experience, professional_experience,
    image_url, weblink, tags, examples}] in the owner's order."""
    return _in_language(language, _skill_dicts)


def _skill_dicts(language):
    return [
        {
            "id": str(s.id),
            "name": s.name,
            "category": s.category,
            "order": s.order,
            "years_of_experience": s.years_of_experience,
            "professional_experience": s.professional_experience or "",
            "image_url": media_path(s.image.filename) if s.image else "",
            "weblink": s.weblink,
            "tags": list(s.tags or []),
            "examples": lines(s.examples),
            "fallback": fallback_fields(s, language),
        }
        for s in Skill.objects.select_related("image")
    ]


def lines(text) -> list[str]:
    """A one-entry-per-line text field as a list, blank lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --- Resume -------------------------------------------------------------------


def resume_get(*, language) -> dict:
    """{language, profile, experiences, projects, skills}: the whole resume in one language."""
    if normalize_language(language) != str(language).lower():
        raise NotFoundError(
            f"There is no resume in {language!r}. "
            f"Supported languages: {', '.join(supported_languages())}."
        )
    language = _language(language)
    return {
        "language": language,
        "profile": profile_get(language=language),
        "experiences": experience_list(language=language),
        "projects": project_list(language=language),
        "skills": skill_list(language=language),
    }


# --- Media --------------------------------------------------------------------


def media_file_get(*, filename) -> tuple[MediaFile, str]:
    """(the media file, the storage name to serve) for a public file name, which is
    either the file's or its thumbnail's. Only names we generated are ever found."""
    if not MEDIA_FILENAME_RE.fullmatch(filename or ""):
        raise NotFoundError(gettext("No such file."))
    name = f"{UPLOAD_DIR}/{filename}"
    media = MediaFile.objects.filter(Q(file=name) | Q(thumbnail=name)).first()
    if media is None:
        raise NotFoundError(gettext("No such file."))
    return media, name


# --- The resume site's newer client (seed 002: /api/experience, /api/projects, ...) ---
# Built on the lists above, so whatever those show (and hide) these show too.


def resume_site_experience_list(*, language) -> list[dict]:
    """experience_list() newest first: the resume site shows a timeline."""
    return sorted(experience_list(language=language), key=lambda e: e["start"], reverse=True)


def resume_site_about_get(*, language) -> dict:
    """{profile, skills}: what `/api/aboutme` is made of ({} before there is a profile)."""
    return {
        "profile": profile_get(language=language) or {},
        "skills": skill_list(language=language),
    }
