"""What the content views share: the request's language, the cached read, the page of a
list, one item or its preview, and the seed-002 raw shape."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from content_app.selectors import CACHE_NAMESPACE
from portfolio.api.caching import cached_json_response
from portfolio.api.language import request_language, supported_languages
from portfolio.api.pagination import PageQuerySerializer, page_of, validated_page_params
from portfolio.api.views import PublicApi
from portfolio.preview import NO_STORE, preview_requested

LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang",
        str,
        enum=supported_languages(),
        required=False,
        description="Content language; else Accept-Language, else English. Other values: 400.",
    ),
    OpenApiParameter("Accept-Language", str, location=OpenApiParameter.HEADER, required=False),
]
PAGE_PARAMETERS = [*LANGUAGE_PARAMETERS, PageQuerySerializer]


class ContentApi(PublicApi):
    """Reads of the owner's translated content: `self.language` is set before the handler
    runs (the selectors read inside it) and labels the response. `cached()` answers from
    the cache with an ETag (304 on a match, before anything is serialised); the edge
    cache may repeat it under ASGI for queries of `query_params` alone."""

    language = None
    query_params = ("lang",)

    @property
    def wrap(self):
        # Cached bodies take the envelope unless the view answers a raw shape (RawShape).
        return getattr(self, "envelope", True)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = self.pick_language(request, **kwargs)

    def pick_language(self, request, **kwargs) -> str:
        return request_language(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.language and response.status_code < 400:
            response["Content-Language"] = self.language
        return response

    def context(self):
        return {"request": self.request, "language": self.language}

    def cached(self, request, build, **params):
        return cached_json_response(
            request,
            namespace=CACHE_NAMESPACE,
            # Media URLs are absolute for the requesting host.
            params={
                "view": type(self).__name__,
                "lang": self.language,
                **params,
                "site": request.build_absolute_uri("/"),
            },
            build=build,
            wrap=self.wrap,
            edge_params=self.query_params,
        )


# (Comments, not docstrings, below ContentApi: the schema shows a view's docstring as
# its operations' description.)


class ContentListApi(ContentApi):
    # A page of one of the content selectors' lists: `{items, total, limit, offset}`.

    query_params = ("lang", "limit", "offset")
    item_serializer_class: type
    select: staticmethod  # (language=) -> the list's rows

    def get(self, request):
        def build():
            rows = self.select(language=self.language)
            return page_of(request, rows, self.item_serializer_class, context=self.context())

        return self.cached(request, build, **validated_page_params(request))


class ContentDetailApi(ContentApi):
    # One item by the path's key, or the draft its preview link opens (never cached).

    serializer_class: type
    item_get: staticmethod  # (language=, **the path's key) -> the item
    item_preview_get: staticmethod  # (token=, language=, **the path's key) -> the draft

    def get(self, request, **lookup):
        if (token := preview_requested(request)) is not None:
            item = self.item_preview_get(token=token, language=self.language, **lookup)
            return Response(self.serialized(item), headers={"Cache-Control": NO_STORE})
        return self.published(request, **lookup)

    def published(self, request, **lookup):
        return Response(self.serialized(self.item_get(language=self.language, **lookup)))

    def serialized(self, item):
        return self.serializer_class(item, context=self.context()).data


class ContentPayloadApi(ContentApi):
    # A cached read whose whole answer is `payload()`, built in `self.language`.

    def get(self, request):
        return self.cached(request, self.payload)

    def payload(self):
        raise NotImplementedError
