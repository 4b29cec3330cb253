"""With Redis really down (REDIS_URL set, nothing listening) the assistant still answers."""

import pytest

pytestmark = pytest.mark.django_db


def test_with_redis_down_the_assistant_answers_over_http(client, seeded, redis_down):
    response = client.post(
        "/api/v1/chat/send", {"message": "What projects has he built?"}, "application/json"
    )
    assert response.status_code == 200
    assert response.json()["data"]["answer"]


def test_with_redis_down_the_resume_site_chat_answers(client, seeded, redis_down):
    response = client.post("/api/chat", {"content": "Which skills?"}, "application/json")
    assert response.status_code == 200
    assert response.json()["content"]
