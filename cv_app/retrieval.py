"""Retrieval over the active CV.

1. Candidates: the vector ranking (cosine over whole chunks) and the
   lexical ranking (BM25) fused by reciprocal rank fusion.
2. Rerank: a chunk of ~800 characters dilutes a short fact ("Hobbies: chess"),
   so the best candidates are also compared sentence by sentence (sentence
   vectors are computed once per process and cached with the index).
3. Confidence comes from the evidence, not from the ranks: the best cosine
   (chunk or sentence) mapped through a logistic curve calibrated on real
   questions (bench/cv_calibrate.py), raised when the passage also contains the
   question's own words, and again when the vector and lexical rankings agree on
   the top passage. Unrelated questions land far below answerable ones; the
   threshold between them is settings.CV_CONFIDENCE_THRESHOLD.
"""

import math
from dataclasses import dataclass
from functools import partial

import numpy as np
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async

from cv_app.embeddings import (
    aembed_query,
    comparable,
    current_model_name,
    embed_query,
    embed_texts,
    embedder_for,
)
from cv_app.index import Snapshot, cv_index
from cv_app.text import expand, shared_terms, tokenize, without_subject

RRF_K = 60
RERANK_CANDIDATES = 8
# Logistic curve over all-MiniLM-L6-v2 cosines, from bench/cv_calibrate.py: the
# best cosine of unrelated questions stays below ~0.23, answerable ones reach
# 0.23-0.6; where the two meet, the question's own words in the passage decide.
COSINE_MIDPOINT = 0.30
COSINE_STEEPNESS = 15.0
LEXICAL_WEIGHT = 0.7
AGREEMENT_BONUS = 0.15


@dataclass(frozen=True)
class Passage:
    filename: str
    page: int
    content: str
    score: float
    ordinal: int
    cosine: float
    coverage: float
    # The passage's sentences most similar to the question, best first, with cosines.
    highlights: tuple[tuple[str, float], ...] = ()

    def as_source(self) -> dict:
        return {
            "filename": self.filename,
            "page": self.page,
            "content": self.content,
            "score": round(self.score, 4),
        }


def calibrate(cosine: float, coverage: float, *, agree: bool) -> float:
    """Relevance in [0, 1] of one passage: its best cosine through the calibrated
    curve, combined with the share of the question's terms it contains (partial
    matches count for less), plus a bonus when both rankings put it first."""
    vector = 1.0 / (1.0 + math.exp(-COSINE_STEEPNESS * (cosine - COSINE_MIDPOINT)))
    lexical = LEXICAL_WEIGHT * coverage**1.5
    score = 1.0 - (1.0 - vector) * (1.0 - lexical)
    if agree:
        score += (1.0 - score) * AGREEMENT_BONUS
    return float(min(max(score, 0.0), 1.0))


def _ranks(order) -> dict[int, int]:
    return {int(position): rank for rank, position in enumerate(order, start=1)}


def _lexical(snapshot: Snapshot, terms: list[str]):
    """(ranks of chunks sharing a term, share of the question's terms per chunk).

    A question term counts as found when it or one of its CV synonyms is there."""
    coverage = dict.fromkeys(range(snapshot.size), 0.0)
    if not terms or snapshot.lexical is None:
        return {}, coverage
    wanted = set(terms)
    scores = snapshot.lexical.get_scores(sorted(expand(wanted)))
    for position in range(snapshot.size):
        coverage[position] = shared_terms(wanted, snapshot.tokens[position]) / len(wanted)
    order = [int(i) for i in np.argsort(-scores, kind="stable") if scores[i] > 0]
    # BM25 gives no positive score to a term found in most chunks; coverage still counts it.
    order += [p for p in range(snapshot.size) if coverage[p] > 0 and p not in order]
    return _ranks(order), coverage


def _passage(snapshot, position, sentence_cosines, chunk_cosine, coverage, agree) -> Passage:
    """A candidate with its best sentences, scored. Its cosine is the best of the
    chunk's and its sentences' (a short fact is diluted in the whole chunk)."""
    highlights = sorted(sentence_cosines, key=lambda h: -h[1])
    cosine = max([chunk_cosine, *(value for _, value in highlights)])
    chunk = snapshot.chunks[position]
    return Passage(
        filename=snapshot.filename,
        page=chunk.page,
        content=chunk.text,
        score=calibrate(cosine, coverage, agree=agree),
        ordinal=chunk.ordinal,
        cosine=cosine,
        coverage=coverage,
        highlights=tuple(highlights[:3]),
    )


def _vector_side(snapshot: Snapshot, query_vector):
    """({position: cosine}, {position: rank}) of every chunk; empty without a vector."""
    if query_vector is None:
        return {}, {}
    similarities = comparable(
        snapshot.vectors @ query_vector.astype(np.float32), snapshot.model_name
    )
    order = np.argsort(-similarities, kind="stable")
    return dict(enumerate(np.asarray(similarities).tolist())), _ranks(order)


def _sentence_cosines(snapshot, per_chunk, position, query_vector):
    if query_vector is None:
        return []
    texts, vectors = per_chunk[position]
    scaled = comparable(vectors @ query_vector.astype(np.float32), snapshot.model_name)
    return list(zip(texts, np.asarray(scaled).tolist(), strict=True))


def search(snapshot: Snapshot, question: str, query_vector: np.ndarray | None, *, k: int = 4):
    """(passages best first, confidence) for an already embedded question. Without a
    vector (the model that made the CV's vectors is gone) the lexical side decides."""
    if snapshot.size == 0:
        return [], 0.0
    n = snapshot.size
    cosine, vector_rank = _vector_side(snapshot, query_vector)
    lexical_rank, coverage = _lexical(snapshot, tokenize(question, drop=snapshot.subject))

    fused = {
        p: 1.0 / (RRF_K + vector_rank.get(p, n + 1))
        + (1.0 / (RRF_K + lexical_rank[p]) if p in lexical_rank else 0.0)
        for p in range(n)
    }
    candidates = sorted(fused, key=lambda p: (-fused[p], p))[: max(k, RERANK_CANDIDATES)]
    top_vector = min(vector_rank, key=vector_rank.get) if vector_rank else None
    top_lexical = min(lexical_rank, key=lexical_rank.get) if lexical_rank else None

    per_chunk = {}
    if query_vector is not None:
        embed = partial(embed_texts, model_name=snapshot.model_name)
        per_chunk = snapshot.chunk_sentences(candidates, embed)
    scored = []
    for p in candidates:
        sentence_cosines = _sentence_cosines(snapshot, per_chunk, p, query_vector)
        agree = p == top_vector == top_lexical
        passage = _passage(snapshot, p, sentence_cosines, cosine.get(p, 0.0), coverage[p], agree)
        scored.append((p, passage))
    # The fused ranking chose the candidates; the calibrated evidence orders them.
    scored.sort(key=lambda item: (-item[1].score, -fused[item[0]], item[0]))
    passages = [passage for _, passage in scored[:k]]
    return passages, round(passages[0].score, 4)


@dataclass(frozen=True)
class Retrieval:
    snapshot: Snapshot
    passages: list[Passage]
    confidence: float
    # The question's vector, so answer selection can compare it with any chunk.
    vector: np.ndarray | None = None

    def cosines(self) -> dict[int, float]:
        """{chunk position: cosine to the question} over the whole CV."""
        if self.vector is None or self.snapshot.size == 0:
            return {}
        return _vector_side(self.snapshot, self.vector)[0]

    @property
    def sources(self) -> list[dict]:
        return [passage.as_source() for passage in self.passages]


def _stale(snapshot: Snapshot) -> bool:
    """True when the CV's vectors are not the configured model's: its re-embedding is
    requested, and answers go on from its old vectors meanwhile."""
    if snapshot.model_name == current_model_name():
        return False
    # Imported here: the services module imports this one.
    from cv_app.services import cv_document_request_reembedding

    cv_document_request_reembedding(document_id=snapshot.document_id)
    return True


def _query_model(snapshot: Snapshot) -> str | None:
    """The model to embed the question with: the one that made the CV's vectors, or
    None when this process cannot run it any more (lexical search until re-embedded)."""
    return snapshot.model_name if embedder_for(snapshot.model_name) else None


def _result(snapshot, question, vector, k) -> Retrieval:
    passages, confidence = search(snapshot, question, vector, k=k)
    return Retrieval(snapshot, passages, confidence, vector)


def retrieve(*, question: str, k: int = 4, index=cv_index) -> Retrieval | None:
    """Retrieval over the active CV, or None when there is none. Raises EmbeddingError."""
    snapshot = index.current()
    if snapshot is None:
        return None
    _stale(snapshot)
    model = _query_model(snapshot)
    neutral = without_subject(question, snapshot.subject)
    vector = embed_query(neutral, model_name=model) if model else None
    return _result(snapshot, question, vector, k)


async def aretrieve(*, question: str, k: int = 4, index=cv_index) -> Retrieval | None:
    """The same from async code: database work and encoding stay off the event loop."""
    snapshot = await database_sync_to_async(index.current)()
    if snapshot is None:
        return None
    await database_sync_to_async(_stale)(snapshot)
    model = _query_model(snapshot)
    neutral = without_subject(question, snapshot.subject)
    vector = await aembed_query(neutral, model_name=model) if model else None
    # Sentence vectors may still need computing: CPU work, kept off the loop too.
    return await sync_to_async(_result, thread_sensitive=False)(snapshot, question, vector, k)
