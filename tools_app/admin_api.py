"""The write API for the tools directory (`admin/tools[/<id>]`)."""

from portfolio.api.crud import AdminCollectionApi, AdminItemApi
from tools_app.models import AITool
from tools_app.serializers import ToolAdminOutputSerializer, ToolInputSerializer
from tools_app.services import tool_create, tool_delete, tool_update


class _ToolAdmin:
    model = AITool
    input_serializer_class = ToolInputSerializer
    output_serializer_class = ToolAdminOutputSerializer
    operation_base = "admin_tools"


class ToolAdminCollectionApi(_ToolAdmin, AdminCollectionApi):
    def perform_create(self, data):
        return tool_create(data=data)


class ToolAdminItemApi(_ToolAdmin, AdminItemApi):
    def perform_update(self, instance, data):
        return tool_update(tool=instance, data=data)

    def perform_destroy(self, instance):
        tool_delete(tool=instance)
