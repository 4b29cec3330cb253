"""The admin write API (`admin/<things>[/<id>]`): DRF viewsets behind a router.

A concrete viewset names a queryset, an input serializer (validation) and an output
one (`serializer_class`). Writes are the model's full_clean() and save(); caches follow
from its save/delete signals. Bad input answers 400 with field details, changing nothing.
"""

from django.db import transaction
from django.http import Http404
from django.utils import translation
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from portfolio.api.caching import PageQuerySerializer, validated_page
from portfolio.api.language import default_language
from portfolio.api.permissions import StaffOrModelPermission
from portfolio.api.schema import EnvelopeAutoSchema


class PagePagination(BasePagination):
    """`{items, total, limit, offset}` for `?limit=&offset=` (default 100, at most 200,
    above: 400): two queries, the page and the count."""

    def paginate_queryset(self, queryset, request, view=None):
        self.page = validated_page(request)
        self.total = queryset.count()
        offset, limit = self.page["offset"], self.page["limit"]
        return list(queryset[offset : offset + limit])

    def get_paginated_response(self, data):
        return Response({"items": data, "total": self.total, **self.page})

    def get_paginated_response_schema(self, schema):
        number = {"type": "integer"}
        properties = {"items": schema, "total": number, "limit": number, "offset": number}
        return {"type": "object", "properties": properties, "required": sorted(properties)}

    def get_schema_operation_parameters(self, view):
        return [
            {"in": "query", "name": name, "schema": {
                "type": "integer", "maximum": f.max_value, "minimum": f.min_value,
                "default": f.default,
            }}
            for name, f in PageQuerySerializer().fields.items()
        ]  # fmt: skip


class AdminCrudSchema(EnvelopeAutoSchema):
    """Writes answer with the output serializer, not the input one they validate with."""

    def get_response_serializers(self):
        output = self.view.serializer_class
        return {"DELETE": {204: None}, "POST": {201: output}}.get(self.method, output)

    def get_paginated_name(self, serializer_name):
        return getattr(self.view, "page_component", f"{serializer_name}List")


class AdminReadViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    # List (paged), read and delete; the output serializer is `serializer_class`. (Comments,
    # not docstrings: the schema would show a docstring as every operation's description.)

    permission_classes = [StaffOrModelPermission]
    pagination_class = PagePagination
    filter_backends = []
    schema = AdminCrudSchema()
    lookup_value_converter = "uuid"

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            name = self.queryset.model._meta.verbose_name
            # DRF's own 404 (not NotFoundError): OPTIONS metadata expects it from get_object.
            raise NotFound(f"No {name} has the id {self.kwargs['pk']}.") from None


class AdminViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, AdminReadViewSet):
    # And create, replace (PUT) and update (PATCH), validated by `input_serializer_class`.

    def get_serializer_class(self):
        writes = self.request.method in {"POST", "PUT", "PATCH"}
        return self.input_serializer_class if writes else self.serializer_class

    def create(self, request, *args, **kwargs):
        return self._save(None, "created", status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        return self._save(self.get_object(), "updated", status.HTTP_200_OK, partial=partial)

    def _save(self, instance, done, status_code, partial=False):
        serializer = self.get_serializer(instance, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = instance or self.queryset.model()
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        # A translated model's untranslated column takes the active language's value on
        # save; keep it English whatever the request's Accept-Language activated.
        with translation.override(default_language()), transaction.atomic():
            instance.full_clean()
            instance.save()
        output = self.serializer_class(instance, context=self.get_serializer_context())
        response = Response(output.data, status=status_code)
        label = str(self.queryset.model._meta.verbose_name).capitalize()
        response.envelope_message = f"{label} {done}."
        return response


def admin_urls(**viewsets_by_prefix):
    """URL patterns for `admin/<prefix>` and `admin/<prefix>/<uuid>`, no trailing slash."""
    router = SimpleRouter(trailing_slash=False, use_regex_path=False)
    for prefix, viewset in viewsets_by_prefix.items():
        router.register(f"admin/{prefix}", viewset, basename=f"admin-{prefix}")
    return router.urls
