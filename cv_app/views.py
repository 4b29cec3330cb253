from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from cv_app.models import CVDocument
from cv_app.parsing import MAX_UPLOAD_BYTES
from cv_app.selectors import cv_document_current
from cv_app.serializers import (
    CVQueryInputSerializer,
    CVQueryOutputSerializer,
    CVStatusOutputSerializer,
    CVUploadInputSerializer,
    CVUploadOutputSerializer,
)
from cv_app.services import cv_document_create, cv_query_answer
from portfolio.api.errors import NotFoundError
from portfolio.api.language import request_language
from portfolio.api.permissions import MayUpload
from portfolio.api.schema import ERROR_SCHEMA
from portfolio.api.throttles import ChatRateThrottle
from portfolio.api.uploads import UploadTooLargeError, limit_upload_size
from portfolio.api.views import PublicApi


def error_response(description):
    return OpenApiResponse(response=ERROR_SCHEMA, description=description)


def upload_message(document) -> str:
    """What the upload answers about the document, in the request's language."""
    if document.status == CVDocument.Status.READY:
        return gettext("CV processed successfully")
    if document.status in {CVDocument.Status.PENDING, CVDocument.Status.PROCESSING}:
        return gettext("CV received; it is being processed.")
    return gettext("The CV could not be processed: %(reason)s") % {
        "reason": document.failure_reason
    }


class CVUploadApi(APIView):
    permission_classes = [MayUpload]
    model = CVDocument
    parser_classes = [MultiPartParser, FormParser]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # After authentication, before the body is read: only staff bodies are received.
        limit_upload_size(request, max_bytes=MAX_UPLOAD_BYTES)

    @extend_schema(
        operation_id="cv_upload",
        request={"multipart/form-data": CVUploadInputSerializer},
        responses={
            201: CVUploadOutputSerializer,
            202: CVUploadOutputSerializer,
            401: error_response("Not signed in."),
            403: error_response("Signed in, but not staff."),
            413: error_response(UploadTooLargeError(MAX_UPLOAD_BYTES).message),
            415: error_response("Not a PDF or DOCX (decided by content, not by name)."),
        },
        summary=f"Upload the CV (PDF or DOCX, at most {filesizeformat(MAX_UPLOAD_BYTES)}); "
        "staff only.",
    )
    def post(self, request):
        serializer = CVUploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = cv_document_create(
            uploaded_file=serializer.validated_data["file"], uploaded_by=request.user
        )
        document.refresh_from_db()
        message = upload_message(document)
        data = {
            "id": str(document.pk),
            "filename": document.filename,
            "status": document.status,
            "message": message,
        }
        code = status.HTTP_202_ACCEPTED if document.status in {"pending", "processing"} else 201
        response = Response(CVUploadOutputSerializer(data).data, status=code)
        response.envelope_message = message
        return response


class CVStatusApi(PublicApi):
    @extend_schema(
        operation_id="cv_status",
        responses={200: CVStatusOutputSerializer, 404: error_response("No CV uploaded yet.")},
        summary="The active CV, or the newest upload while none is ready.",
    )
    def get(self, request):
        document = cv_document_current()
        if document is None:
            raise NotFoundError(gettext("No CV has been uploaded yet."))
        return Response(CVStatusOutputSerializer(document).data)


class CVQueryApi(PublicApi):
    throttle_classes = [ChatRateThrottle]

    @extend_schema(
        operation_id="cv_query",
        request=CVQueryInputSerializer,
        parameters=[
            OpenApiParameter(
                "lang",
                str,
                required=False,
                enum=["en", "es"],
                description="Answer in this language; else the question's own, else "
                "Accept-Language.",
            )
        ],
        responses={
            200: CVQueryOutputSerializer,
            404: error_response("No CV is ready to answer from."),
            503: error_response("The embedding backend is unavailable."),
        },
        summary="Ask the CV a question: an answer quoted from it, a confidence, and pages.",
    )
    def post(self, request):
        serializer = CVQueryInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # `?lang=` decides; else the question's own language; else Accept-Language.
        language = request_language(request)
        result = cv_query_answer(
            **serializer.validated_data,
            language=language if request.GET.get("lang") else None,
            fallback_language=language,
        )
        response = Response(CVQueryOutputSerializer(result).data)
        response["Content-Language"] = result["language"]
        return response
