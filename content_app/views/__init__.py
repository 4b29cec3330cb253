"""The content API, one module a concern: `public` (projects, experience, skills),
`resume` (the whole resume as JSON and PDF), `resume_site` (seed 002's raw shapes),
`media` (serving files), `uploads`, `admin` (the admin API); `base` holds what they share."""

from content_app.views.admin import (
    ExperienceAdminViewSet,
    MediaAdminViewSet,
    ProfileRevisionViewSet,
    ProjectAdminViewSet,
    SkillAdminViewSet,
)
from content_app.views.media import MediaFileApi
from content_app.views.public import (
    ExperienceDetailApi,
    ExperienceListApi,
    ProjectDetailApi,
    ProjectListApi,
    SkillListApi,
)
from content_app.views.resume import JsonResumeApi, ResumeApi, ResumePdfApi
from content_app.views.resume_site import (
    ResumeDataApi,
    ResumeFileNameApi,
    ResumeSiteAboutApi,
    ResumeSiteContactInfoApi,
    ResumeSiteExperienceApi,
    ResumeSiteProjectApi,
    ResumeSiteProjectsApi,
    SkillMapApi,
)
from content_app.views.uploads import UploadApi

__all__ = [
    "ExperienceAdminViewSet",
    "ExperienceDetailApi",
    "ExperienceListApi",
    "JsonResumeApi",
    "MediaAdminViewSet",
    "MediaFileApi",
    "ProfileRevisionViewSet",
    "ProjectAdminViewSet",
    "ProjectDetailApi",
    "ProjectListApi",
    "ResumeApi",
    "ResumeDataApi",
    "ResumeFileNameApi",
    "ResumePdfApi",
    "ResumeSiteAboutApi",
    "ResumeSiteContactInfoApi",
    "ResumeSiteExperienceApi",
    "ResumeSiteProjectApi",
    "ResumeSiteProjectsApi",
    "SkillAdminViewSet",
    "SkillListApi",
    "SkillMapApi",
    "UploadApi",
]
