from django.urls import path

from blog_app.admin_api import PostAdminViewSet
from blog_app.views import PostDetailApi, PostListApi
from portfolio.api.crud import admin_urls

urlpatterns = [
    path("news/list", PostListApi.as_view(), name="news-list"),
    path("news/<slug:slug>", PostDetailApi.as_view(), name="news-detail"),
    *admin_urls(posts=PostAdminViewSet),
]
