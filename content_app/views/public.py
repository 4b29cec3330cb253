"""The owner's projects, experience and skills: public pages and items, translated."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from content_app.selectors import (
    experience_get,
    experience_list,
    experience_preview_get,
    project_get,
    project_list,
    project_preview_get,
    skill_list,
)
from content_app.serializers import (
    ExperienceListOutputSerializer,
    ExperienceOutputSerializer,
    ProjectListOutputSerializer,
    ProjectOutputSerializer,
    SkillListOutputSerializer,
    SkillOutputSerializer,
)
from content_app.views.base import (
    LANGUAGE_PARAMETERS,
    PAGE_PARAMETERS,
    ContentDetailApi,
    ContentListApi,
)
from portfolio.preview import PREVIEW_PARAMETER


@extend_schema_view(
    get=extend_schema(
        operation_id="projects_list",
        parameters=PAGE_PARAMETERS,
        responses=ProjectListOutputSerializer,
        summary="The owner's projects in the owner's order, in the request's language.",
    )
)
class ProjectListApi(ContentListApi):
    item_serializer_class = ProjectOutputSerializer
    select = staticmethod(project_list)


@extend_schema_view(
    get=extend_schema(
        operation_id="projects_detail",
        parameters=[*LANGUAGE_PARAMETERS, PREVIEW_PARAMETER],
        responses=ProjectOutputSerializer,
        summary="One project, by id or slug.",
    )
)
class ProjectDetailApi(ContentDetailApi):
    serializer_class = ProjectOutputSerializer
    item_get = staticmethod(project_get)
    item_preview_get = staticmethod(project_preview_get)


@extend_schema_view(
    get=extend_schema(
        operation_id="experiences_list",
        parameters=PAGE_PARAMETERS,
        responses=ExperienceListOutputSerializer,
        summary="Work experience, in the owner's order.",
    )
)
class ExperienceListApi(ContentListApi):
    item_serializer_class = ExperienceOutputSerializer
    select = staticmethod(experience_list)


@extend_schema_view(
    get=extend_schema(
        operation_id="experiences_detail",
        parameters=[*LANGUAGE_PARAMETERS, PREVIEW_PARAMETER],
        responses=ExperienceOutputSerializer,
    )
)
class ExperienceDetailApi(ContentDetailApi):
    serializer_class = ExperienceOutputSerializer
    item_get = staticmethod(experience_get)
    item_preview_get = staticmethod(experience_preview_get)


@extend_schema_view(
    get=extend_schema(
        operation_id="skills_list",
        parameters=PAGE_PARAMETERS,
        responses=SkillListOutputSerializer,
        summary="Skills with their categories, in the owner's order.",
    )
)
class SkillListApi(ContentListApi):
    item_serializer_class = SkillOutputSerializer
    select = staticmethod(skill_list)
