from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from blog_app.selectors import CACHE_NAMESPACE, post_get, post_list
from blog_app.serializers import (
    PostListOutputSerializer,
    PostListQuerySerializer,
    PostOutputSerializer,
)
from portfolio.api.caching import cached_json_response


class PostListApi(APIView):
    @extend_schema(
        operation_id="news_list",
        parameters=[PostListQuerySerializer],
        responses=PostListOutputSerializer,
        summary="Blog posts, featured first, then newest.",
    )
    def get(self, request):
        query = PostListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        limit = params.pop("limit", None)

        def build():
            items, total = post_list(filters=params, limit=limit)
            return {"items": PostOutputSerializer(items, many=True).data, "total": total}

        return cached_json_response(
            request, namespace=CACHE_NAMESPACE, params={**params, "limit": limit}, build=build
        )


class PostDetailApi(APIView):
    @extend_schema(operation_id="news_detail", responses=PostOutputSerializer)
    def get(self, request, slug):
        return Response(PostOutputSerializer(post_get(slug=slug)).data)
