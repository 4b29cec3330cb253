"""Compatibility mounts (API.md section 3): the paths the source documents' frontends
already call, served by the canonical views.

Mirrors of canonical endpoints are left out of the OpenAPI schema (they would
document every operation twice); seed-002 views with their own shapes are not
mirrors and are documented.
"""

from django.urls import path

from blog_app.views import PostListApi
from cv_app.views import CVQueryApi, CVUploadApi
from tools_app.views import ToolListApi

MIRROR_ROUTES: set[str] = set()


def mirror(route, view_class, name):
    MIRROR_ROUTES.add("/" + route)
    return path(route, view_class.as_view(), name=name)


# Seed 000: the Next.js frontend, envelope responses.
seed000 = [
    mirror("tools/list", ToolListApi, "seed000-tools-list"),
    mirror("news/list", PostListApi, "seed000-news-list"),
    mirror("cv/upload", CVUploadApi, "seed000-cv-upload"),
    mirror("cv/query", CVQueryApi, "seed000-cv-query"),
]

# Seed 004: the multilingual admin site, envelope responses.
seed004 = []

# Seed 002: the resume site, raw shapes.
seed002 = []

urlpatterns = seed000 + seed004 + seed002


def exclude_mirrors(endpoints, **kwargs):
    """drf-spectacular preprocessing hook."""
    return [e for e in endpoints if e[0] not in MIRROR_ROUTES]
