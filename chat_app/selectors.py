from datetime import timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncWeek
from django.utils import timezone

from chat_app.knowledge import knowledge_load
from chat_app.models import ChatHistory, LLMUsage
from chat_app.offline import Answer, offline_answer
from chat_app.sessions import chat_session_is_issued

MAX_HISTORY_ITEMS = 200


def chat_history_list(*, session_id: str, limit: int = MAX_HISTORY_ITEMS) -> list[ChatHistory]:
    """One session's exchanges, oldest first; never another session's."""
    newest = ChatHistory.objects.filter(session_id=session_id).order_by("-timestamp")[:limit]
    return list(reversed(newest))


def _since(days):
    return timezone.now() - timedelta(days=days)


def chat_daily_counts(*, days=30) -> list[dict]:
    """[{day, questions}] asked of the assistant (HTTP and WebSocket), oldest day first, UTC."""
    return list(
        ChatHistory.objects.filter(timestamp__gte=_since(days))
        .annotate(day=TruncDate("timestamp"))
        .values("day")
        .annotate(questions=Count("id"))
        .order_by("day")
    )


def llm_daily_spend(*, days=30) -> list[dict]:
    """[{day, calls, cost}] of model calls, oldest day first, UTC: what the
    daily budget (LLM_DAILY_BUDGET_USD) is measured against."""
    return list(
        LLMUsage.objects.filter(created_at__gte=_since(days))
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(calls=Count("id"), cost=Sum("cost_usd"))
        .order_by("day")
    )


def chat_history_for_visitor(*, session_id: str) -> QuerySet[ChatHistory]:
    """What a visitor may read: an issued session's exchanges, oldest first (the API
    pages them). Nothing for an id the server never issued (a guess, or one from before
    ids were issued)."""
    if not chat_session_is_issued(session_id):
        return ChatHistory.objects.none()
    return ChatHistory.objects.filter(session_id=session_id).order_by("timestamp")


def chat_content_answer(*, question: str, language: str) -> Answer:
    """The offline responder's answer from the owner's content alone (no CV, no model)."""
    return offline_answer(question, knowledge_load(language=language), ())


def chat_answer_get(*, answer_id) -> dict | None:
    """{kind, question, answer, language, session_id} of one answer (None if unknown)."""
    row = ChatHistory.objects.filter(pk=answer_id).first()
    if row is None:
        return None
    return {
        "kind": row.mode,
        "question": row.message,
        "answer": row.response,
        "language": row.language,
        "session_id": row.session_id,
    }


def chat_weekly_outcomes(*, since) -> list[dict]:
    """[{week, asked, answered}] of the assistant's answers since `since`, oldest first."""
    return list(
        ChatHistory.objects.filter(timestamp__gte=since)
        .annotate(week=TruncWeek("timestamp"))
        .values("week")
        .annotate(asked=Count("id"), answered=Count("id", filter=Q(answered=True)))
        .order_by("week")
    )
