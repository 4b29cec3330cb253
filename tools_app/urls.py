from django.urls import path

from tools_app.admin_api import ToolAdminCollectionApi, ToolAdminItemApi
from tools_app.views import ToolListApi

urlpatterns = [
    path("tools/list", ToolListApi.as_view(), name="tools-list"),
    path("admin/tools", ToolAdminCollectionApi.as_view(), name="admin-tools"),
    path("admin/tools/<uuid:pk>", ToolAdminItemApi.as_view(), name="admin-tools-item"),
]
