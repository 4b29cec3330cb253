from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from portfolio.api.caching import cached_json_response
from tools_app.selectors import CACHE_NAMESPACE, tool_list
from tools_app.serializers import (
    ToolListOutputSerializer,
    ToolListQuerySerializer,
    ToolOutputSerializer,
)


class ToolListApi(APIView):
    @extend_schema(
        operation_id="tools_list",
        parameters=[ToolListQuerySerializer],
        responses=ToolListOutputSerializer,
        summary="The AI tools directory, filtered and searched.",
    )
    def get(self, request):
        query = ToolListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        limit = params.pop("limit", None)

        def build():
            items, total = tool_list(filters=params, limit=limit)
            return {"items": ToolOutputSerializer(items, many=True).data, "total": total}

        return cached_json_response(
            request, namespace=CACHE_NAMESPACE, params={**params, "limit": limit}, build=build
        )
