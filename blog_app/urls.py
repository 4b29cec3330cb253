from django.urls import path

from blog_app.admin_api import PostAdminCollectionApi, PostAdminItemApi
from blog_app.views import PostDetailApi, PostListApi

urlpatterns = [
    path("news/list", PostListApi.as_view(), name="news-list"),
    path("news/<slug:slug>", PostDetailApi.as_view(), name="news-detail"),
    path("admin/posts", PostAdminCollectionApi.as_view(), name="admin-posts"),
    path("admin/posts/<uuid:pk>", PostAdminItemApi.as_view(), name="admin-posts-item"),
]
