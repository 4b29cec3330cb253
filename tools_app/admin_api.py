from portfolio.api.cms import RevisionActions
from portfolio.api.crud import AdminViewSet
from tools_app.models import AITool
from tools_app.serializers import ToolAdminOutputSerializer, ToolInputSerializer


# No preview: a tool has no public detail page to preview.
class ToolAdminViewSet(RevisionActions, AdminViewSet):
    queryset = AITool.objects.all()
    input_serializer_class = ToolInputSerializer
    serializer_class = ToolAdminOutputSerializer
