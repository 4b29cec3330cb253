from chat_app.models import ChatHistory

MAX_HISTORY_ITEMS = 200


def chat_history_list(*, session_id: str, limit: int = MAX_HISTORY_ITEMS) -> list[ChatHistory]:
    """One session's exchanges, oldest first; never another session's."""
    newest = ChatHistory.objects.filter(session_id=session_id).order_by("-timestamp")[:limit]
    return list(reversed(newest))


def chat_history_page(*, session_id: str, limit: int, offset: int = 0):
    """(one session's exchanges oldest first, from `offset`, at most `limit`; how many in all)."""
    rows = ChatHistory.objects.filter(session_id=session_id).order_by("timestamp")
    return list(rows[offset : offset + limit]), rows.count()
