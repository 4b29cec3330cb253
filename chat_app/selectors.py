from chat_app.models import ChatHistory
from chat_app.sessions import chat_session_is_issued

MAX_HISTORY_ITEMS = 200


def chat_history_list(*, session_id: str, limit: int = MAX_HISTORY_ITEMS) -> list[ChatHistory]:
    """One session's exchanges, oldest first; never another session's."""
    newest = ChatHistory.objects.filter(session_id=session_id).order_by("-timestamp")[:limit]
    return list(reversed(newest))


def chat_history_for_visitor(*, session_id: str) -> list[ChatHistory]:
    """What a visitor may read: an issued session's exchanges; nothing for an id the
    server never issued (a guess, or one from before ids were issued)."""
    if not chat_session_is_issued(session_id):
        return []
    return chat_history_list(session_id=session_id)
