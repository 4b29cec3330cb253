"""The loop through the API: refused, low-confidence and unhelpful questions reach the
owner's inbox, grouped with their rewordings; answering a group once makes the
assistant give the owner's words, with an `faq` source, in English and Spanish."""

import pytest

from chat_app.models import ChatHistory
from faq_app.models import AskedQuestion, FAQEntry, QuestionGroup
from faq_app.tests.conftest import INBOX, REFUSED

pytestmark = pytest.mark.django_db

OWNER_WORDS = "No pets yet, but he would love a border collie."
OWNER_WORDS_ES = "Todavía no tiene mascotas, pero le encantaría un border collie."


def test_a_refused_question_and_its_rewording_are_one_group_in_the_inbox(seeded, ask, inbox):
    first = ask("Does he have a dog?")
    assert first["answer"].startswith(REFUSED)
    ask("Does he have a pet dog?")
    data = inbox()
    assert data["total"] == 1
    (group,) = data["items"]
    assert group["count"] == 2
    assert group["question"] == "Does he have a pet dog?"
    assert group["language"] == "en" and group["kind"] == "home"
    assert group["status"] == "open" and group["last_asked"]
    reasons = set(AskedQuestion.objects.values_list("reason", flat=True))
    assert reasons == {"refused"}


def test_different_questions_are_different_groups(seeded, ask, inbox):
    ask("Does he have a dog?")
    ask("What is his salary expectation?")
    assert inbox()["total"] == 2


def test_a_low_confidence_answer_reaches_the_inbox(seeded, ask, inbox):
    answer = ask("Does he own any pets?")
    assert not answer["answer"].startswith(REFUSED)  # a guess from shared words
    assert AskedQuestion.objects.get().reason == "low_confidence"
    assert inbox()["items"][0]["question"] == "Does he own any pets?"
    assert ChatHistory.objects.get().answered is False


def test_an_answer_marked_unhelpful_reaches_the_inbox_once(seeded, ask, inbox, feedback):
    answer = ask("What is his tech stack?")
    assert AskedQuestion.objects.count() == 0
    response = feedback(answer["answer_id"], False, comment="Too vague")
    assert response.status_code == 201
    question = AskedQuestion.objects.get()
    assert question.reason == "unhelpful" and question.text == "What is his tech stack?"
    assert inbox()["items"][0]["count"] == 1


def test_answered_and_declined_questions_stay_out_of_the_inbox(seeded, ask, inbox):
    ask("What projects has he built?")
    ask("What's the weather like in Paris?")
    assert inbox()["total"] == 0
    assert AskedQuestion.objects.count() == 0


def test_spanish_questions_are_kept_with_their_language(seeded, ask, inbox):
    ask("¿Cuál es su color favorito?")
    (group,) = inbox()["items"]
    assert group["language"] == "es"


def test_answering_a_group_makes_the_assistant_quote_the_owner_for_each_wording(
    seeded, ask, inbox, answer_group
):
    ask("Does he have a dog?")
    ask("Does he have a pet dog?")
    group_id = inbox()["items"][0]["id"]
    response = answer_group(group_id, answer_en=OWNER_WORDS, answer_es=OWNER_WORDS_ES)
    assert response.status_code == 201
    entry = FAQEntry.objects.get()
    assert response.json()["data"]["id"] == str(entry.id)
    assert entry.answer_en == OWNER_WORDS and entry.status == "published"
    assert QuestionGroup.objects.get().status == "answered"
    assert inbox(status="open")["total"] == 0
    for wording in ("Does he have a dog?", "Does he have a pet dog?", "does he have a DOG"):
        data = ask(wording)
        assert data["answer"] == OWNER_WORDS
        assert data["sources"] == [
            {"type": "faq", "id": str(entry.id), "question": "Does he have a pet dog?"}
        ]
    spanish = ask("Does he have a dog?", lang="es")
    assert spanish["answer"] == OWNER_WORDS_ES
    # Answered questions do not come back to the inbox.
    assert AskedQuestion.objects.count() == 2


def test_a_rewording_never_seen_gets_the_owners_answer_by_meaning(seeded, ask, inbox, answer_group):
    ask("Does he have a dog?")
    answer_group(inbox()["items"][0]["id"], answer_en=OWNER_WORDS)
    assert ask("Has he got a dog?")["answer"] == OWNER_WORDS
    assert ask("What projects has he built?")["answer"] != OWNER_WORDS


def test_without_a_spanish_answer_spanish_visitors_get_the_english_one(
    seeded, ask, inbox, answer_group
):
    ask("Does he have a dog?")
    answer_group(inbox()["items"][0]["id"], answer_en=OWNER_WORDS)
    assert ask("Does he have a dog?", lang="es")["answer"] == OWNER_WORDS


def test_answering_needs_an_english_answer(seeded, ask, inbox, answer_group):
    ask("Does he have a dog?")
    group_id = inbox()["items"][0]["id"]
    for body in ({}, {"answer_en": ""}, {"answer_en": "x" * 4001}, {"answer_en": "ok", "x": 1}):
        response = answer_group(group_id, **body)
        assert response.status_code == 400
        assert response.json()["success"] is False
    assert FAQEntry.objects.count() == 0
    assert QuestionGroup.objects.get().status == "open"


def test_answering_an_unknown_group_is_a_404(db, answer_group):
    response = answer_group("5b0e4f3c-4d1e-4b7a-9f6e-2a8d5c3b1a00", answer_en=OWNER_WORDS)
    assert response.status_code == 404
    assert FAQEntry.objects.count() == 0


def test_the_owner_deletes_a_group_and_its_questions(seeded, ask, inbox, client, staff_headers):
    ask("Does he have a dog?")
    group_id = inbox()["items"][0]["id"]
    response = client.delete(f"{INBOX}/{group_id}", **staff_headers)
    assert response.status_code == 204
    assert QuestionGroup.objects.count() == 0 and AskedQuestion.objects.count() == 0
    assert client.delete(f"{INBOX}/{group_id}", **staff_headers).status_code == 404


def test_the_inbox_is_for_staff_only(seeded, ask, client, visitor_headers, answer_group):
    ask("Does he have a dog?")
    group_id = QuestionGroup.objects.get().pk
    assert client.get(INBOX).status_code == 401
    assert client.get(INBOX, **visitor_headers).status_code == 403
    body = {"answer_en": OWNER_WORDS}
    url = f"{INBOX}/{group_id}/answer"
    assert client.post(url, body, content_type="application/json").status_code == 401
    forbidden = client.post(url, body, content_type="application/json", **visitor_headers)
    assert forbidden.status_code == 403
    assert client.delete(f"{INBOX}/{group_id}", **visitor_headers).status_code == 403
    assert QuestionGroup.objects.get().status == "open"


def test_a_bad_page_or_status_is_a_400(db, client, staff_headers):
    assert client.get(INBOX, {"limit": 500}, **staff_headers).status_code == 400
    assert client.get(INBOX, {"status": "closed"}, **staff_headers).status_code == 400
