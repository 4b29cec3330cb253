"""CV questions on a fresh install, before any CV is uploaded (issue 12): the content answers."""

import pytest

from chat_app.models import ChatHistory
from chat_app.testing.fake_openai import FakeOpenAI
from cv_app.models import CVDocument
from cv_app.selectors import cv_content_answer, no_cv_file

# The catalog's Spanish, spelled out: a missing translation would fall back to English.
NO_CV_FILE_ES = (
    "Todavía no se ha subido ningún archivo de CV, así que esta respuesta sale del "
    "contenido del propio sitio."
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_model(settings):
    """A real OpenAI-compatible server on 127.0.0.1, configured as the model."""
    with FakeOpenAI(reply="From the model.") as server:
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = server.base_url
        settings.LLM_MAX_RETRIES = 0
        yield server


def cv_query(client, question, url="/api/v1/cv/query", **headers):
    response = client.post(url, {"question": question}, content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    return response.json()["data"]


def chat_cv(client, message, **headers):
    response = client.post(
        "/api/v1/chat/send",
        {"message": message, "mode": "cv"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    return response.json()["data"]


@pytest.mark.parametrize("url", ["/api/v1/cv/query", "/cv/query"])
def test_cv_query_answers_the_skills_from_the_content(client, seeded, url):
    data = cv_query(client, "What are his skills?", url=url)
    assert data["answer"].startswith(no_cv_file("en"))
    for skill in ("Python", "FastAPI", "Next.js", "Docker"):
        assert skill in data["answer"]
    # Nothing came from a CV: no CV passages, no CV confidence.
    assert data["sources"] == [] and data["confidence"] == 0.0


def test_cv_query_answers_the_experience_from_the_content(client, seeded):
    answer = cv_query(client, "Where has he worked?")["answer"]
    assert "Tech Company" in answer and "Startup" in answer


def test_cv_query_answers_in_the_visitors_language(client, seeded):
    answer = cv_query(client, "¿Cuáles son sus habilidades?", HTTP_ACCEPT_LANGUAGE="es")["answer"]
    assert answer.startswith(NO_CV_FILE_ES)
    assert "Backend y datos" in answer


def test_chat_in_cv_mode_answers_the_skills_from_the_content(client, seeded):
    data = chat_cv(client, "What are his skills?")
    assert data["answer"].startswith(no_cv_file("en"))
    assert "React Three Fiber" in data["answer"]
    assert any(s["type"] == "skill" for s in data["sources"])
    assert ChatHistory.objects.get().response == data["answer"]


def test_chat_in_cv_mode_in_spanish(client, seeded):
    data = chat_cv(client, "¿Dónde ha trabajado?", HTTP_ACCEPT_LANGUAGE="es")
    assert data["answer"].startswith(NO_CV_FILE_ES)
    assert "Empresa tecnológica" in data["answer"]


def test_without_a_cv_the_model_is_not_asked(client, seeded, fake_model):
    data = chat_cv(client, "What are his skills?")
    assert data["answer"].startswith(no_cv_file("en"))
    assert fake_model.requests == []


def test_once_a_cv_is_active_the_cv_answers_again(client, seeded, ingest):
    assert ingest().status == CVDocument.Status.READY
    assert cv_content_answer(question="What are his skills?") is None
    answer = cv_query(client, "Where did Daniyal study?")["answer"]
    assert "Lahore University of Management Sciences" in answer
    assert no_cv_file("en") not in answer


def test_with_no_content_either_the_answer_still_says_why(client, db):
    answer = cv_query(client, "What are his skills?")["answer"]
    assert answer.startswith(no_cv_file("en"))
    assert len(answer) > len(no_cv_file("en"))
