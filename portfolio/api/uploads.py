"""Size limits on uploads, enforced while the body arrives rather than after (limits:
MEDIA_UPLOAD_MAX_BYTES, CV_UPLOAD_MAX_BYTES). `limit_upload_size` must run before
`request.data` is first read (a view's `initial()`, after authentication)."""

import os
import re

from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext

from portfolio.api.errors import ApplicationError

# Boundaries, part headers and a few small form fields around one file.
MULTIPART_OVERHEAD = 16 * 1024
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class UploadTooLargeError(ApplicationError):
    status_code = 413

    def __init__(self, max_bytes):
        message = gettext("The file is larger than %(megabytes)s MB.") % {
            "megabytes": f"{max_bytes / (1024 * 1024):g}"
        }
        super().__init__(message, details={"max_bytes": max_bytes})


class LimitedUploadHandler(FileUploadHandler):
    """First in the handler chain: passes each chunk on, counting, and stops the request
    the moment the file passes `max_bytes`, before the rest of the body is read."""

    def __init__(self, request=None, *, max_bytes):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            raise UploadTooLargeError(self.max_bytes)
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_upload_size(request, *, max_bytes):
    # A length that is not a number was refused by ContentLengthGuardMiddleware.
    if int(request.META.get("CONTENT_LENGTH") or 0) > max_bytes + MULTIPART_OVERHEAD:
        raise UploadTooLargeError(max_bytes)
    request.upload_handlers.insert(0, LimitedUploadHandler(request, max_bytes=max_bytes))


def read_capped(upload, *, max_bytes) -> bytes:
    """The uploaded file's bytes, refused past `max_bytes`: the upload handler stops bigger
    bodies as they arrive, but a service may be called some other way (the admin's forms)."""
    counter = LimitedUploadHandler(max_bytes=max_bytes)
    return b"".join(counter.receive_data_chunk(chunk, None) for chunk in upload.chunks())


def display_name(client_name) -> str:
    """The client's file name as harmless text: no directories, no control characters."""
    name = os.path.basename(str(client_name or "").replace("\\", "/"))
    return _CONTROL_CHARACTERS.sub("", name).strip().lstrip(".")[:255]
