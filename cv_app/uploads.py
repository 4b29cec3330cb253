"""Refusing an oversized CV while it arrives, not after it has been written to disk."""

from django.core.files.uploadhandler import FileUploadHandler
from rest_framework.exceptions import APIException

from cv_app.parsing import MAX_UPLOAD_BYTES

# Room for the multipart boundaries and headers around a file of the maximum size.
MULTIPART_OVERHEAD = 64 * 1024


class FileTooLarge(APIException):
    status_code = 413
    default_detail = "The file is larger than 10 MB."
    default_code = "file_too_large"


class SizeLimitUploadHandler(FileUploadHandler):
    """Goes first in the handler chain: refuses a body whose declared length is
    already too big, and stops any file the moment it passes the limit."""

    def __init__(self, request=None, limit=MAX_UPLOAD_BYTES):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: N803
        if content_length and content_length > self.limit + MULTIPART_OVERHEAD:
            raise FileTooLarge()

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            raise FileTooLarge()
        return raw_data

    def file_complete(self, file_size):
        return None
