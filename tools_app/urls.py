from django.urls import path

from portfolio.api.crud import admin_urls
from tools_app.admin_api import ToolAdminViewSet
from tools_app.views import ToolListApi

urlpatterns = [
    path("tools/list", ToolListApi.as_view(), name="tools-list"),
    *admin_urls(tools=ToolAdminViewSet),
]
