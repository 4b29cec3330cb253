"""Writes to the owner's media. Projects, experience and skills are saved as they are
by the admin API (portfolio/api/crud.py); a media row's files go once its deletion
commits (apps.py, for every way a row is deleted: the API, the Django admin, a cascade)."""

import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from content_app.media import MAX_UPLOAD_BYTES, inspect_upload
from content_app.models import MediaFile
from content_app.selectors import UPLOAD_DIR
from portfolio.api.uploads import display_name, read_capped

logger = logging.getLogger(__name__)


# --- Media --------------------------------------------------------------------


def media_upload(*, upload, uploaded_by=None) -> MediaFile:
    """Store an uploaded JPEG, PNG or PDF once its content proves to be one.

    Nothing the client chose reaches storage: the stored name is random, the type
    comes from the content, images are re-encoded. The client's file name is
    kept as plain text for display and downloads.
    """
    safe = inspect_upload(read_capped(upload, max_bytes=MAX_UPLOAD_BYTES))
    token = secrets.token_hex(16)
    stored = []
    try:
        stored.append(_store(f"{token}.{safe.extension}", safe.data))
        if safe.thumbnail is not None:
            stored.append(_store(f"{token}-thumb.{safe.extension}", safe.thumbnail))
        return MediaFile.objects.create(
            file=stored[0],
            thumbnail=stored[1] if len(stored) > 1 else "",
            kind=safe.kind,
            content_type=safe.content_type,
            original_name=display_name(getattr(upload, "name", "")),
            size=len(safe.data),
            width=safe.width,
            height=safe.height,
            uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None,
        )
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def media_files_remove(*, names) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete the stored file %s", name, exc_info=True)


def media_delete_files_on_commit(*, media) -> None:
    names = [f.name for f in (media.file, media.thumbnail) if f]
    transaction.on_commit(lambda: media_files_remove(names=names))


def _store(name, data) -> str:
    return default_storage.save(f"{UPLOAD_DIR}/{name}", ContentFile(data))
