"""Seed 002's resume site: its raw shapes (no envelope), cached like the other reads."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from content_app.selectors import (
    profile_get,
    project_get,
    project_list,
    project_preview_get,
    resume_file_name_get,
    resume_get,
    resume_site_about_get,
    resume_site_experience_list,
    skill_list,
)
from content_app.serializers import (
    ResumeDataSerializer,
    ResumeFileNameSerializer,
    ResumeSiteAboutSerializer,
    ResumeSiteContactInfoSerializer,
    ResumeSiteExperienceSerializer,
    ResumeSiteProjectSerializer,
    ResumeSiteSkillSerializer,
    resume_data_payload,
    resume_site_about_payload,
    resume_site_contact_info_payload,
    resume_site_experience_payload,
    resume_site_projects_payload,
    skills_map_payload,
)
from content_app.views.base import (
    LANGUAGE_PARAMETERS,
    ContentApi,
    ContentDetailApi,
    ContentPayloadApi,
)
from portfolio.api.views import RawShape
from portfolio.preview import PREVIEW_PARAMETER

_TEXT, _TEXTS = {"type": "string"}, {"type": "array", "items": {"type": "string"}}
SKILL_MAP_SCHEMA = {
    "type": "object",
    "description": "skill id -> skill",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "display_name": _TEXT,
            "general_category": _TEXT,
            "image": {**_TEXT, "description": "The icon's URL; blank when none."},
            "years_of_experience": {"type": "integer", "nullable": True},
            "professional_experience": _TEXT,
            "tags": _TEXTS,
            "examples": _TEXTS,
            "weblink": _TEXT,
        },
        "required": [*ResumeSiteSkillSerializer().fields],
    },
}


def keyed_by_id(serializer_class, key):
    """The OpenAPI shape of an object keyed by id whose values are one serializer's
    (every field text, or a list of texts, as on the resume site's paths)."""
    fields = serializer_class().fields
    properties = {
        name: _TEXTS if isinstance(field, serializers.ListField) else _TEXT
        for name, field in fields.items()
    }
    item = {"type": "object", "properties": properties, "required": [*fields]}
    return {"type": "object", "description": f"{key} -> item", "additionalProperties": item}


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_data",
        parameters=LANGUAGE_PARAMETERS,
        responses=ResumeDataSerializer,
        summary="The resume site's data shape (seed 002, no envelope).",
    )
)
class ResumeDataApi(RawShape, ContentPayloadApi):
    def payload(self):
        return resume_data_payload(resume_get(language=self.language))


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_file_name",
        parameters=LANGUAGE_PARAMETERS,
        responses=ResumeFileNameSerializer,
        summary="The file name of the resume PDF (seed 002, no envelope).",
    )
)
class ResumeFileNameApi(RawShape, ContentPayloadApi):
    def payload(self):
        return {"resumeFileName": resume_file_name_get(language=self.language)}


class SkillMapApi(RawShape, ContentApi):
    @extend_schema(
        operation_id="skills_map",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: SKILL_MAP_SCHEMA},
        summary="The resume site's skills (seed 002, no envelope): an object keyed by skill id.",
        description="Text fields are in the request's language.",
    )
    def get(self, request):
        skills = skill_list(language=self.language)
        return Response(skills_map_payload(skills, context=self.context()))


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_experience",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: keyed_by_id(ResumeSiteExperienceSerializer, "experience id")},
        summary="Work experience for the resume site (seed 002, no envelope), newest first.",
    )
)
class ResumeSiteExperienceApi(RawShape, ContentPayloadApi):
    def payload(self):
        rows = resume_site_experience_list(language=self.language)
        return resume_site_experience_payload(rows, context=self.context())


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_projects",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: keyed_by_id(ResumeSiteProjectSerializer, "project id")},
        summary="Projects for the resume site (seed 002, no envelope), in the owner's order.",
    )
)
class ResumeSiteProjectsApi(RawShape, ContentPayloadApi):
    def payload(self):
        rows = project_list(language=self.language)
        return resume_site_projects_payload(rows, context=self.context())


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_project",
        parameters=[*LANGUAGE_PARAMETERS, PREVIEW_PARAMETER],
        responses={
            200: ResumeSiteProjectSerializer,
            404: OpenApiResponse(description='`{"detail": "..."}`: no such project.'),
        },
        summary="One project for the resume site (seed 002, no envelope).",
    )
)
class ResumeSiteProjectApi(RawShape, ContentDetailApi):
    serializer_class = ResumeSiteProjectSerializer
    item_get = staticmethod(project_get)
    item_preview_get = staticmethod(project_preview_get)

    def published(self, request, key):
        def build():
            return self.serialized(self.item_get(key=key, language=self.language))

        return self.cached(request, build, key=key)


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_about",
        parameters=LANGUAGE_PARAMETERS,
        responses=ResumeSiteAboutSerializer,
        summary="The about section of the resume site, from the profile (seed 002).",
    )
)
class ResumeSiteAboutApi(RawShape, ContentPayloadApi):
    def payload(self):
        about = resume_site_about_get(language=self.language)
        return resume_site_about_payload(about, language=self.language)


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_contact_info",
        parameters=LANGUAGE_PARAMETERS,
        responses=ResumeSiteContactInfoSerializer,
        summary="The owner's contact details for the resume site, from the profile (seed 002).",
    )
)
class ResumeSiteContactInfoApi(RawShape, ContentPayloadApi):
    def payload(self):
        return resume_site_contact_info_payload(profile_get(language=self.language))
