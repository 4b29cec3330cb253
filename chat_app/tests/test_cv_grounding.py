"""The assistant and the CV chat share retrieval and the model gateway."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from prometheus_client import REGISTRY

from chat_app.models import ChatHistory, LLMUsage
from cv_app import runner
from cv_app.models import CVDocument, CVQuery
from cv_app.selectors import no_cv_file
from cv_app.services import NOT_COVERED, cv_document_create
from cv_app.tests.documents import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_cv(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = cv_document_create(uploaded_file=SimpleUploadedFile("cv.pdf", pdf_bytes()))
    # What the background runner does with the queued upload.
    runner.run_due(worker="test")
    document = CVDocument.objects.get(pk=document.pk)
    assert document.status == CVDocument.Status.READY
    return document


def chat(client, message, **extra):
    response = client.post(
        "/api/v1/chat/send", {"message": message, **extra}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()["data"]


def test_cv_mode_answers_from_the_cv_and_cites_the_page(client, seeded, active_cv):
    data = chat(client, "Where did Daniyal study?", mode="cv")
    assert "Lahore University of Management Sciences" in data["answer"]
    cv_sources = [s for s in data["sources"] if s["type"] == "cv"]
    assert cv_sources[0]["page"] == 3
    assert cv_sources[0]["filename"] == "cv.pdf"
    assert ChatHistory.objects.get().mode == "cv"


def test_cv_mode_says_the_cv_does_not_cover_an_unrelated_question(client, seeded, active_cv):
    data = chat(client, "How do I bake sourdough bread?", mode="cv")
    assert data["answer"] == NOT_COVERED
    assert data["sources"] == []


def test_cv_mode_without_any_cv_is_honest_too(client, seeded):
    # Until issue 12 this was NOT_COVERED; now the content answers, saying there is no CV.
    answer = chat(client, "Where did Daniyal study?", mode="cv")["answer"]
    assert answer.startswith(no_cv_file("en"))
    assert "Lahore" not in answer


def test_home_mode_falls_back_to_the_cv_for_what_the_content_does_not_cover(
    client, seeded, active_cv
):
    data = chat(client, "What are his hobbies?")
    assert "chess" in data["answer"]
    assert any(s["type"] == "cv" and s["page"] == 3 for s in data["sources"])


def test_the_models_prompt_carries_the_best_cv_passages(client, seeded, active_cv, fake_model):
    chat(client, "Which university did he attend?", mode="cv")
    system = fake_model.requests[-1]["messages"][0]["content"]
    # Mode "cv" sends the CV-only prompt, not the home assistant's.
    assert "## CV passages" in system
    assert "using only the passages below" in system
    assert "Lahore University of Management Sciences" in system
    assert "page 3" in system


def test_cv_query_with_a_model_answers_from_the_passages_only(client, active_cv, fake_model):
    fake_model.reply = "He studied Computer Science at LUMS (page 3)."
    response = client.post(
        "/api/v1/cv/query",
        {"question": "Where did Daniyal study?"},
        content_type="application/json",
    )
    data = response.json()["data"]
    assert data["answer"] == fake_model.reply
    assert data["sources"][0]["page"] == 3
    system = fake_model.requests[-1]["messages"][0]["content"]
    assert "using only the passages below" in system
    assert "Lahore University of Management Sciences" in system
    assert CVQuery.objects.get().mode == CVQuery.Mode.LLM
    assert LLMUsage.objects.get().purpose == "cv"


def test_cv_query_refuses_below_the_threshold_without_asking_the_model(
    client, active_cv, fake_model
):
    response = client.post(
        "/api/v1/cv/query", {"question": "What is the capital of France?"},
        content_type="application/json",
    )  # fmt: skip
    assert response.json()["data"]["answer"] == NOT_COVERED
    assert fake_model.requests == []


def test_cv_query_quotes_the_cv_when_the_model_fails(client, active_cv, fake_model):
    fake_model.fail_status = 500
    response = client.post(
        "/api/v1/cv/query", {"question": "What are his hobbies?"}, content_type="application/json"
    )
    data = response.json()["data"]
    assert "chess" in data["answer"]
    assert CVQuery.objects.get().mode == CVQuery.Mode.OFFLINE


def test_model_calls_are_counted_in_the_metrics(client, seeded, fake_model):
    labels = {"provider": "openai", "model": "gpt-4o-mini", "outcome": "success"}
    before = REGISTRY.get_sample_value("llm_calls_total", labels) or 0
    chat(client, "What does he build?")
    assert REGISTRY.get_sample_value("llm_calls_total", labels) == before + 1


def cv_query(client, question):
    response = client.post(
        "/api/v1/cv/query", {"question": question}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()["data"]


def test_cv_query_strips_citations_of_pages_the_model_was_not_given(client, active_cv, fake_model):
    fake_model.reply = "He studied at LUMS (page 3) and at MIT (page 7)."
    data = cv_query(client, "Where did Daniyal study?")
    assert data["answer"] == "He studied at LUMS (page 3) and at MIT."
    sent = fake_model.requests[-1]["messages"][0]["content"]
    assert "page 7" not in sent


def test_a_model_answer_that_cites_nothing_is_marked_low_confidence(client, active_cv, fake_model):
    fake_model.reply = "He studied computer science."
    data = cv_query(client, "Where did Daniyal study?")
    assert data["answer"] == "He studied computer science."
    assert data["confidence"] <= 0.3
    assert CVQuery.objects.get().answered is False


def test_a_false_premise_is_refused_without_asking_the_model(client, active_cv, fake_model):
    assert cv_query(client, "When did he work at Google?")["answer"] == NOT_COVERED
    assert fake_model.requests == []


def test_cv_mode_with_a_model_uses_the_cv_prompt_and_records_the_model(
    client, seeded, active_cv, fake_model
):
    fake_model.reply = "Chess, running and photography (page 3)."
    data = chat(client, "What are his hobbies?", mode="cv")
    assert data["answer"] == fake_model.reply
    request = fake_model.requests[-1]
    assert request["messages"][0]["content"].startswith("You answer questions about a person's CV")
    assert request["messages"][-1] == {"role": "user", "content": "What are his hobbies?"}
    assert ChatHistory.objects.get().responder == ChatHistory.Responder.MODEL


def test_cv_mode_does_not_call_the_model_when_nothing_answers(
    client, seeded, active_cv, fake_model
):
    data = chat(client, "How do I bake sourdough bread?", mode="cv")
    assert data["answer"] == NOT_COVERED
    assert fake_model.requests == []


def test_a_spanish_question_asks_the_model_for_a_spanish_answer(client, active_cv, fake_model):
    fake_model.reply = "Habla inglés, urdu y alemán (página 3)."
    data = cv_query(client, "¿Qué idiomas habla?")
    assert data["answer"] == fake_model.reply
    assert "Answer in Spanish" in fake_model.requests[-1]["messages"][0]["content"]


def test_cv_mode_answers_a_spanish_question_in_spanish_offline(client, seeded, active_cv):
    data = chat(client, "¿Qué idiomas habla?", mode="cv")
    assert data["answer"].startswith("Según el CV (página 3): ")
    assert ChatHistory.objects.get().language == "es"
