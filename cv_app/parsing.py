"""From uploaded bytes to clean text, page by page.

The type is decided by the content, never by the name: a PDF starts with `%PDF-`
(its first bytes, nothing before) and parses,
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
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from cv_app import visibility
from portfolio.api.errors import ApplicationError

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = settings.CV_UPLOAD_MAX_BYTES
# A CV is a few pages; these bound the work a hostile or absurd file can cause.
MAX_PAGES = 300
MAX_TEXT_CHARS = 1_500_000
MIN_TEXT_CHARS = 20
# DOCX archives are checked from their central directory before anything is inflated.
DOCX_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
DOCX_MAX_MEMBERS = 2_000
DOCX_MAX_RATIO = 100
DOCX_RATIO_MIN_SIZE = 1024 * 1024

# Shown to whoever uploads, in their language.
UNSUPPORTED_TYPE = gettext_lazy("Only PDF and DOCX files are accepted.")


class UnsupportedDocumentError(ApplicationError):
    status_code = 415


class UnreadableDocumentError(ApplicationError):
    status_code = 400


@dataclass(frozen=True)
class Line:
    """One line as the reader sees it, with what the layout says about it: the
    font size and weight (PDF, or DOCX runs that set them) and the heading level
    of a DOCX paragraph style (0 for none). The CV's structure is read from these."""

    text: str
    page: int
    size: float = 0.0
    bold: bool = False
    heading_level: int = 0
    column: int = 0


@dataclass(frozen=True)
class ParsedDocument:
    kind: str
    pages: list[str]  # index 0 is page 1; a page may be empty
    lines: tuple[Line, ...] = ()
    hidden: dict = field(default_factory=dict)  # characters dropped unseen, by reason

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text_chars(self) -> int:
        return sum(len(page) for page in self.pages)


def detect_kind(data: bytes) -> str:
    """'pdf' or 'docx', from the bytes alone: a file must start as one, not carry its
    marker somewhere in its first kilobyte (an HTML page can, as the media upload knows)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UnreadableDocumentError(
                gettext("The file looks like a DOCX but its archive is damaged.")
            ) from exc
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedDocumentError(
            gettext("Only PDF and DOCX files are accepted. This archive is not a Word document.")
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnsupportedDocumentError(
            gettext(
                "Only PDF and DOCX files are accepted. Legacy .doc files are not; save it as "
                "DOCX or PDF."
            )
        )
    raise UnsupportedDocumentError(str(UNSUPPORTED_TYPE))


def parse_document(data: bytes) -> ParsedDocument:
    """Detects the type, extracts and cleans every page; refuses what it cannot read."""
    kind = detect_kind(data)
    with visibility.collecting() as hidden:  # only what a reader sees (cv_app/visibility.py)
        raw_pages = _pdf_pages(data) if kind == "pdf" else _docx_pages(data)
    lines = tuple(
        Line(clean, number, line.size, line.bold, line.heading_level, line.column)
        for number, page in enumerate(raw_pages, start=1)
        for line in page
        for clean in clean_text(line.text).split("\n")
        if clean.strip()
    )
    pages = [
        "\n".join(line.text for line in lines if line.page == number)
        for number in range(1, len(raw_pages) + 1)
    ]
    parsed = ParsedDocument(kind=kind, pages=pages, lines=lines, hidden=dict(hidden))
    if sum(len(re.sub(r"\s", "", page)) for page in parsed.pages) < MIN_TEXT_CHARS:
        raise UnreadableDocumentError(
            gettext(
                "The document has no extractable text (is it a scanned image?). "
                "Upload a PDF with selectable text, or a DOCX."
            )
        )
    if parsed.text_chars > MAX_TEXT_CHARS:
        message = gettext(
            "The document holds more than %(count)s characters of text; "
            "that is not a CV this site can index."
        )
        count = number_format(MAX_TEXT_CHARS, force_grouping=True)
        raise UnreadableDocumentError(message % {"count": count})
    return parsed


# --- PDF ----------------------------------------------------------------------


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    damaged = gettext("The file could not be read as a PDF; it may be damaged.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocumentError(
                gettext("The PDF is encrypted or password-protected; upload an unprotected copy.")
            )
        count = len(reader.pages)
    except UnreadableDocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise UnreadableDocumentError(damaged) from exc
    except RecursionError as exc:
        raise UnreadableDocumentError(damaged) from exc
    if count == 0:
        raise UnreadableDocumentError(gettext("The PDF has no pages."))
    if count > MAX_PAGES:
        message = gettext("The PDF has %(count)s pages; at most %(most)s are accepted.")
        raise UnreadableDocumentError(message % {"count": count, "most": MAX_PAGES})

    pages, failures = [], 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(_pdf_page_lines(page, number))
        except Exception:  # one broken page should not sink a readable CV
            failures += 1
            pages.append([])
    if failures == count:
        raise UnreadableDocumentError(damaged)
    return pages


@dataclass
class _Fragment:
    x: float
    y: float
    text: str
    size: float
    bold: bool


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# Share of a page's width past which a fragment that starts there (with others at
# the same x) opens a second column.
COLUMN_MIN_X = 0.3
COLUMN_MIN_FRAGMENTS = 3


def _pdf_fragments(page) -> list[_Fragment]:
    fragments: list[_Fragment] = []
    ink = visibility.PdfInk(page)

    def visit(text, cm, tm, font, size):
        if not text or not text.strip():
            return
        # The text matrix times the current transformation matrix places the text.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        name = str((font or {}).get("/BaseFont", "")) if hasattr(font, "get") else ""
        for offset, part in enumerate(text.split("\n")):
            if part.strip():
                height = (size or 10) * scale
                if ink.hidden(part, x, y - offset * height * 1.2, height):
                    continue
                fragments.append(
                    _Fragment(
                        x,
                        y - offset * height * 1.2,
                        part,
                        round(height, 1),
                        bool(_BOLD_FONT.search(name)),
                    )
                )

    plain = page.extract_text(visitor_text=visit, visitor_operand_before=ink.before) or ""
    if not fragments and plain.strip() and not ink.dropped:
        return [_Fragment(0.0, -i, text, 0.0, False) for i, text in enumerate(plain.split("\n"))]
    return fragments


def _rows(fragments) -> list[list[_Fragment]]:
    """Fragments on the same baseline, top to bottom, each row left to right."""
    rows: list[list[_Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: (-f.y, f.x)):
        if rows and abs(rows[-1][0].y - fragment.y) <= max(2.0, 0.3 * (fragment.size or 10)):
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    return [sorted(row, key=lambda f: f.x) for row in rows]


def _column_split(fragments, width) -> float | None:
    """The x where a second column starts, when several fragments start at the same
    x well into the page while others run on the same rows to its left."""
    starts: dict[int, int] = {}
    for fragment in fragments:
        if fragment.x > COLUMN_MIN_X * width:
            starts[round(fragment.x)] = starts.get(round(fragment.x), 0) + 1
    if not starts:
        return None
    x, hits = max(starts.items(), key=lambda item: (item[1], -item[0]))
    if hits < COLUMN_MIN_FRAGMENTS:
        return None
    left = [f for f in fragments if f.x < x - 2]
    # A left fragment whose text (at about half an em a character) runs past x is a
    # full-width line: the page is one column with something indented or aligned.
    crossing = sum(1 for f in left if f.x + 0.45 * (f.size or 10) * len(f.text) > x + 4)
    if len(left) < COLUMN_MIN_FRAGMENTS or crossing > 0.1 * len(left):
        return None
    return x - 2


def _join(row) -> str:
    text = ""
    for fragment in row:
        if text and not text.endswith(" ") and not fragment.text.startswith(" "):
            text += " "
        text += fragment.text
    return text


def _line_of(row) -> "Line":
    size = max((f.size for f in row), default=0.0)
    return Line(_join(row), 0, size, all(f.bold for f in row))


def _pdf_page_lines(page, number) -> list["Line"]:
    """The page's lines in reading order. Two columns are read one after the other,
    unless the left one holds only dates beside each entry (a table layout): then
    each row is read across, so a date stays with its entry."""
    fragments = _pdf_fragments(page)
    try:
        width = float(page.mediabox.width)
    except Exception:  # a damaged media box: treat the page as one column
        width = 0.0
    split = _column_split(fragments, width) if width else None
    if split is None:
        return [_line_of(row) for row in _rows(fragments)]
    left = [f for f in fragments if f.x < split]
    right = [f for f in fragments if f.x >= split]
    from cv_app.structure import is_date_text

    left_rows, right_rows = _rows(left), _rows(right)

    def mostly_dates(rows):
        return rows and sum(1 for row in rows if is_date_text(_join(row))) >= 0.5 * len(rows)

    if mostly_dates(left_rows) or mostly_dates(right_rows):
        lines = []
        for row in _rows(fragments):
            cells = [
                _join([f for f in row if f.x < split]),
                _join([f for f in row if f.x >= split]),
            ]
            size = max((f.size for f in row), default=0.0)
            lines.append(Line(" | ".join(c for c in cells if c), 0, size, all(f.bold for f in row)))
        return lines
    right_lines = [_line_of(row) for row in right_rows]
    return [_line_of(row) for row in left_rows] + [
        Line(line.text, 0, line.size, line.bold, 0, 1) for line in right_lines
    ]


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
        raise UnreadableDocumentError(gettext("The DOCX archive is damaged.")) from exc
    too_big = UnreadableDocumentError(
        gettext("The DOCX archive would inflate far beyond a normal document; it was refused.")
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
            gettext("The file could not be read as a DOCX; it may be damaged.")
        ) from exc


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_segments(paragraph) -> list[str]:
    """The paragraph's text split at hard page breaks (runs inside hyperlinks included)."""
    segments, current = [], []
    element_tree = visibility.paragraph_element(paragraph)
    for element in element_tree.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if element.tag == f"{_W}t":
            if not visibility.docx_run_hidden(element, paragraph):
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


_HEADING_STYLE = re.compile(r"^(?:heading|título|titulo)\s*(\d)", re.IGNORECASE)


def _paragraph_format(paragraph) -> tuple[float, bool, int]:
    """(largest font size in points, every run bold, heading level of its style)."""
    style = paragraph.style
    name = (style.name if style is not None else "") or ""
    match = _HEADING_STYLE.match(name)
    level = int(match.group(1)) if match else (1 if name.lower() == "title" else 0)
    runs = [run for run in paragraph.runs if run.text.strip()]
    sizes = [run.font.size.pt for run in runs if run.font.size is not None]
    if not sizes and style is not None and style.font.size is not None:
        sizes = [style.font.size.pt]
    bold = bool(runs) and all(
        run.bold or (run.bold is None and style is not None and style.font.bold) for run in runs
    )
    return max(sizes, default=0.0), bool(bold), level


def _paragraph_lines(paragraph) -> list[list[Line]]:
    """The paragraph's lines, one list per page it spans."""
    size, bold, level = _paragraph_format(paragraph)
    return [
        [Line(text, 0, size, bold, level) for text in segment.split("\n") if text.strip()]
        for segment in _paragraph_segments(paragraph)
    ]


def _cell_paragraphs(cell) -> list:
    found = []
    for item in cell.iter_inner_content():
        if hasattr(item, "rows"):
            for row in item.rows:
                for inner in _unique_cells(row):
                    found += _cell_paragraphs(inner)
        elif item.text.strip():
            found.append(item)
    return found


def _unique_cells(row) -> list:
    cells, seen = [], set()
    for cell in row.cells:
        # A merged cell appears once per grid column it spans, as the same object.
        if id(cell) not in seen:
            seen.add(id(cell))
            cells.append(cell)
    return cells


def _table_lines(table) -> list[Line]:
    """A row of one-line cells reads across ("2019-2021 | Engineer, Acme"); a row
    whose cells hold several paragraphs is a layout grid (a sidebar beside the main
    column), read cell after cell so each keeps its headings and lists."""
    lines = []
    for row in table.rows:
        cells = [_cell_paragraphs(cell) for cell in _unique_cells(row)]
        cells = [paragraphs for paragraphs in cells if paragraphs]
        if all(len(paragraphs) == 1 for paragraphs in cells):
            texts = [" ".join(" ".join(_paragraph_segments(p[0])).split()) for p in cells]
            if texts:
                size, bold, _level = _paragraph_format(cells[0][0])
                lines.append(Line(" | ".join(texts), 0, size, bold))
            continue
        for paragraphs in cells:
            for paragraph in paragraphs:
                for page in _paragraph_lines(paragraph):
                    lines += page
    return lines


def _header_lines(document) -> list[Line]:
    seen, lines = set(), []
    for section in document.sections:
        try:
            header = section.header
            if header.is_linked_to_previous and lines:
                continue
            for paragraph in header.paragraphs:
                text = " ".join(_paragraph_segments(paragraph)).strip()
                if text and text not in seen:
                    seen.add(text)
                    lines.append(Line(text, 0))
        except Exception:  # headers are a bonus; a malformed one must not sink the CV
            logger.warning("Skipping an unreadable DOCX header", exc_info=True)
            continue
    return lines


def _docx_body_pages(document) -> list[list[Line]]:
    # Contact details often live in the page header; they belong on page 1.
    pages = [_header_lines(document)]
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            pages[-1] += _table_lines(item)
            continue
        if item.paragraph_format.page_break_before and pages[-1]:
            pages.append([])
        first, *rest = _paragraph_lines(item)
        pages[-1] += first
        for segment in rest:
            pages.append(list(segment))
        if len(pages) > MAX_PAGES:
            raise UnreadableDocumentError(
                gettext("The DOCX has more than %(most)s pages.") % {"most": MAX_PAGES}
            )
    return pages


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
