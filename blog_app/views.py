from drf_spectacular.utils import extend_schema, extend_schema_view

from blog_app.selectors import CACHE_NAMESPACE, post_get, post_list
from blog_app.serializers import (
    PostListOutputSerializer,
    PostListQuerySerializer,
    PostOutputSerializer,
)
from portfolio.api.caching import CachedListApi, cached_json_response
from portfolio.api.views import PublicApi


@extend_schema_view(
    get=extend_schema(
        operation_id="news_list",
        parameters=[PostListQuerySerializer],
        responses=PostListOutputSerializer,
        summary="Blog posts, featured first, then newest.",
    )
)
class PostListApi(CachedListApi):
    query_serializer_class = PostListQuerySerializer
    item_serializer_class = PostOutputSerializer
    cache_namespace = CACHE_NAMESPACE
    select = staticmethod(post_list)


class PostDetailApi(PublicApi):
    @extend_schema(operation_id="news_detail", responses=PostOutputSerializer)
    def get(self, request, slug):
        # Cached like the list (same namespace, so an edit shows at once); the edge
        # cache repeats it unless the query has parameters (it takes none).
        return cached_json_response(
            request,
            namespace=CACHE_NAMESPACE,
            params={"detail": slug},
            build=lambda: PostOutputSerializer(post_get(slug=slug)).data,
            edge_params=(),
        )
