"""Compatibility mounts (API.md section 3): the paths the source documents' frontends
already call, served by the canonical views.

Mirrors of canonical endpoints are left out of the OpenAPI schema (they would
document every operation twice); seed-002 views with their own shapes are not
mirrors and are documented.
"""

import re

from django.urls import path

from blog_app.views import PostListApi
from chat_app.views import (
    ChatSendApi,
    ChatStatusApi,
    ResumeChatApi,
    ResumeChatHistoryApi,
)
from contact_app.views import ContactSubmitApi, ResumeSiteSendEmailApi
from content_app import views as content
from cv_app.views import CVQueryApi, CVUploadApi
from portfolio.accounts import views as accounts
from portfolio.views import BasicHealthApi
from telemetry_app.views import ResumeSiteTelemetryApi
from tools_app.views import ToolListApi

MIRROR_ROUTES: set[str] = set()


def mirror(route, view_class, name, *actions):
    """`actions`: for a viewset, its actions by method."""
    # The schema names path parameters `{name}` where the route says `<conv:name>`.
    MIRROR_ROUTES.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return path(route, view_class.as_view(*actions), name=name)


def mirror_admin(route, viewset, name):
    """An admin viewset's collection and item (portfolio/api/crud.py) at `route`."""
    item = {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
    return [
        mirror(route, viewset, name, {"get": "list", "post": "create"}),
        mirror(f"{route}/<uuid:pk>", viewset, f"{name}-item", item),
    ]


# Seed 000: the Next.js frontend, envelope responses.
seed000 = [
    mirror("tools/list", ToolListApi, "seed000-tools-list"),
    mirror("news/list", PostListApi, "seed000-news-list"),
    mirror("chat/send", ChatSendApi, "seed000-chat-send"),
    mirror("contact/submit", ContactSubmitApi, "seed000-contact-submit"),
    mirror("cv/upload", CVUploadApi, "seed000-cv-upload"),
    mirror("cv/query", CVQueryApi, "seed000-cv-query"),
]

# Seed 004: the multilingual admin site, envelope responses.
seed004 = [
    mirror("api/chat/message", ChatSendApi, "seed004-chat-message"),
    mirror("api/auth/login", accounts.LoginApi, "seed004-auth-login"),
    mirror("api/auth/refresh", accounts.RefreshApi, "seed004-auth-refresh"),
    mirror("api/auth/logout", accounts.LogoutApi, "seed004-auth-logout"),
    *mirror_admin("api/admin/projects", content.ProjectAdminViewSet, "seed004-admin-projects"),
    mirror("api/experiences", content.ExperienceListApi, "seed004-experiences"),
    mirror("api/experiences/<uuid:pk>", content.ExperienceDetailApi, "seed004-experiences-detail"),
    *mirror_admin(
        "api/admin/experiences", content.ExperienceAdminViewSet, "seed004-admin-experiences"
    ),
    mirror("api/upload", content.UploadApi, "seed004-upload"),
    mirror("api/media/<str:filename>", content.MediaFileApi, "seed004-media"),
    mirror(
        "api/admin/media/<uuid:pk>",
        content.MediaAdminViewSet,
        "seed004-admin-media-item",
        {"get": "retrieve", "delete": "destroy"},
    ),
    mirror("api/resume/<str:language>", content.ResumeApi, "seed004-resume"),
]

# Seed 002: the resume site, raw shapes.
seed002 = [
    path("api/chat", ResumeChatApi.as_view(), name="seed002-chat"),
    path("api/chat/history", ResumeChatHistoryApi.as_view(), name="seed002-chat-history"),
    path("api/chat/status", ChatStatusApi.as_view(), name="seed002-chat-status"),
    path("api/telemetry", ResumeSiteTelemetryApi.as_view(), name="seed002-telemetry"),
    path("api/health", BasicHealthApi.as_view(), name="seed002-health"),
    path("api/resume_data", content.ResumeDataApi.as_view(), name="seed002-resume-data"),
    path("api/resume", content.ResumePdfApi.as_view(), name="seed002-resume"),
    path(
        "api/resume_file_name",
        content.ResumeFileNameApi.as_view(),
        name="seed002-resume-file-name",
    ),
    path("api/skills", content.SkillMapApi.as_view(), name="seed002-skills"),
    # The resume site's newer client; `/api/projects` was seed 004's envelope before,
    # which no client reads (API.md section 3).
    path("api/experience", content.ResumeSiteExperienceApi.as_view(), name="seed002-experience"),
    path("api/aboutme", content.ResumeSiteAboutApi.as_view(), name="seed002-aboutme"),
    path(
        "api/contact/info", content.ResumeSiteContactInfoApi.as_view(), name="seed002-contact-info"
    ),
    path(
        "api/contact/send-email",
        ResumeSiteSendEmailApi.as_view(),
        name="seed002-contact-send-email",
    ),
    path("api/projects", content.ResumeSiteProjectsApi.as_view(), name="seed002-projects"),
    path(
        "api/projects/<str:key>",
        content.ResumeSiteProjectApi.as_view(),
        name="seed002-projects-detail",
    ),
]

urlpatterns = seed000 + seed004 + seed002


def exclude_mirrors(endpoints, **kwargs):
    """drf-spectacular preprocessing hook."""
    return [e for e in endpoints if e[0] not in MIRROR_ROUTES]
