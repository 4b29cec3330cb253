from portfolio.api.crud import AdminViewSet
from tools_app.models import AITool
from tools_app.serializers import ToolAdminOutputSerializer, ToolInputSerializer


class ToolAdminViewSet(AdminViewSet):
    queryset = AITool.objects.all()
    input_serializer_class = ToolInputSerializer
    serializer_class = ToolAdminOutputSerializer
