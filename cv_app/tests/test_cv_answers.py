"""Answers through the API: structure stored on ingestion, the smallest unit that
answers, honest refusals, and the visitor's language."""

import pytest

from cv_app.models import CVChunk, CVQuery
from cv_app.services import NOT_COVERED

pytestmark = pytest.mark.django_db

URL = "/api/v1/cv/query"


def ask(client, question, url=URL, **headers):
    response = client.post(url, {"question": question}, content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    return response


def test_ingestion_stores_the_structure_and_chunks_by_entry(ingest):
    document = ingest()
    kinds = [s["kind"] for s in document.structure["sections"]]
    assert {"header", "experience", "education", "languages", "interests"} <= set(kinds)
    nimbus = CVChunk.objects.get(document=document, text__contains="Nimbus Health")
    assert (nimbus.section, nimbus.entry, nimbus.page) == ("experience", 0, 2)
    assert "Cut API latency" in nimbus.text  # the entry's second paragraph stays with it


def test_when_is_answered_with_the_entry_and_its_dates(client, ingest):
    ingest()
    data = ask(client, "When did he start at Nimbus Health?").json()["data"]
    assert data["answer"].startswith("According to the CV (page 2): ")
    assert "Lead Backend Engineer at Nimbus Health, 2021 to present." in data["answer"]
    assert data["sources"][0]["page"] == 2


def test_a_false_premise_is_refused_and_stored_as_a_gap(client, ingest):
    ingest()
    data = ask(client, "When did he work at Google?").json()["data"]
    assert data["answer"] == NOT_COVERED
    assert data["confidence"] < 0.55
    assert CVQuery.objects.get().answered is False


def test_a_judgement_of_the_person_is_refused_saying_a_cv_states_facts(client, ingest):
    ingest()
    data = ask(client, "Is he a good fit for a senior role?").json()["data"]
    assert data["answer"].startswith("A CV states facts, not judgements")
    assert data["confidence"] < 0.55
    assert CVQuery.objects.get().answered is False


def test_a_spanish_question_is_answered_in_spanish(client, ingest):
    ingest()
    response = ask(client, "¿Qué idiomas habla?")
    data = response.json()["data"]
    assert data["answer"].startswith("Según el CV (página 3): ")
    assert "Urdu (native)" in data["answer"]  # the quote stays in the CV's language
    assert response["Content-Language"] == "es"


def test_a_spanish_refusal_is_in_spanish(client, ingest):
    ingest()
    data = ask(client, "¿Dónde hizo el doctorado?").json()["data"]
    assert data["answer"].startswith("El CV no lo dice")


def test_lang_in_the_query_string_decides_the_framing(client, ingest):
    ingest()
    data = ask(client, "What are his hobbies?", url=f"{URL}?lang=es").json()["data"]
    assert data["answer"].startswith("Según el CV (página 3): ")


def test_accept_language_decides_when_the_question_says_nothing(client, ingest):
    ingest()
    response = ask(client, "Kubernetes?", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert response["Content-Language"] == "es"
    # The question's own language wins over the browser's.
    response = ask(client, "What are his hobbies?", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["data"]["answer"].startswith("According to the CV")


def test_an_unsupported_lang_is_a_400_that_answers_nothing(client, ingest):
    ingest()
    response = client.post(
        f"{URL}?lang=xx", {"question": "Skills?"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert CVQuery.objects.count() == 0


def test_a_two_part_question_cites_both_pages(client, ingest):
    ingest()
    answer = ask(client, "Where did he study and what are his hobbies?").json()["data"]["answer"]
    assert "Lahore University of Management Sciences" in answer and "chess" in answer
    assert "(page 3)" in answer
