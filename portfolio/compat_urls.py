"""Compatibility mounts (API.md section 3): the paths the source documents' frontends
already call, served by the canonical views.

Mirrors of canonical endpoints are left out of the OpenAPI schema (they would
document every operation twice); seed-002 views with their own shapes are not
mirrors and are documented.
"""

from django.urls import path

from blog_app.views import PostListApi
from chat_app.views import (
    ChatSendApi,
    ChatStatusApi,
    ResumeChatApi,
    ResumeChatHistoryApi,
)
from contact_app.views import ContactSubmitApi
from portfolio.views import BasicHealthApi
from telemetry_app.views import ResumeSiteTelemetryApi
from tools_app.views import ToolListApi

MIRROR_ROUTES: set[str] = set()


def mirror(route, view_class, name):
    MIRROR_ROUTES.add("/" + route)
    return path(route, view_class.as_view(), name=name)


# Seed 000: the Next.js frontend, envelope responses.
seed000 = [
    mirror("tools/list", ToolListApi, "seed000-tools-list"),
    mirror("news/list", PostListApi, "seed000-news-list"),
    mirror("chat/send", ChatSendApi, "seed000-chat-send"),
    mirror("contact/submit", ContactSubmitApi, "seed000-contact-submit"),
]

# Seed 004: the multilingual admin site, envelope responses.
seed004 = [
    mirror("api/chat/message", ChatSendApi, "seed004-chat-message"),
]

# Seed 002: the resume site, raw shapes.
seed002 = [
    path("api/chat", ResumeChatApi.as_view(), name="seed002-chat"),
    path("api/chat/history", ResumeChatHistoryApi.as_view(), name="seed002-chat-history"),
    path("api/chat/status", ChatStatusApi.as_view(), name="seed002-chat-status"),
    path("api/telemetry", ResumeSiteTelemetryApi.as_view(), name="seed002-telemetry"),
    path("api/health", BasicHealthApi.as_view(), name="seed002-health"),
]

urlpatterns = seed000 + seed004 + seed002


def exclude_mirrors(endpoints, **kwargs):
    """drf-spectacular preprocessing hook."""
    return [e for e in endpoints if e[0] not in MIRROR_ROUTES]
