from drf_spectacular.utils import extend_schema, extend_schema_view

from portfolio.api.caching import CachedListApi
from tools_app.selectors import CACHE_NAMESPACE, tool_matching
from tools_app.serializers import (
    ToolListOutputSerializer,
    ToolListQuerySerializer,
    ToolOutputSerializer,
)


@extend_schema_view(
    get=extend_schema(
        operation_id="tools_list",
        parameters=[ToolListQuerySerializer],
        responses=ToolListOutputSerializer,
        summary="The AI tools directory, filtered and searched.",
    )
)
class ToolListApi(CachedListApi):
    query_serializer_class = ToolListQuerySerializer
    item_serializer_class = ToolOutputSerializer
    cache_namespace = CACHE_NAMESPACE
    select = staticmethod(tool_matching)
