"""`POST upload`: a JPEG, PNG or PDF from someone who may add media."""

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from content_app.media import MAX_UPLOAD_BYTES
from content_app.models import MediaFile
from content_app.serializers import MediaFileOutputSerializer, UploadInputSerializer
from content_app.services import media_upload
from portfolio.api.permissions import MayUpload
from portfolio.api.uploads import limit_upload_size


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
        response.envelope_message = gettext("File uploaded.")
        return response
