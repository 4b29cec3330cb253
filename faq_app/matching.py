"""How close two questions are: by embedding (cv_app.embeddings' public functions),
or, when embedding fails, by the words they share. Pure functions, no database."""

import re
import unicodedata

import numpy as np

from cv_app.embeddings import EmbeddingError, current_model_name, embed_texts

# Shared content words (Jaccard) at or above this make two questions one, when
# there are no embeddings to compare: strict, since words are a poor judge of meaning.
LEXICAL_SIMILARITY = 0.6

_WORD = re.compile(r"\w+", re.UNICODE)
_STOPWORDS = set(
    """a an and are as at be by can could did do does for from had has have he her him his
    how i in is it its me my of on or she so that the their them they this to was we were
    what when where which who why will with would you your about tell please know
    el la los las un una de del y o en que por para con su sus es son como qué cuál
    cuáles quién me dime lo le al se mi tu ha han tiene""".split()
)


def normalized(text: str) -> str:
    """Lower case, accents kept, punctuation and extra spaces gone: one spelling per wording."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return " ".join(_WORD.findall(text))


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in normalized(text).split() if w not in _STOPWORDS and len(w) > 1)


def lexical_similarity(a: str, b: str) -> float:
    left, right = content_words(a), content_words(b)
    if not left or not right:
        return 1.0 if normalized(a) == normalized(b) else 0.0
    return len(left & right) / len(left | right)


def embedded(texts: list[str]) -> tuple[np.ndarray, str] | None:
    """(vectors, model name) for the texts, or None when the embedder fails: callers
    then compare words instead, which never fails."""
    try:
        return embed_texts(list(texts)), current_model_name()
    except EmbeddingError:
        return None


def best_match(vector, candidates) -> tuple[int, float]:
    """(index, cosine) of the candidate vector closest to `vector` (all L2-normalised)."""
    matrix = np.vstack(candidates)
    scores = matrix @ np.asarray(vector, dtype=np.float32)
    index = int(np.argmax(scores))
    return index, float(scores[index])
