# Mounted under /api/v1/ by portfolio/urls.py.
from django.urls import path

from content_app import views
from portfolio.api.crud import admin_urls

urlpatterns = [
    path("projects/list", views.ProjectListApi.as_view(), name="projects-list"),
    path("projects/<str:key>", views.ProjectDetailApi.as_view(), name="projects-detail"),
    path("experiences/list", views.ExperienceListApi.as_view(), name="experiences-list"),
    path("experiences/<uuid:pk>", views.ExperienceDetailApi.as_view(), name="experiences-detail"),
    path("skills/list", views.SkillListApi.as_view(), name="skills-list"),
    path("resume.json", views.JsonResumeApi.as_view(), name="resume-json"),
    path("resume/<str:language>", views.ResumeApi.as_view(), name="resume"),
    path("upload", views.UploadApi.as_view(), name="upload"),
    path("media/<str:filename>", views.MediaFileApi.as_view(), name="media-file"),
    *admin_urls(
        media=views.MediaAdminViewSet,
        projects=views.ProjectAdminViewSet,
        experiences=views.ExperienceAdminViewSet,
        skills=views.SkillAdminViewSet,
        profile=views.ProfileRevisionViewSet,
    ),
]
