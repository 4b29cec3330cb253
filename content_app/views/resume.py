"""The whole resume: JSON (`resume/<language>`, JSON Resume) and the PDF (`/api/resume`,
the owner's upload or one generated from the content)."""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.exceptions import NotFound

from content_app.json_resume import json_resume_payload
from content_app.selectors import resume_get, resume_pdf_get
from content_app.serializers import ResumeOutputSerializer
from content_app.views.base import LANGUAGE_PARAMETERS, ContentApi, ContentPayloadApi
from content_app.views.media import FileContentNegotiation, file_response
from portfolio.api.errors import NotFoundError
from portfolio.api.language import normalize_language
from portfolio.api.views import RawShape


class ResumeApi(ContentApi):
    query_params = ()

    def pick_language(self, request, **kwargs):
        # The path names the language; resume_get answers 404 for one we lack.
        return normalize_language(kwargs.get("language"))

    @extend_schema(
        operation_id="resume",
        responses=ResumeOutputSerializer,
        summary="Profile, experience, projects and skills in one language (en or es).",
    )
    def get(self, request, language):
        resume = resume_get(language=language)
        return self.cached(
            request,
            lambda: ResumeOutputSerializer(resume, context=self.context()).data,
            path_language=language,
        )


JSON_RESUME_SCHEMA = {
    "type": "object",
    "description": "A JSON Resume 1.0.0 document (https://jsonresume.org/schema): basics, "
    "work, education, skills, languages, projects, meta.",
    "additionalProperties": True,
}


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_json",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: JSON_RESUME_SCHEMA},
        summary="The owner's resume as JSON Resume 1.0.0, in the request's language.",
        description="No envelope on success. Dates are `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.",
    )
)
class JsonResumeApi(ContentPayloadApi):
    wrap = False  # the document itself, as JSON Resume tools read it; errors stay enveloped

    def payload(self):
        return json_resume_payload(resume_get(language=self.language))


class ResumePdfApi(RawShape, ContentApi):
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        operation_id="resume_pdf",
        parameters=[
            *LANGUAGE_PARAMETERS,
            OpenApiParameter("download", str, required=False, description="Present: attachment."),
        ],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description='`{"detail": "..."}`: the uploaded file is missing.'),
            503: OpenApiResponse(description='`{"detail": "..."}`: the PDF cannot be generated.'),
        },
        summary="The resume PDF (seed 002; `?download` forces an attachment).",
        description="The PDF the owner published for the language, else one generated from "
        "the content in that language. Frameable by the site's own origins "
        "(`Content-Security-Policy: frame-ancestors`).",
    )
    def get(self, request):
        resume = resume_pdf_get(language=self.language)
        # `?download` alone (the resume site's link) or with any value but a "no".
        flag = request.GET.get("download")
        download = flag is not None and flag.lower() not in {"0", "false", "no"}
        if resume.media is None:
            return _generated_pdf_response(
                request, resume.content, attachment=download, filename=resume.filename
            )
        try:
            # /api/resume stays the same URL when the owner uploads a new PDF.
            return file_response(
                resume.media.file.name,
                resume.media,
                attachment=download,
                filename=resume.filename,
                immutable=False,
            )
        except NotFoundError as exc:
            raise NotFound(exc.message) from None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            allow_site_framing(response)
        return response


def allow_site_framing(response):
    """The site's own origins may show the PDF in their viewer: a CSP frame-ancestors
    list instead of the project-wide `X-Frame-Options: DENY`."""
    response.xframe_options_exempt = True
    response["Content-Security-Policy"] = " ".join(
        ["frame-ancestors", "'self'", *settings.CORS_ALLOWED_ORIGINS]
    )
    return response


def _generated_pdf_response(request, content, *, attachment, filename):
    etag = '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    # Regenerated when the content changes: browsers revalidate, and get a 304 until then.
    patch_cache_control(response, no_cache=True)
    return get_conditional_response(request, etag=etag, response=response)
