"""A session's history costs a fixed number of queries however long it is: the page
and the total (seed 002's mount answers no total, so counts none). Nothing here
is cached."""

import pytest

from chat_app.models import ChatHistory
from chat_app.sessions import chat_session_issue

pytestmark = pytest.mark.django_db


def add_turns(session_id, count):
    ChatHistory.objects.bulk_create(
        ChatHistory(session_id=session_id, message=f"q{n}", response=f"a{n}", responder="offline")
        for n in range(count)
    )


@pytest.mark.parametrize(
    ("url", "param", "expected"),
    [("/api/v1/chat/history", "session_id", 2), ("/api/chat/history", "user_id", 1)],
)
def test_history_costs_the_same_queries_with_more_turns(
    client, django_assert_num_queries, url, param, expected
):
    session_id = chat_session_issue()
    add_turns(chat_session_issue(), 5)  # another visitor's, never read
    for count in (1, 40):
        add_turns(session_id, count)
        with django_assert_num_queries(expected):
            response = client.get(url, {param: session_id})
        assert response.status_code == 200


def test_an_id_never_issued_costs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/api/v1/chat/history", {"session_id": "guess"}).status_code == 200


def test_the_chat_status_costs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/api/chat/status").json() == {"available": True}
