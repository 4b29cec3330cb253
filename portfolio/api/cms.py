"""The admin write API's publishing actions, mixed into the `admin/<kind>` viewsets
(portfolio/api/crud.py): `POST <id>/preview` (portfolio/preview.py), `GET <id>/revisions`
and `POST <id>/revisions/<rev>/restore` (portfolio/revisions.py)."""

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portfolio.api.permissions import StaffOrModelPermission
from portfolio.preview import preview_link_create
from portfolio.publishing import kind_of
from portfolio.revisions import revision_list, revision_restore


class MayChange(StaffOrModelPermission):
    """Staff, or holders of the model's `change` permission, whatever the method."""

    def get_required_permissions(self, method, model_cls):
        return super().get_required_permissions("PATCH", model_cls)


class PreviewOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Pass as `?preview=` to the item's detail endpoint.")
    url = serializers.CharField(help_text="The frontend's preview page (PREVIEW_URL).")
    expires = serializers.DateTimeField()


class RevisionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="revision_id", help_text="The revision to restore.")
    created = serializers.DateTimeField(source="revision.date_created")
    user = serializers.CharField(source="revision.user", allow_null=True, default=None)
    comment = serializers.CharField(source="revision.comment")


class PreviewActions:
    @extend_schema(request=None, responses=PreviewOutputSerializer)
    @action(detail=True, methods=["post"], permission_classes=[MayChange])
    def preview(self, request, pk=None):
        item = self.get_object()
        link = preview_link_create(
            kind=kind_of(type(item)), pk=item.pk, slug=getattr(item, "slug", "")
        )
        return Response(PreviewOutputSerializer(link).data)


class RevisionActions:
    @extend_schema(responses=RevisionOutputSerializer(many=True))
    @action(detail=True, methods=["get"])
    def revisions(self, request, pk=None):
        page = self.paginate_queryset(revision_list(instance=self.get_object()))
        return self.get_paginated_response(RevisionOutputSerializer(page, many=True).data)

    @extend_schema(request=None)
    @action(
        detail=True,
        methods=["post"],
        # A str, not an int, converter: a bad id is this endpoint's 404, not a missing route.
        url_path="revisions/<str:rev>/restore",
        permission_classes=[MayChange],
    )
    def restore(self, request, pk=None, rev=None):
        item = revision_restore(instance=self.get_object(), revision_id=rev, user=request.user)
        response = Response(self.serializer_class(item, context=self.get_serializer_context()).data)
        name = str(item._meta.verbose_name).capitalize()
        response.envelope_message = gettext("%(name)s restored.") % {"name": name}
        return response
