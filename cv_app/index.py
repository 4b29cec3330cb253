"""The in-memory search index of the active CV, one per process.

Chunks and vectors live in the database. Each process holds an immutable snapshot
(the matrix of the normalised vectors, searched exactly by one matrix product, plus
a BM25 index over the same chunks) keyed by the active document's id, processed_at and chunk count.
Every lookup first reads that key with one small query, so when another process
ingests a new CV (or re-embeds this one) this process rebuilds before answering
instead of answering from a stale CV. Readers keep the snapshot they started
with; a rebuild swaps in a new one under a lock.
"""

import threading
from dataclasses import dataclass, field

import numpy as np
from rank_bm25 import BM25Okapi

from cv_app.language import document_language
from cv_app.models import CVChunk, CVDocument
from cv_app.text import is_heading, sentences, subject_terms, tokenize


@dataclass(frozen=True)
class ActiveKey:
    document_id: str
    processed_at: str
    chunk_count: int
    filename: str
    embedding_model: str


@dataclass(frozen=True)
class IndexedChunk:
    ordinal: int
    page: int
    text: str
    section_index: int | None = None
    entry: int | None = None


@dataclass(frozen=True)
class Snapshot:
    key: ActiveKey
    chunks: tuple[IndexedChunk, ...]
    # (chunks, dim) float32, L2-normalised rows: a CV has at most a few thousand
    # chunks, so an exact product is faster than any index and adds no library.
    vectors: np.ndarray
    lexical: BM25Okapi | None
    tokens: tuple[frozenset, ...]
    subject: frozenset
    dim: int
    model_name: str
    # The document's sections and entries (cv_app/structure.py); {} for older rows.
    structure: dict = field(default_factory=dict, compare=False, repr=False)
    # The language the CV is written in ("en", "es").
    language: str = "en"
    # Sentence vectors of the chunks that retrieval looked at, filled lazily.
    _sentences: dict = field(default_factory=dict, compare=False, repr=False)
    _sentences_lock: threading.Lock = field(
        default_factory=threading.Lock, compare=False, repr=False
    )

    def chunk_sentences(self, positions, embed) -> dict[int, tuple[list[str], np.ndarray]]:
        """{position: (sentences, vectors)} for the given chunks, embedding the missing
        ones in one batch with `embed`. Headings and the CV's own name are left out:
        they are not answers and would match every question that names the person."""
        missing = [p for p in positions if p not in self._sentences]
        if missing:
            with self._sentences_lock:
                missing = [p for p in positions if p not in self._sentences]
                found = {p: self._quotable(self.chunks[p].text) for p in missing}
                texts = [text for p in missing for text in found[p]]
                vectors = embed(texts) if texts else np.zeros((0, self.dim), dtype=np.float32)
                offset = 0
                for p in missing:
                    count = len(found[p])
                    self._sentences[p] = (found[p], vectors[offset : offset + count])
                    offset += count
        return {p: self._sentences[p] for p in positions}

    def _quotable(self, text) -> list[str]:
        kept = []
        for sentence in sentences(text):
            terms = set(tokenize(sentence))
            if not is_heading(sentence) and not terms <= self.subject:
                kept.append(sentence)
        return kept

    @property
    def document_id(self) -> str:
        return self.key.document_id

    @property
    def filename(self) -> str:
        return self.key.filename

    @property
    def size(self) -> int:
        return len(self.chunks)


def active_documents():
    """Ready documents, the active one first: the newest upload that finished processing."""
    return CVDocument.objects.filter(status=CVDocument.Status.READY, chunk_count__gt=0).order_by(
        "-uploaded_at", "-processed_at"
    )


def active_key() -> ActiveKey | None:
    row = (
        active_documents()
        .values_list("id", "processed_at", "chunk_count", "filename", "embedding_model")
        .first()
    )
    if row is None:
        return None
    doc_id, processed_at, chunk_count, filename, model = row
    return ActiveKey(
        str(doc_id), processed_at.isoformat() if processed_at else "", chunk_count, filename, model
    )


def build_snapshot(key: ActiveKey) -> Snapshot | None:
    """The snapshot of the document `key` names; None if it vanished since the key was read."""
    rows = list(
        CVChunk.objects.filter(document_id=key.document_id)
        .order_by("ordinal")
        .values_list(
            "ordinal", "page", "text", "vector", "dim", "model_name", "section_index", "entry"
        )
    )
    if not rows:
        return None
    chunks = tuple(
        IndexedChunk(ordinal, page, text, section_index, entry)
        for ordinal, page, text, _vector, _dim, _model, section_index, entry in rows
    )
    dims = {row[4] for row in rows}
    models = {row[5] for row in rows}
    if len(dims) != 1 or len(models) != 1:
        # Re-embedding swaps every vector in one transaction, so this is damage, not a race.
        raise ValueError(f"CV {key.document_id} has chunks of mixed dimensions or models.")
    dim = dims.pop()
    matrix = np.vstack([np.frombuffer(bytes(row[3]), dtype=np.float32) for row in rows])

    structure, language = (
        CVDocument.objects.filter(pk=key.document_id).values_list("structure", "language").first()
    ) or ({}, "")
    subject = subject_terms(chunks[0].text) if chunks else frozenset()
    tokenized = [tokenize(chunk.text, drop=subject) for chunk in chunks]
    # BM25 with an empty corpus divides by zero; a CV of stop words has no lexical side.
    lexical = BM25Okapi(tokenized) if any(tokenized) else None
    return Snapshot(
        key=key,
        chunks=chunks,
        vectors=np.ascontiguousarray(matrix, dtype=np.float32),
        lexical=lexical,
        tokens=tuple(frozenset(tokens) for tokens in tokenized),
        subject=subject,
        dim=dim,
        model_name=models.pop(),
        structure=structure or {},
        # Rows processed before the language was kept: read it from the chunks.
        language=language or document_language("\n".join(chunk.text for chunk in chunks)),
    )


class CVIndex:
    """Per-process cache of the active CV's snapshot."""

    def __init__(self):
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> Snapshot | None:
        return self._snapshot

    def current(self) -> Snapshot | None:
        """The snapshot for the active CV, rebuilt if the database says it changed."""
        key = active_key()
        if key is None:
            return None
        return self.for_key(key)

    def for_key(self, key: ActiveKey) -> Snapshot | None:
        snapshot = self._snapshot
        if snapshot is not None and snapshot.key == key:
            return snapshot
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None or snapshot.key != key:
                snapshot = build_snapshot(key)
                if snapshot is not None:
                    self._snapshot = snapshot
        return snapshot

    def clear(self):
        with self._lock:
            self._snapshot = None


cv_index = CVIndex()
