import re

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from content_app.media import MAX_UPLOAD_BYTES
from content_app.models import Experience, MediaFile, Profile, Project, Skill
from content_app.selectors import media_path, present
from portfolio.api.language import supported_languages
from portfolio.api.serializers import ReservedSlugMixin, StrictModelSerializer, page_serializer
from portfolio.structured_data import creative_work, person

# --- Shared fields ------------------------------------------------------------


def absolute_url(context, path) -> str:
    """A site-relative path made absolute for the requesting host; blank stays blank."""
    request = context.get("request")
    if path and request is not None:
        return request.build_absolute_uri(path)
    return path or ""


class AbsoluteUrlField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute_url(self.context, value)


def _word_list(max_items):
    return serializers.ListField(
        child=serializers.CharField(max_length=60, allow_blank=False, trim_whitespace=True),
        max_length=max_items,
        required=False,
    )


# --- Public read shapes (built from the selectors' dicts) -----------------------


def _fallback_field():
    return serializers.ListField(
        child=serializers.CharField(),
        help_text="The translated fields served in another language than the one asked "
        "for (blank in it, so English is shown); empty when none.",
    )


class ProjectOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    slug = serializers.CharField()
    name = serializers.CharField(help_text="The same text as `title`.")
    title = serializers.CharField()
    description = serializers.CharField()
    brief = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    technologies = serializers.CharField(help_text='The tags as one string: "LLM, FastAPI, r3f".')
    url = serializers.CharField()
    github_url = serializers.CharField()
    image_url = AbsoluteUrlField()
    thumbnail_url = AbsoluteUrlField()
    featured = serializers.BooleanField()
    order = serializers.IntegerField()
    fallback = _fallback_field()
    json_ld = serializers.SerializerMethodField(help_text="schema.org `CreativeWork`, as JSON-LD.")

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_json_ld(self, project) -> dict:
        image = absolute_url(self.context, project["image_url"])
        return creative_work(project, language=_language(self.context), image=image)


def _language(context) -> str:
    """The language the view read the content in (views put it in the context)."""
    return context.get("language") or settings.LANGUAGE_CODE


ProjectListOutputSerializer = page_serializer(ProjectOutputSerializer)


class ExperienceOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    company = serializers.CharField()
    company_url = serializers.CharField()
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True, help_text="null while it is the current job.")
    description = serializers.CharField()
    technologies = serializers.ListField(child=serializers.CharField())
    location = serializers.CharField()
    logo_url = AbsoluteUrlField()
    order = serializers.IntegerField()
    fallback = _fallback_field()


ExperienceListOutputSerializer = page_serializer(ExperienceOutputSerializer)


class SkillOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    category = serializers.CharField()
    order = serializers.IntegerField()
    fallback = _fallback_field()


SkillListOutputSerializer = page_serializer(SkillOutputSerializer)


class ProfileOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    about = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    location = serializers.CharField()
    website = serializers.CharField()
    github = serializers.CharField()
    linkedin = serializers.CharField()
    education = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    resume_url = AbsoluteUrlField(help_text="The resume PDF in this language; blank when none.")
    resume_file_name = serializers.CharField()
    fallback = _fallback_field()


class ResumeOutputSerializer(serializers.Serializer):
    language = serializers.CharField()
    profile = ProfileOutputSerializer(allow_null=True)
    experiences = ExperienceOutputSerializer(many=True)
    projects = ProjectOutputSerializer(many=True)
    skills = SkillOutputSerializer(many=True)
    json_ld = serializers.SerializerMethodField(
        help_text="schema.org `Person` (the owner), as JSON-LD; null before there is a profile."
    )

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_json_ld(self, resume) -> dict | None:
        return person(
            resume["profile"],
            experiences=resume["experiences"],
            skills=resume["skills"],
            language=resume["language"],
        )


# --- Seed 002: the resume site's raw shapes ---------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def resume_data_payload(resume: dict) -> dict:
    """The seed-002 `/api/resume_data` shape from `resume_get()`."""
    profile = resume["profile"] or {}
    skills_by_category: dict[str, list[str]] = {}
    for skill in resume["skills"]:
        skills_by_category.setdefault(skill["category"], []).append(skill["name"])
    return {
        "name": profile.get("name", ""),
        "title": profile.get("title", ""),
        "github": profile.get("github", ""),
        "linkedin": profile.get("linkedin", ""),
        "aboutMe": profile.get("about", ""),
        "contact": {
            key: profile.get(key, "")
            for key in ("email", "phone", "website", "location", "github", "linkedin")
        },
        "technicalSkills": skills_by_category,
        "experience": [
            {
                "title": e["title"],
                "company": e["company"],
                "date": e["period"],
                # The resume site lists bullet points; our text is sentences.
                "responsibilities": [s for s in _SENTENCE_END.split(e["description"]) if s],
                "link": e["company_url"],
                "logoPath": e["logo_url"],
            }
            for e in resume["experiences"]
        ],
        "projects": [
            {
                "title": p["title"],
                "description": p["description"],
                "technologies": p["tags"],
                "link": p["url"] or p["github_url"],
            }
            for p in resume["projects"]
        ],
    }


class _ContactSerializer(serializers.Serializer):
    email = serializers.CharField()
    phone = serializers.CharField()
    website = serializers.CharField()
    location = serializers.CharField()
    github = serializers.CharField()
    linkedin = serializers.CharField()


class _LegacyExperienceSerializer(serializers.Serializer):
    title = serializers.CharField()
    company = serializers.CharField()
    date = serializers.CharField()
    responsibilities = serializers.ListField(child=serializers.CharField())
    link = serializers.CharField()
    logoPath = serializers.CharField()  # noqa: N815


class _LegacyProjectSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    technologies = serializers.ListField(child=serializers.CharField())
    link = serializers.CharField()


class ResumeDataSerializer(serializers.Serializer):
    """Documents `/api/resume_data` (seed 002, no envelope)."""

    name = serializers.CharField()
    title = serializers.CharField()
    github = serializers.CharField()
    linkedin = serializers.CharField()
    aboutMe = serializers.CharField()  # noqa: N815
    contact = _ContactSerializer()
    technicalSkills = serializers.DictField(  # noqa: N815
        child=serializers.ListField(child=serializers.CharField()),
        help_text="category -> skill names",
    )
    experience = _LegacyExperienceSerializer(many=True)
    projects = _LegacyProjectSerializer(many=True)


class ResumeFileNameSerializer(serializers.Serializer):
    resumeFileName = serializers.CharField()  # noqa: N815


class ResumeSiteSkillSerializer(serializers.Serializer):
    """One skill in `/api/skills` (seed 002), from a `skill_list()` dict."""

    display_name = serializers.CharField(source="name")
    general_category = serializers.CharField(source="category")
    image = AbsoluteUrlField(source="image_url", help_text="The icon's URL; blank when none.")
    years_of_experience = serializers.IntegerField(allow_null=True)
    professional_experience = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    examples = serializers.ListField(child=serializers.CharField())
    weblink = serializers.CharField()


def skills_map_payload(skills, *, context) -> dict:
    """The seed-002 `/api/skills` shape: an object keyed by skill id, in the owner's order."""
    return {s["id"]: ResumeSiteSkillSerializer(s, context=context).data for s in skills}


# --- The resume site's newer client (seed 002, raw shapes) ----------------------
# Built from the selectors' dicts; fields the content lacks are "" or [], never missing.

PRIMARY_SKILLS = 6


def _month_year(iso_date) -> str:
    year, month = iso_date.split("-")[:2]
    return f"{month}/{year}"


def _sentences(text) -> list[str]:
    return [sentence for sentence in _SENTENCE_END.split(text or "") if sentence]


class ResumeSiteExperienceSerializer(serializers.Serializer):
    """One entry of `/api/experience`, from an `experience_list()` dict."""

    company = serializers.CharField()
    title = serializers.CharField()
    date = serializers.SerializerMethodField(help_text='"06/2023 - Present" (MM/YYYY).')
    location = serializers.CharField()
    highlights = serializers.SerializerMethodField(help_text="The description, one per sentence.")
    link = serializers.CharField(source="company_url")
    logoPath = AbsoluteUrlField(source="logo_url")  # noqa: N815
    company_description = serializers.SerializerMethodField()
    tech_stack = serializers.ListField(child=serializers.CharField(), source="technologies")
    more_highlights = serializers.SerializerMethodField()

    def get_date(self, experience) -> str:
        end = experience["end"]
        until = _month_year(end) if end else present(self.context["language"])
        return f"{_month_year(experience['start'])} - {until}"

    def get_highlights(self, experience) -> list[str]:
        return _sentences(experience["description"])

    def get_company_description(self, experience) -> str:
        return ""

    def get_more_highlights(self, experience) -> list[str]:
        return []


class ResumeSiteProjectSerializer(serializers.Serializer):
    """One entry of `/api/projects` (and `/api/projects/<id>`), from a `project_list()` dict."""

    title = serializers.CharField()
    description = serializers.CharField()
    description_detail = serializers.CharField(source="brief")
    link = serializers.CharField(source="url")
    link2 = serializers.CharField(source="github_url")
    logoPath = AbsoluteUrlField(source="image_url")  # noqa: N815
    tech_stack = serializers.ListField(child=serializers.CharField(), source="tags")
    last_commit = serializers.SerializerMethodField(help_text="Blank: not tracked.")

    def get_last_commit(self, project) -> str:
        return ""


def resume_site_experience_payload(experiences, *, context) -> dict:
    """`/api/experience`: an object keyed by experience id, in the given order."""
    return {e["id"]: ResumeSiteExperienceSerializer(e, context=context).data for e in experiences}


def resume_site_projects_payload(projects, *, context) -> dict:
    """`/api/projects`: an object keyed by project id, in the owner's order."""
    return {p["id"]: ResumeSiteProjectSerializer(p, context=context).data for p in projects}


class ResumeSiteAboutSerializer(serializers.Serializer):
    """Documents `/api/aboutme`."""

    greeting = serializers.CharField()
    description = serializers.CharField()
    aidetails = serializers.CharField()
    brief_bio = serializers.CharField()
    full_portrait = serializers.CharField(help_text="An absolute URL; blank when none.")
    resume_name = serializers.CharField()
    primary_skills = serializers.ListField(child=serializers.CharField())


def resume_site_about_payload(about, *, language) -> dict:
    """`/api/aboutme` from `resume_site_about_get()`."""
    profile = about["profile"]
    first_name = (profile.get("name") or "").split(" ")[0]
    with translation.override(language):
        greeting = gettext("Hi, I'm %(name)s") % {"name": first_name} if first_name else ""
    return {
        "greeting": greeting,
        "description": profile.get("about", ""),
        "aidetails": "",
        "brief_bio": profile.get("title", ""),
        # The profile has no portrait of its own.
        "full_portrait": "",
        "resume_name": profile.get("resume_file_name", ""),
        "primary_skills": [skill["name"] for skill in about["skills"][:PRIMARY_SKILLS]],
    }


class ResumeSiteContactInfoSerializer(serializers.Serializer):
    """Documents `/api/contact/info`."""

    firstName = serializers.CharField()  # noqa: N815
    lastName = serializers.CharField()  # noqa: N815
    title = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    website = serializers.CharField()
    location = serializers.CharField()
    country = serializers.CharField(
        help_text='The part of the location after its last comma ("Lahore, Pakistan"); else blank.'
    )
    github = serializers.CharField()
    linkedin = serializers.CharField()


def resume_site_contact_info_payload(profile) -> dict:
    """`/api/contact/info` from `profile_get()` (None before there is a profile)."""
    profile = profile or {}
    first, _, last = (profile.get("name") or "").partition(" ")
    location = profile.get("location", "")
    return {
        "firstName": first,
        "lastName": last,
        "title": profile.get("title", ""),
        **{key: profile.get(key, "") for key in ("email", "phone", "website")},
        "location": location,
        "country": location.rsplit(",", 1)[-1].strip() if "," in location else "",
        "github": profile.get("github", ""),
        "linkedin": profile.get("linkedin", ""),
    }


# --- Media --------------------------------------------------------------------


class UploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=False,
        help_text=f"JPEG, PNG or PDF, at most {filesizeformat(MAX_UPLOAD_BYTES)}.",
    )


class MediaFileOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    filename = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = MediaFile
        fields = [
            "id", "filename", "original_name", "url", "thumbnail_url", "kind",
            "content_type", "size", "width", "height", "created_at",
        ]  # fmt: skip

    def get_url(self, media) -> str:
        return absolute_url(self.context, media_path(media.filename))

    def get_thumbnail_url(self, media) -> str:
        return absolute_url(self.context, media_path(media.thumbnail_filename))


# --- Admin write API: input (validation) and output (every language) -----------

# Draft or published, and when (portfolio/publishing.py); both optional on writes.
PUBLISHING = ("status", "publish_at")


def translated_names(*fields) -> list[str]:
    """`title` -> `title_en`, `title_es`: how translated fields travel in write payloads."""
    return [f"{field}_{language}" for field in fields for language in supported_languages()]


def translated_extra_kwargs(*, required=(), optional=()) -> dict:
    """Serializer `extra_kwargs`: the English value of a required field is required;
    every other language may be left out or blank, and then reads as English."""
    kwargs = {}
    for field in (*required, *optional):
        for language in supported_languages():
            name = f"{field}_{language}"
            if field in required and language == settings.LANGUAGE_CODE:
                kwargs[name] = {"required": True, "allow_null": False, "allow_blank": False}
            else:
                kwargs[name] = {"required": False, "allow_null": True, "allow_blank": True}
    return kwargs


def _image_choice():
    """Input: the id of an uploaded image (not a PDF), or null."""
    return serializers.PrimaryKeyRelatedField(
        queryset=MediaFile.objects.filter(kind=MediaFile.Kind.IMAGE),
        allow_null=True,
        required=False,
        pk_field=serializers.UUIDField(),
        error_messages={"does_not_exist": "No uploaded image has the id {pk_value}."},
    )


def _image_id(field):
    """Output: the id of the image `field` refers to, or null."""
    return serializers.CharField(source=f"{field}_id", allow_null=True, read_only=True)


class ProjectInputSerializer(ReservedSlugMixin, StrictModelSerializer):
    tags = _word_list(30)
    image = _image_choice()

    class Meta:
        model = Project
        fields = [
            *translated_names("title", "description", "brief"),
            "slug", "tags", "url", "github_url", "image", "order", "featured", *PUBLISHING,
        ]  # fmt: skip
        extra_kwargs = {
            **translated_extra_kwargs(required=("title", "description"), optional=("brief",)),
            "slug": {"required": False, "allow_blank": True},
        }


class ExperienceInputSerializer(StrictModelSerializer):
    technologies = _word_list(40)
    logo = _image_choice()

    class Meta:
        model = Experience
        fields = [
            *translated_names("title", "company", "period", "description", "location"),
            "company_url", "logo", "start", "end", "technologies", "order", *PUBLISHING,
        ]  # fmt: skip
        extra_kwargs = translated_extra_kwargs(
            required=("title", "company", "description"), optional=("period", "location")
        )

    def validate(self, attrs):
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end": ["The end date cannot be before the start date."]}
            )
        return attrs


class SkillInputSerializer(StrictModelSerializer):
    tags = _word_list(30)
    image = _image_choice()

    class Meta:
        model = Skill
        fields = [
            *translated_names("name", "category", "professional_experience", "examples"),
            "order", "years_of_experience", "image", "weblink", "tags",
        ]  # fmt: skip
        extra_kwargs = translated_extra_kwargs(
            required=("name", "category"), optional=("professional_experience", "examples")
        )


# Output: the id and every field the input takes, in every language.
class _AdminOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)


class ProjectAdminOutputSerializer(_AdminOutputSerializer):
    image = _image_id("image")
    image_url = serializers.SerializerMethodField()
    technologies = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id", *translated_names("title", "description", "brief"), "slug", "tags",
            "technologies", "url", "github_url", "image", "image_url", "order", "featured",
            *PUBLISHING, "created_at", "updated_at",
        ]  # fmt: skip

    def get_image_url(self, project) -> str:
        path = media_path(project.image.filename) if project.image_id else ""
        return absolute_url(self.context, path)

    def get_technologies(self, project) -> str:
        return ", ".join(project.tags or [])


class ExperienceAdminOutputSerializer(_AdminOutputSerializer):
    logo = _image_id("logo")

    class Meta:
        model = Experience
        fields = ["id", *ExperienceInputSerializer.Meta.fields, "created_at", "updated_at"]


class ProfileAdminOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Profile
        fields = [
            "id", "name", *translated_names("title", "about", "location", "education",
                                            "languages", "availability"),
            "email", "phone", "website", "github", "linkedin", "pronoun", "resume_en",
            "resume_es", "updated_at",
        ]  # fmt: skip


class SkillAdminOutputSerializer(_AdminOutputSerializer):
    image = _image_id("image")

    class Meta:
        model = Skill
        fields = ["id", *SkillInputSerializer.Meta.fields]
