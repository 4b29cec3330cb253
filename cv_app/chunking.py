"""CV text into chunks that keep their page, section and entry.

A structured CV (cv_app/structure.py) is chunked along its own units: one chunk
per entry (its title block, dates and bullets are never cut apart) and one per
section otherwise, split at line boundaries only when a section is very long.
Plain pages (no structure) still split by size, page by page.
"""

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

CHUNK_SIZE = 800
CHUNK_OVERLAP = 150
# A list (skills, languages) is answered whole, so it is kept whole up to this size.
SECTION_CHUNK_MAX = 1600


@dataclass(frozen=True)
class Chunk:
    ordinal: int
    page: int
    text: str
    section: str = ""
    section_index: int | None = None
    entry: int | None = None


def split_pages(pages: list[str]) -> list[Chunk]:
    """Each page is split on its own, so no chunk straddles two pages and every
    citation names one page (counted from 1)."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
    )
    chunks = []
    for page_number, text in enumerate(pages, start=1):
        for piece in splitter.split_text(text):
            piece = piece.strip()
            if piece:
                chunks.append(Chunk(ordinal=len(chunks), page=page_number, text=piece))
    return chunks


def _prefixed(section, lines) -> str:
    heading = section["heading"]
    body = "\n".join(line["text"] for line in lines)
    if not heading or section.get("inline") or body.startswith(heading):
        return body
    return f"{heading}\n{body}"


def _line_groups(lines, limit):
    group, size = [], 0
    for line in lines:
        if group and size + len(line["text"]) > limit:
            yield group
            group, size = [], 0
        group.append(line)
        size += len(line["text"]) + 1
    if group:
        yield group


def split_structure(structure: dict) -> list[Chunk]:
    """One chunk per entry, one per (part of a) section, in reading order."""
    chunks: list[Chunk] = []

    def add(section, index, lines, entry=None):
        text = _prefixed(section, lines).strip()
        if text:
            chunks.append(Chunk(len(chunks), lines[0]["page"], text, section["kind"], index, entry))

    for index, section in enumerate(structure.get("sections", [])):
        if section.get("entries"):
            for number, entry in enumerate(section["entries"]):
                add(section, index, entry["lines"], number)
            continue
        for group in _line_groups(section["lines"], SECTION_CHUNK_MAX):
            add(section, index, group)
    return chunks
