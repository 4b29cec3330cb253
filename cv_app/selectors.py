"""Read paths of the CV chat, including the retrieval the AI assistant grounds on."""

import logging

from django.conf import settings
from django.db.models import Q

from cv_app.embeddings import EmbeddingError
from cv_app.index import active_documents
from cv_app.models import CVDocument, CVQuery
from cv_app.retrieval import aretrieve, retrieve

logger = logging.getLogger(__name__)


def cv_document_current() -> CVDocument | None:
    """The active CV; when none is ready yet, the newest upload (to show its progress)."""
    return active_documents().first() or CVDocument.objects.order_by("-uploaded_at").first()


def cv_retrieve(*, question: str, k: int = 4) -> tuple[list[dict], float]:
    """Passages `{filename, page, content, score}` best first, and the confidence in
    [0, 1], for grounding other answers (the assistant's `mode: "cv"`).

    ([], 0.0) when no CV is active or the search is unavailable: the caller
    answers without CV passages rather than failing.
    """
    try:
        result = retrieve(question=question, k=k)
    except EmbeddingError as exc:
        logger.error("CV retrieval for the assistant failed: %s", exc)
        return [], 0.0
    if result is None:
        return [], 0.0
    return result.sources, result.confidence


async def acv_retrieve(*, question: str, k: int = 4) -> tuple[list[dict], float]:
    """cv_retrieve for consumers and async views."""
    try:
        result = await aretrieve(question=question, k=k)
    except EmbeddingError as exc:
        logger.error("CV retrieval for the assistant failed: %s", exc)
        return [], 0.0
    if result is None:
        return [], 0.0
    return result.sources, result.confidence


def cv_query_unanswered(*, limit=10) -> list[CVQuery]:
    """The newest questions the CV chat refused or answered below the confidence threshold."""
    unanswered = Q(answered=False) | Q(confidence__lt=settings.CV_CONFIDENCE_THRESHOLD)
    return list(CVQuery.objects.filter(unanswered).order_by("-timestamp")[:limit])
