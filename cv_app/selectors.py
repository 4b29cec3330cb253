"""Read paths of the CV chat, including the retrieval the AI assistant grounds on."""

import dataclasses
import logging

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import translation
from django.utils.translation import gettext_lazy

from cv_app.embeddings import EmbeddingError, model_loaded
from cv_app.index import active_documents, active_key, cv_index
from cv_app.language import detect_language
from cv_app.models import CVDocument, CVQuery
from cv_app.retrieval import aretrieve, retrieve
from portfolio import engines
from portfolio.api.language import normalize_language, translated

logger = logging.getLogger(__name__)

NO_CV_FILE = gettext_lazy(
    "No CV file has been uploaded yet, so this answer comes from the site's own content."
)


def no_cv_file(language) -> str:
    """The preface of an answer given before any CV is uploaded, in `language`."""
    return translated(NO_CV_FILE, language)


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
        return _sources(retrieve(question=question, k=k))
    except EmbeddingError as exc:
        logger.error("CV retrieval for the assistant failed: %s", exc)
        return [], 0.0


async def acv_retrieve(*, question: str, k: int = 4) -> tuple[list[dict], float]:
    """cv_retrieve for consumers and async views."""
    try:
        return _sources(await aretrieve(question=question, k=k))
    except EmbeddingError as exc:
        logger.error("CV retrieval for the assistant failed: %s", exc)
        return [], 0.0


def _sources(result) -> tuple[list[dict], float]:
    return ([], 0.0) if result is None else (result.sources, result.confidence)


def cv_query_unanswered(*, limit=10) -> list[CVQuery]:
    """The newest questions the CV chat refused or answered below the confidence
    threshold. Questions asked before any CV are not (no CV could answer them), and
    answers without a document (the owner's FAQ) carry no retrieval confidence: only a
    refusal counts among them."""
    unanswered = Q(answered=False) | Q(
        confidence__lt=settings.CV_CONFIDENCE_THRESHOLD, document__isnull=False
    )
    queries = CVQuery.objects.filter(unanswered).exclude(mode=CVQuery.Mode.CONTENT)
    return list(queries.order_by("-timestamp")[:limit])


def cv_query_content_answered_count() -> int:
    """How many CV questions the site's content answered because no CV was uploaded yet."""
    return CVQuery.objects.filter(mode=CVQuery.Mode.CONTENT).count()


def cv_content_answer(*, question, language=None):
    """CV questions before any CV is uploaded are never a dead end: the answer from the
    owner's content (what the generated resume PDF holds), saying first that no CV file
    is uploaded yet. None once a CV is active (the caller then answers from it as usual).
    `language` defaults to the active one."""
    if active_documents().exists():
        return None
    language = (
        normalize_language(language or translation.get_language() or "") or settings.LANGUAGE_CODE
    )
    answer = engines.content_answer(question=question, language=language)
    preface = no_cv_file(language)
    return dataclasses.replace(answer, text=f"{preface}\n\n{answer.text}")


def cv_vector_store_status() -> dict:
    """For the health check: the active CV and whether this process has it in memory."""
    key = active_key()
    if key is None:
        return {"status": "disabled", "detail": "No CV has been indexed."}
    loaded = cv_index.loaded
    return {
        "status": "ok",
        "document_id": key.document_id,
        "filename": key.filename,
        "chunks": key.chunk_count,
        "embedding_model": key.embedding_model,
        "index_loaded": bool(loaded and loaded.key == key),
        "model_loaded": model_loaded(),
    }


def cv_answer_get(*, answer_id) -> dict | None:
    """{kind, question, answer, language, session_id} of one CV answer (None if unknown)."""
    row = CVQuery.objects.filter(pk=answer_id).first()
    if row is None:
        return None
    return {
        "kind": "cv",
        "question": row.question,
        "answer": row.answer,
        "language": detect_language(row.question) or settings.LANGUAGE_CODE,
        "session_id": row.session_id,
    }


def cv_query_weekly_outcomes(*, since) -> list[dict]:
    """[{week, asked, answered}] of CV questions since `since` (answered: not refused and
    at or above the confidence threshold), oldest first."""
    confident = Q(confidence__gte=settings.CV_CONFIDENCE_THRESHOLD) | Q(document__isnull=True)
    answered = Q(answered=True) & confident
    return list(
        CVQuery.objects.filter(timestamp__gte=since)
        .annotate(week=TruncWeek("timestamp"))
        .values("week")
        .annotate(asked=Count("id"), answered=Count("id", filter=answered))
        .order_by("week")
    )
