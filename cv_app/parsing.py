"""From uploaded bytes to clean text, page by page.

The type is decided by the content, never by the name: a PDF starts with `%PDF-`,
a DOCX is a zip archive holding `word/document.xml`. Anything the site cannot
read honestly is refused with a sentence the owner can act on (encrypted,
damaged, scanned images without text, archives that would inflate too far).

Pages are counted from 1. A DOCX has no pages of its own (Word lays them out
when it renders), so its text is split only where the author forced a new page:
hard page breaks and "page break before" paragraphs. A DOCX without any is page 1.
"""

import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from portfolio.api.errors import ApplicationError

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A CV is a few pages; these bound the work a hostile or absurd file can cause.
MAX_PAGES = 300
MAX_TEXT_CHARS = 1_500_000
MIN_TEXT_CHARS = 20
# DOCX archives are checked from their central directory before anything is inflated.
DOCX_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
DOCX_MAX_MEMBERS = 2_000
DOCX_MAX_RATIO = 100
DOCX_RATIO_MIN_SIZE = 1024 * 1024
PDF_HEADER_WINDOW = 1024

UNSUPPORTED_TYPE = "Only PDF and DOCX files are accepted."


class UnsupportedDocumentError(ApplicationError):
    status_code = 415


class UnreadableDocumentError(ApplicationError):
    status_code = 400


@dataclass(frozen=True)
class ParsedDocument:
    kind: str
    pages: list[str]  # index 0 is page 1; a page may be empty

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text_chars(self) -> int:
        return sum(len(page) for page in self.pages)


def detect_kind(data: bytes) -> str:
    """'pdf' or 'docx', from the bytes alone."""
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UnreadableDocumentError(
                "The file looks like a DOCX but its archive is damaged."
            ) from exc
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedDocumentError(f"{UNSUPPORTED_TYPE} This archive is not a Word document.")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnsupportedDocumentError(
            f"{UNSUPPORTED_TYPE} Legacy .doc files are not; save it as DOCX or PDF."
        )
    raise UnsupportedDocumentError(UNSUPPORTED_TYPE)


def parse_document(data: bytes) -> ParsedDocument:
    """Detects the type, extracts and cleans every page; refuses what it cannot read."""
    kind = detect_kind(data)
    pages = _pdf_pages(data) if kind == "pdf" else _docx_pages(data)
    parsed = ParsedDocument(kind=kind, pages=[clean_text(page) for page in pages])
    if sum(len(re.sub(r"\s", "", page)) for page in parsed.pages) < MIN_TEXT_CHARS:
        raise UnreadableDocumentError(
            "The document has no extractable text (is it a scanned image?). "
            "Upload a PDF with selectable text, or a DOCX."
        )
    if parsed.text_chars > MAX_TEXT_CHARS:
        raise UnreadableDocumentError(
            f"The document holds more than {MAX_TEXT_CHARS:,} characters of text; "
            "that is not a CV this site can index."
        )
    return parsed


# --- PDF ----------------------------------------------------------------------


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    damaged = "The file could not be read as a PDF; it may be damaged."
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocumentError(
                "The PDF is encrypted or password-protected; upload an unprotected copy."
            )
        count = len(reader.pages)
    except UnreadableDocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise UnreadableDocumentError(damaged) from exc
    except RecursionError as exc:
        raise UnreadableDocumentError(damaged) from exc
    if count == 0:
        raise UnreadableDocumentError("The PDF has no pages.")
    if count > MAX_PAGES:
        raise UnreadableDocumentError(
            f"The PDF has {count} pages; at most {MAX_PAGES} are accepted."
        )

    pages, failures = [], 0
    for page in reader.pages:
        try:
            pages.append(page.extract_text() or "")
        except Exception:  # one broken page should not sink a readable CV
            failures += 1
            pages.append("")
    if failures == count:
        raise UnreadableDocumentError(damaged)
    return pages


# --- DOCX ---------------------------------------------------------------------


def _check_archive(data: bytes) -> None:
    """Refuses zip bombs by the sizes the archive declares, before inflating anything.

    Python's zipfile never returns more bytes than a member declares, so an
    archive that lies about its sizes cannot inflate past these checks either.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableDocumentError("The DOCX archive is damaged.") from exc
    too_big = UnreadableDocumentError(
        "The DOCX archive would inflate far beyond a normal document; it was refused."
    )
    if len(members) > DOCX_MAX_MEMBERS:
        raise too_big
    if sum(member.file_size for member in members) > DOCX_MAX_UNCOMPRESSED_BYTES:
        raise too_big
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > DOCX_RATIO_MIN_SIZE and ratio > DOCX_MAX_RATIO:
            raise too_big


def _docx_pages(data: bytes) -> list[str]:
    _check_archive(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        return _docx_body_pages(document)
    except UnreadableDocumentError:
        raise
    except Exception as exc:  # python-docx raises a wide variety on malformed parts
        raise UnreadableDocumentError(
            "The file could not be read as a DOCX; it may be damaged."
        ) from exc


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_segments(paragraph) -> list[str]:
    """The paragraph's text split at hard page breaks (runs inside hyperlinks included)."""
    segments, current = [], []
    for element in paragraph._p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if element.tag == f"{_W}t":
            current.append(element.text or "")
        elif element.tag == f"{_W}tab":
            current.append("\t")
        elif element.tag == f"{_W}br" and element.get(f"{_W}type") == "page":
            segments.append("".join(current))
            current = []
        else:
            current.append("\n")
    segments.append("".join(current))
    return segments


def _table_text(table) -> str:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # A merged cell appears once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = _cell_text(cell)
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _cell_text(cell) -> str:
    parts = []
    for item in cell.iter_inner_content():
        if hasattr(item, "rows"):
            parts.append(_table_text(item))
        else:
            parts.append(" ".join(_paragraph_segments(item)))
    return " ".join(part.strip() for part in parts if part.strip())


def _header_text(document) -> str:
    seen, lines = set(), []
    for section in document.sections:
        try:
            header = section.header
            if header.is_linked_to_previous and lines:
                continue
            for paragraph in header.paragraphs:
                text = paragraph.text.strip()
                if text and text not in seen:
                    seen.add(text)
                    lines.append(text)
        except Exception:  # headers are a bonus; a malformed one must not sink the CV
            logger.warning("Skipping an unreadable DOCX header", exc_info=True)
            continue
    return "\n".join(lines)


def _docx_body_pages(document) -> list[str]:
    # Contact details often live in the page header; they belong on page 1.
    pages = [[_header_text(document)]]
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            pages[-1].append(_table_text(item))
            continue
        if item.paragraph_format.page_break_before and any(p.strip() for p in pages[-1]):
            pages.append([])
        first, *rest = _paragraph_segments(item)
        pages[-1].append(first)
        for segment in rest:
            pages.append([segment])
        if len(pages) > MAX_PAGES:
            raise UnreadableDocumentError(f"The DOCX has more than {MAX_PAGES} pages.")
    return ["\n".join(part for part in page if part) for page in pages]


# --- Cleaning -----------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
_HYPHENATED = re.compile(r"(\w)[-\u2010]\n\s*([a-z])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Readable text: ligatures unfolded, control characters and soft hyphens gone,
    words hyphenated across a line break joined, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _HYPHENATED.sub(r"\1\2", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
