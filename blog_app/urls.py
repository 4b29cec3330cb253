from django.urls import path

from blog_app.views import PostDetailApi, PostListApi

urlpatterns = [
    path("news/list", PostListApi.as_view(), name="news-list"),
    path("news/<slug:slug>", PostDetailApi.as_view(), name="news-detail"),
]
