"""One generic base for the admin write API.

`AdminCollectionApi` lists (GET) and creates (POST); `AdminItemApi` reads (GET),
replaces (PUT), updates (PATCH) and deletes (DELETE) one object. A concrete view
names the model, an input serializer (validation) and an output serializer
(shape), and calls its app's services in `perform_create` / `perform_update` /
`perform_destroy`. Access: `StaffOrModelPermission` (401 anonymous, 403 without
the model permission). Bad input answers 400 with field details and changes nothing.
"""

from django.db import transaction
from django.utils import translation
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from portfolio.api.caching import PageQuerySerializer, validated_page
from portfolio.api.errors import NotFoundError
from portfolio.api.language import default_language, supported_languages
from portfolio.api.permissions import StaffOrModelPermission
from portfolio.api.schema import EnvelopeAutoSchema


def translated_names(*fields) -> list[str]:
    """`title` -> `title_en`, `title_es`: how translated fields travel in write payloads."""
    return [f"{field}_{language}" for field in fields for language in supported_languages()]


def translated_extra_kwargs(*, required=(), optional=()) -> dict:
    """Serializer `extra_kwargs`: the English value of a required field is required;
    every other language may be left out or blank, and then reads as English."""
    kwargs = {}
    for field in (*required, *optional):
        for language in supported_languages():
            name = f"{field}_{language}"
            if field in required and language == default_language():
                kwargs[name] = {"required": True, "allow_null": False, "allow_blank": False}
            else:
                kwargs[name] = {"required": False, "allow_null": True, "allow_blank": True}
    return kwargs


def instance_save(instance, data):
    """Assign validated fields, run the model's own validation, save. Raises Django's
    ValidationError (400) before anything is written."""
    for name, value in data.items():
        setattr(instance, name, value)
    # A translated model's untranslated column takes the active language's value on
    # save; keep it English whatever the request's Accept-Language activated.
    with translation.override(default_language()), transaction.atomic():
        instance.full_clean()
        instance.save()
    return instance


class AdminCrudSchema(EnvelopeAutoSchema):
    """Documents each concrete view with its own input and output serializers."""

    _ITEM_ACTIONS = {
        "GET": "retrieve",
        "PUT": "update",
        "PATCH": "partial_update",
        "DELETE": "destroy",
    }
    _COLLECTION_ACTIONS = {"GET": "list", "POST": "create"}

    def get_operation_id(self):
        actions = self._ITEM_ACTIONS if self.view.item_view else self._COLLECTION_ACTIONS
        return f"{self.view.operation_base}_{actions.get(self.method, self.method.lower())}"

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method == "GET" and not self.view.item_view:
            return [*parameters, PageQuerySerializer]
        return parameters

    def get_request_serializer(self):
        if self.method in {"POST", "PUT", "PATCH"}:
            return self.view.input_serializer_class
        return None

    def get_response_serializers(self):
        output = self.view.output_serializer_class
        if self.method == "DELETE":
            return {204: None}
        if self.method == "POST":
            return {201: output}
        if self.method == "GET" and not self.view.item_view:
            return inline_serializer(
                name=f"{output.__name__.removesuffix('Serializer')}List",
                fields={"items": output(many=True), **page_fields()},
            )
        return output


def page_fields():
    return {
        "total": serializers.IntegerField(),
        "limit": serializers.IntegerField(),
        "offset": serializers.IntegerField(),
    }


def paginated(queryset, request, serialize):
    """`{items, total, limit, offset}` for `?limit=&offset=` (default 100, at most 200):
    two queries, the page and the count."""
    page = validated_page(request)
    rows = queryset[page["offset"] : page["offset"] + page["limit"]]
    return {"items": serialize(rows), "total": queryset.count(), **page}


class _AdminBase(APIView):
    permission_classes = [StaffOrModelPermission]
    schema = AdminCrudSchema()
    model = None
    input_serializer_class = None
    output_serializer_class = None
    # Names the OpenAPI operations, e.g. "admin_projects" -> admin_projects_create.
    operation_base = ""
    item_view = False

    def get_queryset(self):
        return self.model._default_manager.all()

    def serializer_context(self):
        return {"request": self.request, "view": self}

    def output(self, instance):
        return self.output_serializer_class(instance, context=self.serializer_context()).data

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name).capitalize()


class AdminCollectionApi(_AdminBase):
    def perform_create(self, data):
        raise NotImplementedError

    def get(self, request):
        return Response(
            paginated(
                self.get_queryset(),
                request,
                lambda rows: (
                    self.output_serializer_class(
                        rows, many=True, context=self.serializer_context()
                    ).data
                ),
            )
        )

    def post(self, request):
        serializer = self.input_serializer_class(
            data=request.data, context=self.serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        instance = self.perform_create(serializer.validated_data)
        response = Response(self.output(instance), status=status.HTTP_201_CREATED)
        response.envelope_message = f"{self.label} created."
        return response


class AdminItemApi(_AdminBase):
    item_view = True

    def perform_update(self, instance, data):
        raise NotImplementedError

    def perform_destroy(self, instance):
        raise NotImplementedError

    def get_object(self, pk):
        instance = self.get_queryset().filter(pk=pk).first()
        if instance is None:
            raise NotFoundError(f"No {self.model._meta.verbose_name} has the id {pk}.")
        return instance

    def get(self, request, pk):
        return Response(self.output(self.get_object(pk)))

    def put(self, request, pk):
        return self._update(request, pk, partial=False)

    def patch(self, request, pk):
        return self._update(request, pk, partial=True)

    def delete(self, request, pk):
        self.perform_destroy(self.get_object(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _update(self, request, pk, *, partial):
        instance = self.get_object(pk)
        serializer = self.input_serializer_class(
            instance, data=request.data, partial=partial, context=self.serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        instance = self.perform_update(instance, serializer.validated_data)
        response = Response(self.output(instance))
        response.envelope_message = f"{self.label} updated."
        return response
