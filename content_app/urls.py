# Mounted under /api/v1/ by portfolio/urls.py.
from django.urls import path

from content_app import views

urlpatterns = [
    path("projects/list", views.ProjectListApi.as_view(), name="projects-list"),
    path("projects/<str:key>", views.ProjectDetailApi.as_view(), name="projects-detail"),
    path("experiences/list", views.ExperienceListApi.as_view(), name="experiences-list"),
    path("experiences/<uuid:pk>", views.ExperienceDetailApi.as_view(), name="experiences-detail"),
    path("skills/list", views.SkillListApi.as_view(), name="skills-list"),
    path("resume/<str:language>", views.ResumeApi.as_view(), name="resume"),
    path("upload", views.UploadApi.as_view(), name="upload"),
    path("media/<str:filename>", views.MediaFileApi.as_view(), name="media-file"),
    path("admin/media", views.MediaAdminListApi.as_view(), name="admin-media"),
    path("admin/media/<uuid:pk>", views.MediaAdminItemApi.as_view(), name="admin-media-item"),
    path("admin/projects", views.ProjectAdminCollectionApi.as_view(), name="admin-projects"),
    path(
        "admin/projects/<uuid:pk>",
        views.ProjectAdminItemApi.as_view(),
        name="admin-projects-item",
    ),
    path(
        "admin/experiences",
        views.ExperienceAdminCollectionApi.as_view(),
        name="admin-experiences",
    ),
    path(
        "admin/experiences/<uuid:pk>",
        views.ExperienceAdminItemApi.as_view(),
        name="admin-experiences-item",
    ),
    path("admin/skills", views.SkillAdminCollectionApi.as_view(), name="admin-skills"),
    path("admin/skills/<uuid:pk>", views.SkillAdminItemApi.as_view(), name="admin-skills-item"),
]
