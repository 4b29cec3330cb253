"""The FAQ as a grounded source for the assistant (home and CV modes, offline and with
a model): a question that matches an entry's wording, or one of the questions it
answered, gets the owner's own words, cited as `{"type": "faq", "id", "question"}`.

Kept apart from chat_app/knowledge.py (the content) so each source loads on its own.
"""

from dataclasses import dataclass

import numpy as np
from django.conf import settings

from faq_app.matching import LEXICAL_SIMILARITY, embedded, lexical_similarity, normalized
from faq_app.selectors import faq_entry_get, faq_match_index, faq_published_list, faq_visible


@dataclass
class FAQAnswer:
    text: str
    sources: list[dict]
    entry_id: int


def faq_source(entry: dict) -> dict:
    return {"type": "faq", "id": str(entry["id"]), "question": entry["question"]}


def faq_answer(*, question: str, language: str) -> FAQAnswer | None:
    """The owner's answer to `question` in `language` (else English), verbatim, when a
    published entry answers it; None otherwise. Embeds the question only when there
    is an entry to compare it with."""
    index = faq_match_index()
    if not faq_visible(index):
        return None
    entry_id = _matching_entry(question, index)
    if entry_id is None:
        return None
    entry = faq_entry_get(entry_id=entry_id, language=language)
    if entry is None:
        return None
    return FAQAnswer(entry["answer"], [faq_source(entry)], entry_id)


def _matching_entry(question, index) -> int | None:
    visible = {row["faq_id"] for row in faq_visible(index)}
    wording = normalized(question)
    for row in index:
        if row["faq_id"] in visible and wording in map(normalized, row["texts"]):
            return row["faq_id"]
    texts = [text for row in index for text in row["texts"]]
    owners = [row["faq_id"] for row in index for _ in row["texts"]]
    scores = _cosines(question, index)
    if scores is not None:
        threshold = settings.INBOX_GROUP_SIMILARITY
    else:  # the embedder failed: shared words decide
        scores = [lexical_similarity(question, text) for text in texts]
        threshold = LEXICAL_SIMILARITY
    ranked = sorted(
        (score, owner) for score, owner in zip(scores, owners, strict=True) if owner in visible
    )
    if ranked and ranked[-1][0] >= threshold:
        return ranked[-1][1]
    return None


def _cosines(question, index) -> list[float] | None:
    found = embedded([question])
    if found is None:
        return None
    vectors, model = found
    matrix = _index_vectors(index, model)
    if matrix is None:
        return None
    candidates = np.frombuffer(matrix, dtype=np.float32).reshape(-1, vectors.shape[1])
    return [float(score) for score in candidates @ vectors[0]]


# {model: (the wordings, their float32 matrix)}: see _index_vectors().
_matrices: dict = {}


def _index_vectors(index, model) -> bytes | None:
    """Every wording's vector as one float32 matrix: the ones stored with the
    questions when they were embedded by `model`, the others embedded now. An entry's
    own wordings have no stored vector: the matrix is a function of the wordings and
    the model alone, so each process keeps the last one it built per model."""
    texts = tuple(text for row in index for text in row["texts"])
    held = _matrices.get(model)
    if held is not None and held[0] == texts:
        return held[1]
    matrix = _vectors(index, model)
    if matrix is not None:
        _matrices[model] = (texts, matrix)
    return matrix


def _vectors(index, model) -> bytes | None:
    stored = [pair for row in index for pair in row["stored"]]
    texts = [text for row in index for text in row["texts"]]
    missing = [i for i, (vector, name) in enumerate(stored) if vector is None or name != model]
    vectors = [
        np.frombuffer(vector, dtype=np.float32) if vector is not None and name == model else None
        for vector, name in stored
    ]
    if missing:
        found = embedded([texts[i] for i in missing])
        if found is None or found[1] != model:
            return None
        for i, vector in zip(missing, found[0], strict=True):
            vectors[i] = vector
    return np.vstack(vectors).astype(np.float32).tobytes()


def faq_prompt_block(*, language: str) -> str:
    """The published entries for a model's system prompt: facts to quote word for word."""
    entries = faq_published_list(language=language)
    if not entries:
        return ""
    lines = [
        "## Answers the owner wrote (FAQ)",
        "When one of these answers the visitor's question, reply with the owner's answer "
        "exactly as written, word for word, without adding or changing facts.",
    ]
    lines += [f"- Q: {e['question']}\n  A: {e['answer']}" for e in entries]
    return "\n".join(lines)


def faq_sources_quoted(*, reply: str, language: str) -> list[dict]:
    """The entries a model's reply quotes word for word."""
    return [
        faq_source(e)
        for e in faq_published_list(language=language)
        if e["answer"].strip() and e["answer"].strip() in reply
    ]
