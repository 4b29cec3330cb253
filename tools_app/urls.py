from django.urls import path

from tools_app.views import ToolListApi

urlpatterns = [
    path("tools/list", ToolListApi.as_view(), name="tools-list"),
]
