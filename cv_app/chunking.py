"""Pages into overlapping chunks that keep their page number."""

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

CHUNK_SIZE = 800
CHUNK_OVERLAP = 150


@dataclass(frozen=True)
class Chunk:
    ordinal: int
    page: int
    text: str


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
