"""Uploaded files served with their real type, and how every file view answers."""

from django.http import FileResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.negotiation import BaseContentNegotiation

from content_app.models import MediaFile
from content_app.selectors import media_file_get
from portfolio.api.errors import NotFoundError
from portfolio.api.views import PublicApi


class FileContentNegotiation(BaseContentNegotiation):
    """For file views: an Accept of `application/pdf` or `image/*` must not become a 406
    because the only renderer is JSON (used for errors alone)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class MediaFileApi(PublicApi):
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        operation_id="media_file",
        responses={
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        },
        summary="An uploaded file (or its `-thumb` thumbnail), served with its real type.",
    )
    def get(self, request, filename):
        media, name = media_file_get(filename=filename)
        # Anything but an image is downloaded, never shown in the site's origin: a
        # PDF that is also HTML (a polyglot) would otherwise run there.
        response = file_response(
            name,
            media,
            attachment=media.kind != MediaFile.Kind.IMAGE,
            filename=media.original_name,
            immutable=True,
        )
        # Even opened directly, a user's file runs no script and reaches no cookie.
        response["Content-Security-Policy"] = "sandbox"
        return response


def file_response(name, media, *, attachment, filename, immutable):
    try:
        handle = media.file.storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise NotFoundError(gettext("No such file.")) from None
    response = FileResponse(
        handle,
        content_type=media.content_type,
        as_attachment=attachment,
        filename=filename or name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    if immutable:
        # Stored names are random and never reused: the bytes behind such a URL never change.
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        patch_cache_control(response, no_cache=True)
    return response
