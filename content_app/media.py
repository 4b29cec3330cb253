"""Deciding what an uploaded file really is, by its content, and making it safe to serve.

The client's file name and Content-Type are never trusted. A file is a PDF when it
starts with `%PDF-` and pypdf can parse it strictly with an object table that
points at real objects; it is a JPEG or PNG when Pillow, restricted to those two
decoders, verifies it and then decodes every pixel. Images are re-encoded from
their pixels, which drops EXIF and anything appended to the file, and are
downscaled to at most MAX_IMAGE_SIDE with a THUMBNAIL_SIDE thumbnail.

Memory is bounded by pixels: an image over MEDIA_IMAGE_MAX_PIXELS is refused (413)
from the size in its header, before a pixel is decoded (Pillow's own bomb limit is
the same number, its warning band a refusal too); a JPEG is decoded already scaled
down (draft mode); and one image at a time is decoded on this machine (a thread lock
and a file lock shared by the server's worker processes), so concurrent uploads
queue instead of adding up.
"""

import fcntl
import io
import logging
import re
import tempfile
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader

from portfolio.api.errors import ApplicationError

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = settings.MEDIA_UPLOAD_MAX_BYTES
MAX_IMAGE_SIDE = 2560
THUMBNAIL_SIDE = 400
JPEG_QUALITY = 85

_PDF_MAGIC = b"%PDF-"
_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Pillow format -> (content type, extension)
_IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
_PLAIN_MODES = {"L", "RGB", "RGBA"}
_ALPHA_MODES = {"LA", "La", "PA", "RGBa"}


class UnsupportedFileError(ApplicationError):
    status_code = 415


@dataclass(frozen=True)
class SafeFile:
    kind: str  # "image" or "pdf"
    content_type: str
    extension: str
    data: bytes
    thumbnail: bytes | None = None
    width: int | None = None
    height: int | None = None


def inspect_upload(data: bytes) -> SafeFile:
    """The file as it will be stored, or ApplicationError: 415 for a type we do not
    accept, 400 for a damaged file, 413 for an image with too many pixels."""
    if data.startswith(_PDF_MAGIC):
        return _checked_pdf(data)
    if data.startswith((_JPEG_MAGIC, _PNG_MAGIC)):
        return _reencoded_image(data)
    raise unsupported()


def unsupported() -> UnsupportedFileError:
    return UnsupportedFileError(gettext("Only JPEG, PNG and PDF files are accepted."))


# --- PDF ----------------------------------------------------------------------


def _checked_pdf(data: bytes) -> SafeFile:
    damaged = ApplicationError(gettext("The PDF is damaged or cannot be read."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise ApplicationError(gettext("Encrypted PDFs are not accepted."))
        broken = _xref_entries_not_pointing_at_objects(reader, data)
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018 - resolves each page object now, not when served
    except ApplicationError:
        raise
    except Exception as exc:  # any parser failure on hostile input means "damaged"
        logger.info("Rejected a PDF upload: %s: %s", type(exc).__name__, exc)
        raise damaged from None
    if broken or pages == 0:
        logger.info("Rejected a PDF upload: broken xref entries %s, %d pages", broken[:5], pages)
        raise damaged
    return SafeFile(kind="pdf", content_type="application/pdf", extension="pdf", data=data)


def _xref_entries_not_pointing_at_objects(reader, data: bytes) -> list[int]:
    # pypdf quietly repairs a cross-reference table whose offsets are wrong, even
    # in strict mode; a table like that is what "a broken xref" is, so look.
    broken = []
    for generation, entries in reader.xref.items():
        for number, offset in entries.items():
            header = rb"\s*%d\s+%d\s+obj\b" % (number, generation)
            if not (0 <= offset < len(data)) or not re.match(header, data[offset : offset + 64]):
                broken.append(number)
    return broken


# --- Images -------------------------------------------------------------------


_image_work_lock = threading.Lock()
_IMAGE_WORK_LOCK_FILE = Path(tempfile.gettempdir()) / "portfolio-image-work.lock"


@contextmanager
def _one_image_at_a_time():
    """One decoded image on this machine at a time: threads of a process wait on the
    thread lock, the server's worker processes on the file lock."""
    with _image_work_lock, open(_IMAGE_WORK_LOCK_FILE, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _reencoded_image(data: bytes) -> SafeFile:
    _check_pixel_count(data)
    with _one_image_at_a_time():
        return _reencoded_checked_image(data)


def too_many_pixels() -> ApplicationError:
    max_pixels = settings.MEDIA_IMAGE_MAX_PIXELS
    return ApplicationError(
        gettext("The image has too many pixels to be processed safely (at most %(count)s).")
        % {"count": number_format(max_pixels, force_grouping=True)},
        status_code=413,
        details={"max_pixels": max_pixels},
    )


def _check_pixel_count(data: bytes) -> None:
    """Refuses an image by the size its header declares; nothing is decoded."""
    try:
        with warnings.catch_warnings():
            # The size is compared below; Pillow's warning would only repeat it.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(_IMAGE_FORMATS)) as header:
                width, height = header.size
    except Image.DecompressionBombError:
        raise too_many_pixels() from None
    except UnidentifiedImageError:
        raise unsupported() from None
    except Exception as exc:  # a header Pillow cannot read is a damaged file
        logger.info("Rejected an image upload: %s: %s", type(exc).__name__, exc)
        raise ApplicationError(gettext("The image is damaged or incomplete.")) from None
    if width * height > settings.MEDIA_IMAGE_MAX_PIXELS:
        raise too_many_pixels()


def _reencoded_checked_image(data: bytes) -> SafeFile:
    image = _decoded_image(data)
    image_format = image.format
    content_type, extension = _IMAGE_FORMATS[image_format]
    try:
        # Shrunk first, by a whole factor that still covers MAX_IMAGE_SIDE (one pass, no
        # intermediate), and the full-size decode let go: 40 megapixels are 153 MiB.
        factor = max(image.size) // MAX_IMAGE_SIDE
        if factor > 1:
            image = image.reduce(factor)
        ImageOps.exif_transpose(image, in_place=True)
        image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)
        image = _plain(image)
        thumbnail = image.copy()
        thumbnail.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
        encoded, encoded_thumbnail = _encode(image, image_format), _encode(thumbnail, image_format)
    except Exception as exc:  # exotic modes Pillow cannot convert or resize
        logger.info("Could not re-encode an image upload: %s: %s", type(exc).__name__, exc)
        raise ApplicationError(gettext("The image could not be processed.")) from None
    return SafeFile(
        kind="image",
        content_type=content_type,
        extension=extension,
        data=encoded,
        thumbnail=encoded_thumbnail,
        width=image.width,
        height=image.height,
    )


def _plain(image: Image.Image) -> Image.Image:
    """8-bit grey, RGB or RGBA, with no metadata at all: EXIF, XMP, ICC and text
    chunks are not carried into the stored file."""
    if image.mode not in _PLAIN_MODES:
        has_alpha = image.mode in _ALPHA_MODES or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    image.info = {}
    return image


def _decoded_image(data: bytes) -> Image.Image:
    formats = list(_IMAGE_FORMATS)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=formats) as probe:
                probe.verify()
            # verify() leaves the image unusable; decode a fresh one, every pixel (a
            # JPEG at the smallest scale that still covers MAX_IMAGE_SIDE).
            image = Image.open(io.BytesIO(data), formats=formats)
            image.draft(image.mode, (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels() from None
        except UnidentifiedImageError:
            raise unsupported() from None
        except Exception as exc:  # any decoder failure on hostile input means "damaged"
            logger.info("Rejected an image upload: %s: %s", type(exc).__name__, exc)
            raise ApplicationError(gettext("The image is damaged or incomplete.")) from None
    return image


def _encode(image: Image.Image, image_format: str) -> bytes:
    options = {"format": image_format, "optimize": True}
    if image_format == "JPEG":
        if image.mode == "RGBA":
            image = image.convert("RGB")
        options["quality"] = JPEG_QUALITY
    out = io.BytesIO()
    image.save(out, **options)
    return out.getvalue()
