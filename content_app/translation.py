"""django-modeltranslation: which fields exist per language (en, es).

English is required; a missing Spanish value reads as the English one
(MODELTRANSLATION_FALLBACK_LANGUAGES).
"""

from modeltranslation.translator import TranslationOptions, register

from content_app.models import Experience, Profile, Project, Skill


@register(Profile)
class ProfileTranslationOptions(TranslationOptions):
    fields = ("title", "about", "location", "education", "languages", "availability")
    required_languages = {"en": ("title", "about")}


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "description", "brief")
    required_languages = {"en": ("title", "description")}


@register(Experience)
class ExperienceTranslationOptions(TranslationOptions):
    fields = ("title", "company", "period", "description", "location")
    required_languages = {"en": ("title", "company", "description")}


@register(Skill)
class SkillTranslationOptions(TranslationOptions):
    fields = ("name", "category", "professional_experience", "examples")
    required_languages = {"en": ("name", "category")}


TRANSLATED_FIELDS = {
    Profile: ProfileTranslationOptions.fields,
    Project: ProjectTranslationOptions.fields,
    Experience: ExperienceTranslationOptions.fields,
    Skill: SkillTranslationOptions.fields,
}
