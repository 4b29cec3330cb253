"""`POST /api/v1/chat/feedback`: a visitor's verdict on an answer their session got."""

import pytest
from django.conf import settings

from faq_app.models import AnswerFeedback, AskedQuestion
from faq_app.tests.conftest import FEEDBACK

pytestmark = pytest.mark.django_db


def test_a_helpful_verdict_is_recorded_and_changes_nothing_else(seeded, ask, feedback):
    answer = ask("What projects has he built?")
    response = feedback(answer["answer_id"], True)
    assert response.status_code == 201
    assert response.json()["data"] == {"recorded": True}
    row = AnswerFeedback.objects.get()
    assert str(row.answer_id) == answer["answer_id"] and row.helpful is True
    assert row.kind == "home" and row.comment == ""
    assert AskedQuestion.objects.count() == 0


def test_the_verdict_keeps_no_session_id_in_clear(seeded, ask, feedback):
    answer = ask("What projects has he built?")
    feedback(answer["answer_id"], False, comment="Missing dates")
    row = AnswerFeedback.objects.get()
    assert answer["session_id"] not in row.session_hash
    assert row.comment == "Missing dates"


def test_one_verdict_per_answer_and_session(seeded, ask, feedback):
    answer = ask("What projects has he built?")
    assert feedback(answer["answer_id"], True).status_code == 201
    second = feedback(answer["answer_id"], False)
    assert second.status_code == 409
    assert second.json()["success"] is False
    assert AnswerFeedback.objects.get().helpful is True
    assert AskedQuestion.objects.count() == 0


def test_an_unknown_answer_is_a_404(db, feedback):
    response = feedback("5b0e4f3c-4d1e-4b7a-9f6e-2a8d5c3b1a00", True)
    assert response.status_code == 404
    assert AnswerFeedback.objects.count() == 0


def test_another_sessions_answer_is_a_404(seeded, ask, client, feedback):
    answer = ask("What projects has he built?")
    client.cookies.pop(settings.CHAT_SESSION_COOKIE_NAME)
    assert feedback(answer["answer_id"], False).status_code == 404
    other = feedback(answer["answer_id"], False, session_id="someone-else")
    assert other.status_code == 404
    assert AnswerFeedback.objects.count() == 0 and AskedQuestion.objects.count() == 0


def test_the_session_id_in_the_body_stands_for_a_missing_cookie(seeded, ask, client, feedback):
    answer = ask("What projects has he built?")
    client.cookies.pop(settings.CHAT_SESSION_COOKIE_NAME)
    response = feedback(answer["answer_id"], True, session_id=answer["session_id"])
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"helpful": True}, "answer_id"),
        ({"answer_id": "not-a-uuid", "helpful": True}, "answer_id"),
        ({"answer_id": "ANSWER"}, "helpful"),
        ({"answer_id": "ANSWER", "helpful": "perhaps"}, "helpful"),
        ({"answer_id": "ANSWER", "helpful": True, "comment": "x" * 1001}, "comment"),
        ({"answer_id": "ANSWER", "helpful": True, "rating": 5}, "rating"),
    ],
    ids=["no-id", "bad-id", "no-verdict", "bad-verdict", "long-comment", "unknown-field"],
)
def test_bad_feedback_is_a_400_naming_the_field(seeded, ask, client, body, field):
    answer = ask("What projects has he built?")
    body = {k: answer["answer_id"] if v == "ANSWER" else v for k, v in body.items()}
    response = client.post(FEEDBACK, body, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["details"]
    assert AnswerFeedback.objects.count() == 0


@pytest.mark.parametrize("comment", ["nul \\u0000 inside", "lone \\ud800 surrogate"])
def test_a_comment_that_cannot_be_stored_is_a_400(seeded, ask, client, comment):
    answer = ask("What projects has he built?")
    raw = f'{{"answer_id": "{answer["answer_id"]}", "helpful": false, "comment": "{comment}"}}'
    response = client.post(FEEDBACK, raw, content_type="application/json")
    assert response.status_code == 400
    assert AnswerFeedback.objects.count() == 0 and AskedQuestion.objects.count() == 0


def test_feedback_is_anonymous_even_with_a_stale_token(seeded, ask, feedback):
    answer = ask("What projects has he built?")
    response = feedback(
        answer["answer_id"], True, headers={"HTTP_AUTHORIZATION": "Bearer expired.token.here"}
    )
    assert response.status_code == 201


def test_feedback_is_throttled_per_client(seeded, ask, feedback, feedback_rate):
    feedback_rate("2/min")
    answers = [ask(f"What projects has he built? {n}")["answer_id"] for n in range(3)]
    assert [feedback(a, True).status_code for a in answers] == [201, 201, 429]
    assert AnswerFeedback.objects.count() == 2


def test_a_cv_answer_carries_an_id_that_takes_feedback(seeded, client, feedback):
    response = client.post(
        "/api/v1/cv/query",
        {"question": "What are his hobbies?", "session_id": "cv-visitor"},
        content_type="application/json",
    )
    answer_id = response.json()["data"]["answer_id"]
    assert feedback(answer_id, False).status_code == 404  # not this session's
    assert feedback(answer_id, False, session_id="cv-visitor").status_code == 201
    assert AnswerFeedback.objects.get().kind == "cv"
    assert AskedQuestion.objects.get().kind == "cv"
