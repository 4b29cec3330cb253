"""The admin write API (`admin/<things>[/<id>]`): DRF viewsets behind a router. Writes are
the model's full_clean() and save(); caches follow from its save/delete signals."""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from portfolio.api.pagination import LimitOffsetPage
from portfolio.api.permissions import StaffOrModelPermission
from portfolio.api.schema import EnvelopeAutoSchema
from portfolio.revisions import revision_saved


class AdminCrudSchema(EnvelopeAutoSchema):
    """Writes answer with the output serializer, not the input one they validate with."""

    def get_response_serializers(self):
        output = self.view.serializer_class
        return {"DELETE": {204: None}, "POST": {201: output}}.get(self.method, output)

    def get_paginated_name(self, serializer_name):
        return getattr(self.view, "page_component", f"{serializer_name}List")


class AdminGenericViewSet(viewsets.GenericViewSet):
    # (Comments, not docstrings: the schema shows a docstring as every operation's description.)
    permission_classes = [StaffOrModelPermission]
    pagination_class = LimitOffsetPage
    filter_backends = []
    schema = AdminCrudSchema()
    lookup_value_converter = "uuid"


# Each sentence whole, for the translators.
DONE = {"created": gettext_lazy("%(name)s created."), "updated": gettext_lazy("%(name)s updated.")}


class AdminReadViewSet(
    mixins.DestroyModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin, AdminGenericViewSet
):
    def get_object(self):
        try:
            return super().get_object()
        except Http404:  # DRF's own 404 (not NotFoundError): OPTIONS metadata expects it
            name = self.queryset.model._meta.verbose_name
            message = gettext("No %(name)s has the id %(id)s.")
            raise NotFound(message % {"name": name, "id": self.kwargs["pk"]}) from None


class AdminViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, AdminReadViewSet):
    def get_serializer_class(self):
        writes = self.request.method in {"POST", "PUT", "PATCH"}
        return self.input_serializer_class if writes else self.serializer_class

    def create(self, request, *args, **kwargs):
        return self._save(None, "created", 201)

    def update(self, request, *args, partial=False, **kwargs):
        return self._save(self.get_object(), "updated", 200, partial=partial)

    def _save(self, instance, done, status_code, partial=False):
        serializer = self.get_serializer(instance, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = instance or self.queryset.model()
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        # A translated model's untranslated column takes the active language's value on
        # save; keep it English whatever the request's Accept-Language activated.
        with translation.override(settings.LANGUAGE_CODE):
            instance.full_clean()
            with revision_saved(user=self.request.user, comment=f"{done.capitalize()} by the API."):
                instance.save()
        output = self.serializer_class(instance, context=self.get_serializer_context())
        response = Response(output.data, status=status_code)
        name = str(instance._meta.verbose_name).capitalize()
        response.envelope_message = str(DONE[done]) % {"name": name}
        return response


def admin_urls(**viewsets_by_prefix):
    router = SimpleRouter(trailing_slash=False, use_regex_path=False)
    for prefix, viewset in viewsets_by_prefix.items():
        router.register(f"admin/{prefix}", viewset, basename=f"admin-{prefix}")
    return router.urls
