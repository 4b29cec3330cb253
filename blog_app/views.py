from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response

from blog_app.selectors import CACHE_NAMESPACE, post_get, post_matching, post_preview_get
from blog_app.serializers import (
    PostListOutputSerializer,
    PostListQuerySerializer,
    PostOutputSerializer,
)
from portfolio.api.caching import CachedListApi, cached_json_response
from portfolio.api.views import PublicApi
from portfolio.preview import NO_STORE, PREVIEW_PARAMETER, preview_requested


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
    select = staticmethod(post_matching)


class PostDetailApi(PublicApi):
    @extend_schema(
        operation_id="news_detail", parameters=[PREVIEW_PARAMETER], responses=PostOutputSerializer
    )
    def get(self, request, slug):
        if (token := preview_requested(request)) is not None:
            post = post_preview_get(slug=slug, token=token)
            return Response(PostOutputSerializer(post).data, headers={"Cache-Control": NO_STORE})
        # Cached like the list (same namespace, so an edit shows at once); the edge
        # cache repeats it unless the query has parameters (it takes none).
        return cached_json_response(
            request,
            namespace=CACHE_NAMESPACE,
            params={"detail": slug},
            build=lambda: PostOutputSerializer(post_get(slug=slug)).data,
            edge_params=(),
        )
