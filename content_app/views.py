import hashlib

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from content_app.json_resume import json_resume_payload
from content_app.media import MAX_UPLOAD_BYTES
from content_app.models import Experience, MediaFile, Profile, Project, Skill
from content_app.selectors import (
    CACHE_NAMESPACE,
    experience_get,
    experience_list,
    experience_preview_get,
    media_file_get,
    profile_get,
    project_get,
    project_list,
    project_preview_get,
    resume_file_name_get,
    resume_get,
    resume_pdf_get,
    resume_site_about_get,
    resume_site_experience_list,
    skill_list,
)
from content_app.serializers import (
    ExperienceAdminOutputSerializer,
    ExperienceInputSerializer,
    ExperienceListOutputSerializer,
    ExperienceOutputSerializer,
    MediaFileOutputSerializer,
    ProfileAdminOutputSerializer,
    ProjectAdminOutputSerializer,
    ProjectInputSerializer,
    ProjectListOutputSerializer,
    ProjectOutputSerializer,
    ResumeDataSerializer,
    ResumeFileNameSerializer,
    ResumeOutputSerializer,
    ResumeSiteAboutSerializer,
    ResumeSiteContactInfoSerializer,
    ResumeSiteExperienceSerializer,
    ResumeSiteProjectSerializer,
    ResumeSiteSkillSerializer,
    SkillAdminOutputSerializer,
    SkillInputSerializer,
    SkillListOutputSerializer,
    SkillOutputSerializer,
    UploadInputSerializer,
    resume_data_payload,
    resume_site_about_payload,
    resume_site_contact_info_payload,
    resume_site_experience_payload,
    resume_site_projects_payload,
    skills_map_payload,
)
from content_app.services import media_upload
from portfolio.api.caching import PageQuerySerializer, cached_json_response, validated_page
from portfolio.api.cms import PreviewActions, RevisionActions
from portfolio.api.crud import AdminCrudSchema, AdminReadViewSet, AdminViewSet, PagePagination
from portfolio.api.errors import NotFoundError
from portfolio.api.language import normalize_language, request_language, supported_languages
from portfolio.api.permissions import MayUpload, StaffOrModelPermission
from portfolio.api.renderers import ORJSONRenderer
from portfolio.api.uploads import limit_upload_size
from portfolio.api.views import PublicApi
from portfolio.preview import NO_STORE, PREVIEW_PARAMETER, preview_requested

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


class _PublicContentApi(PublicApi):
    """For views whose content is translated: sets `self.language` before the handler
    runs and labels the response with it. Handlers read inside
    `translation.override(self.language)` (the selectors do that themselves)."""

    language = None

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


# --- Public reads -------------------------------------------------------------


class _CachedContentApi(_PublicContentApi):
    """Reads of the owner's content, answered from the cache with an ETag (304 on a
    match, before anything is serialised); the edge cache may repeat them under ASGI."""

    wrap = True
    query_params = ("lang",)

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


class _ContentListApi(_CachedContentApi):
    """A page of one of the content selectors' lists: `{items, total, limit, offset}`."""

    query_params = ("lang", "limit", "offset")
    item_serializer_class: type

    def rows(self, language):
        raise NotImplementedError

    def get(self, request):
        page = validated_page(request)

        def build():
            rows, offset = self.rows(self.language), page["offset"]
            shown = rows[offset : offset + page["limit"]]
            items = self.item_serializer_class(shown, many=True, context=self.context()).data
            return {"items": items, "total": len(rows), **page}

        return self.cached(request, build, **page)


PAGE_PARAMETERS = [*LANGUAGE_PARAMETERS, PageQuerySerializer]


@extend_schema_view(
    get=extend_schema(
        operation_id="projects_list",
        parameters=PAGE_PARAMETERS,
        responses=ProjectListOutputSerializer,
        summary="The owner's projects in the owner's order, in the request's language.",
    )
)
class ProjectListApi(_ContentListApi):
    item_serializer_class = ProjectOutputSerializer

    def rows(self, language):
        return project_list(language=language)


class ProjectDetailApi(_PublicContentApi):
    @extend_schema(
        operation_id="projects_detail",
        parameters=[*LANGUAGE_PARAMETERS, PREVIEW_PARAMETER],
        responses=ProjectOutputSerializer,
        summary="One project, by id or slug.",
    )
    def get(self, request, key):
        if (token := preview_requested(request)) is not None:
            project = project_preview_get(key=key, token=token, language=self.language)
            data = ProjectOutputSerializer(project, context=self.context()).data
            return Response(data, headers={"Cache-Control": NO_STORE})
        project = project_get(key=key, language=self.language)
        return Response(ProjectOutputSerializer(project, context=self.context()).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="experiences_list",
        parameters=PAGE_PARAMETERS,
        responses=ExperienceListOutputSerializer,
        summary="Work experience, in the owner's order.",
    )
)
class ExperienceListApi(_ContentListApi):
    item_serializer_class = ExperienceOutputSerializer

    def rows(self, language):
        return experience_list(language=language)


class ExperienceDetailApi(_PublicContentApi):
    @extend_schema(
        operation_id="experiences_detail",
        parameters=[*LANGUAGE_PARAMETERS, PREVIEW_PARAMETER],
        responses=ExperienceOutputSerializer,
    )
    def get(self, request, pk):
        if (token := preview_requested(request)) is not None:
            experience = experience_preview_get(pk=pk, token=token, language=self.language)
            data = ExperienceOutputSerializer(experience, context=self.context()).data
            return Response(data, headers={"Cache-Control": NO_STORE})
        experience = experience_get(pk=pk, language=self.language)
        return Response(ExperienceOutputSerializer(experience, context=self.context()).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="skills_list",
        parameters=PAGE_PARAMETERS,
        responses=SkillListOutputSerializer,
        summary="Skills with their categories, in the owner's order.",
    )
)
class SkillListApi(_ContentListApi):
    item_serializer_class = SkillOutputSerializer

    def rows(self, language):
        return skill_list(language=language)


class ResumeApi(_CachedContentApi):
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


class JsonResumeApi(_CachedContentApi):
    wrap = False  # the document itself, as JSON Resume tools read it; errors stay enveloped

    @extend_schema(
        operation_id="resume_json",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: JSON_RESUME_SCHEMA},
        summary="The owner's resume as JSON Resume 1.0.0, in the request's language.",
        description="No envelope on success. Dates are `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.",
    )
    def get(self, request):
        return self.cached(request, lambda: json_resume_payload(resume_get(language=self.language)))


# --- Seed 002: the resume site's raw shapes (no envelope) -------------------------


class FileContentNegotiation(BaseContentNegotiation):
    """For file views: an Accept of `application/pdf` or `image/*` must not become a 406
    because the only renderer is JSON (used for errors alone)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class _RawContentApi(_PublicContentApi):
    envelope = False
    renderer_classes = [ORJSONRenderer]


class _CachedRawContentApi(_RawContentApi, _CachedContentApi):
    wrap = False


class ResumeDataApi(_CachedRawContentApi):
    @extend_schema(
        operation_id="resume_data",
        parameters=LANGUAGE_PARAMETERS,
        responses=ResumeDataSerializer,
        summary="The resume site's data shape (seed 002, no envelope).",
    )
    def get(self, request):
        return self.cached(request, lambda: resume_data_payload(resume_get(language=self.language)))


class ResumeFileNameApi(_CachedRawContentApi):
    @extend_schema(
        operation_id="resume_file_name",
        parameters=LANGUAGE_PARAMETERS,
        responses=ResumeFileNameSerializer,
        summary="The file name of the resume PDF (seed 002, no envelope).",
    )
    def get(self, request):
        return self.cached(
            request,
            lambda: {"resumeFileName": resume_file_name_get(language=self.language)},
        )


_TEXT, _TEXTS = {"type": "string"}, {"type": "array", "items": {"type": "string"}}
SKILL_MAP_SCHEMA = {
    "type": "object",
    "description": "skill id -> skill",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "display_name": _TEXT,
            "general_category": _TEXT,
            "image": {**_TEXT, "description": "The icon's URL; blank when none."},
            "years_of_experience": {"type": "integer", "nullable": True},
            "professional_experience": _TEXT,
            "tags": _TEXTS,
            "examples": _TEXTS,
            "weblink": _TEXT,
        },
        "required": [*ResumeSiteSkillSerializer().fields],
    },
}


def keyed_by_id(serializer_class, key):
    """The OpenAPI shape of an object keyed by id whose values are one serializer's
    (every field text, or a list of texts, as on the resume site's paths)."""
    fields = serializer_class().fields
    properties = {
        name: _TEXTS if isinstance(field, serializers.ListField) else _TEXT
        for name, field in fields.items()
    }
    item = {"type": "object", "properties": properties, "required": [*fields]}
    return {"type": "object", "description": f"{key} -> item", "additionalProperties": item}


class SkillMapApi(_RawContentApi):
    @extend_schema(
        operation_id="skills_map",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: SKILL_MAP_SCHEMA},
        summary="The resume site's skills (seed 002, no envelope): an object keyed by skill id.",
        description="Text fields are in the request's language.",
    )
    def get(self, request):
        skills = skill_list(language=self.language)
        return Response(skills_map_payload(skills, context=self.context()))


# The resume site's newer client: raw shapes keyed by id, cached like the other reads.


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_experience",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: keyed_by_id(ResumeSiteExperienceSerializer, "experience id")},
        summary="Work experience for the resume site (seed 002, no envelope), newest first.",
    )
)
class ResumeSiteExperienceApi(_CachedRawContentApi):
    def get(self, request):
        return self.cached(
            request,
            lambda: resume_site_experience_payload(
                resume_site_experience_list(language=self.language), context=self.context()
            ),
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_projects",
        parameters=LANGUAGE_PARAMETERS,
        responses={200: keyed_by_id(ResumeSiteProjectSerializer, "project id")},
        summary="Projects for the resume site (seed 002, no envelope), in the owner's order.",
    )
)
class ResumeSiteProjectsApi(_CachedRawContentApi):
    def get(self, request):
        return self.cached(
            request,
            lambda: resume_site_projects_payload(
                project_list(language=self.language), context=self.context()
            ),
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_project",
        parameters=[*LANGUAGE_PARAMETERS, PREVIEW_PARAMETER],
        responses={
            200: ResumeSiteProjectSerializer,
            404: OpenApiResponse(description='`{"detail": "..."}`: no such project.'),
        },
        summary="One project for the resume site (seed 002, no envelope).",
    )
)
class ResumeSiteProjectApi(_CachedRawContentApi):
    def get(self, request, key):
        if (token := preview_requested(request)) is not None:
            # A draft opened by its preview link: never cached.
            project = project_preview_get(key=key, token=token, language=self.language)
            data = ResumeSiteProjectSerializer(project, context=self.context()).data
            return Response(data, headers={"Cache-Control": NO_STORE})
        return self.cached(
            request,
            lambda: (
                ResumeSiteProjectSerializer(
                    project_get(key=key, language=self.language), context=self.context()
                ).data
            ),
            key=key,
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_about",
        parameters=LANGUAGE_PARAMETERS,
        responses=ResumeSiteAboutSerializer,
        summary="The about section of the resume site, from the profile (seed 002).",
    )
)
class ResumeSiteAboutApi(_CachedRawContentApi):
    def get(self, request):
        return self.cached(
            request,
            lambda: resume_site_about_payload(
                resume_site_about_get(language=self.language), language=self.language
            ),
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="resume_site_contact_info",
        parameters=LANGUAGE_PARAMETERS,
        responses=ResumeSiteContactInfoSerializer,
        summary="The owner's contact details for the resume site, from the profile (seed 002).",
    )
)
class ResumeSiteContactInfoApi(_CachedRawContentApi):
    def get(self, request):
        return self.cached(
            request,
            lambda: resume_site_contact_info_payload(profile_get(language=self.language)),
        )


class ResumePdfApi(_RawContentApi):
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
            return _file_response(
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


# --- Media --------------------------------------------------------------------


class UploadApi(APIView):
    permission_classes = [MayUpload]
    model = MediaFile
    parser_classes = [MultiPartParser]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # After authentication, before the body is read.
        limit_upload_size(request, max_bytes=MAX_UPLOAD_BYTES)

    @extend_schema(
        operation_id="upload",
        request={"multipart/form-data": UploadInputSerializer},
        responses={201: MediaFileOutputSerializer},
        summary=f"Upload a JPEG, PNG or PDF (at most {filesizeformat(MAX_UPLOAD_BYTES)}; the type "
        "is read from the content).",
    )
    def post(self, request):
        serializer = UploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        media = media_upload(upload=serializer.validated_data["file"], uploaded_by=request.user)
        response = Response(
            MediaFileOutputSerializer(media, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
        response.envelope_message = "File uploaded."
        return response


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
        response = _file_response(
            name,
            media,
            attachment=media.kind != MediaFile.Kind.IMAGE,
            filename=media.original_name,
            immutable=True,
        )
        # Even opened directly, a user's file runs no script and reaches no cookie.
        response["Content-Security-Policy"] = "sandbox"
        return response


def _file_response(name, media, *, attachment, filename, immutable):
    try:
        handle = media.file.storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise NotFoundError("No such file.") from None
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


class MediaAdminViewSet(AdminReadViewSet):
    queryset = MediaFile.objects.all()
    serializer_class = MediaFileOutputSerializer
    page_component = "MediaFileListOutput"  # the schema's name for a page of media


class ProjectAdminViewSet(PreviewActions, RevisionActions, AdminViewSet):
    queryset = Project.objects.select_related("image")
    input_serializer_class = ProjectInputSerializer
    serializer_class = ProjectAdminOutputSerializer


class ExperienceAdminViewSet(PreviewActions, RevisionActions, AdminViewSet):
    queryset = Experience.objects.all()
    input_serializer_class = ExperienceInputSerializer
    serializer_class = ExperienceAdminOutputSerializer


class SkillAdminViewSet(RevisionActions, AdminViewSet):
    queryset = Skill.objects.all()
    input_serializer_class = SkillInputSerializer
    serializer_class = SkillAdminOutputSerializer


class ProfileRevisionViewSet(RevisionActions, viewsets.GenericViewSet):
    # Only the profile's revisions (`admin/profile/1/revisions[/<rev>/restore]`).
    queryset = Profile.objects.all()
    serializer_class = ProfileAdminOutputSerializer
    permission_classes = [StaffOrModelPermission]
    pagination_class = PagePagination
    schema = AdminCrudSchema()
    # Any text: anything but `1` is this endpoint's 404.
    lookup_value_converter = "str"
