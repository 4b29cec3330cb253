"""The one page every list answers, public and admin: `?limit=` (default 100, at most 200:
above is a 400 in the envelope) and `?offset=` in, `{items, total, limit, offset}` out.

Admin viewsets get it as their `pagination_class`; the cached public lists call
`page_of()` inside what they cache, so a cached body is the same page."""

from rest_framework import serializers
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from portfolio.api.serializers import TOTAL_HELP, DigitsIntegerField
from portfolio.api.views import validated

DEFAULT_LIMIT = 100
MAX_LIMIT = 200


class PageQuerySerializer(serializers.Serializer):
    """`limit` and `offset`; a list with filters subclasses it, so one 400 names every
    bad parameter."""

    limit = DigitsIntegerField(min_value=1, max_value=MAX_LIMIT, default=DEFAULT_LIMIT)
    # Bounded so the database never sees an offset past its integer range (SQLite's
    # is 64-bit); nobody pages a billion rows in.
    offset = DigitsIntegerField(min_value=0, max_value=1_000_000_000, default=0)


# What a list's query holds beside its filters.
PAGE_FIELDS = tuple(PageQuerySerializer().fields)


def validated_page_params(request) -> dict:
    """{limit, offset} of the request's query, or the 400 naming what is wrong."""
    return dict(validated(PageQuerySerializer, request.query_params))


class LimitOffsetPage(BasePagination):
    """Two queries for a queryset (the page and the count), whatever its size; a list
    a selector already holds (translated content, cached) is counted and cut in memory."""

    def paginate_queryset(self, queryset, request, view=None):
        self.page = validated_page_params(request)
        start = self.page["offset"]
        self.total = len(queryset) if isinstance(queryset, list) else queryset.count()
        return list(queryset[start : start + self.page["limit"]])

    def get_paginated_data(self, data) -> dict:
        return {"items": data, "total": self.total, **self.page}

    def get_paginated_response(self, data):
        return Response(self.get_paginated_data(data))

    def get_paginated_response_schema(self, schema):
        number = {"type": "integer"}
        total = {**number, "description": TOTAL_HELP}
        properties = {"items": schema, "total": total, "limit": number, "offset": number}
        return {"type": "object", "properties": properties, "required": sorted(properties)}

    def get_schema_operation_parameters(self, view):
        return [
            {"in": "query", "name": name, "schema": {"type": "integer", "maximum": f.max_value,
                                                     "minimum": f.min_value, "default": f.default}}
            for name, f in PageQuerySerializer().fields.items()
        ]  # fmt: skip


def page_of(request, rows, serializer_class, *, context=None) -> dict:
    """The requested page of `rows` (a queryset or a list), serialised, as a dict: for
    views that cache the page they build."""
    paginator = LimitOffsetPage()
    shown = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_data(
        serializer_class(shown, many=True, context=context or {}).data
    )
