"""The FAQ as the assistant's grounded source: on the socket, in mode "cv", on
cv/query, and with a model (the OpenAI-compatible server the tests start)."""

import json

import pytest
from channels.testing import WebsocketCommunicator

from chat_app.models import ChatHistory
from faq_app.grounding import faq_answer
from faq_app.models import AskedQuestion, FAQEntry, QuestionGroup
from faq_app.services import (
    asked_questions_group_pending,
    inbox_question_record,
    question_group_answer,
)
from portfolio.asgi import application

OWNER_WORDS = "No pets yet, but he would love a border collie."
OWNER_WORDS_ES = "Todavía no tiene mascotas, pero le encantaría un border collie."
FAQ_SOURCE_KEYS = {"type", "id", "question"}


def answered_group(question="Does he have a dog?", *, answer_es=OWNER_WORDS_ES):
    """A group of one refused question, answered by the owner."""
    from faq_app.services import asked_question_group

    asked = inbox_question_record(kind="home", text=question, language="en", reason="refused")
    group = asked_question_group(question_id=asked.pk)
    return question_group_answer(group_id=group.pk, answer_en=OWNER_WORDS, answer_es=answer_es)


@pytest.mark.django_db
def test_a_matching_question_gets_the_owners_words_and_an_faq_source(seeded):
    entry = answered_group()
    found = faq_answer(question="Does he have a dog?", language="en")
    assert found.text == OWNER_WORDS
    source = {"type": "faq", "id": str(entry.id), "question": "Does he have a dog?"}
    assert found.sources == [source]
    assert faq_answer(question="Does he have a dog?", language="es").text == OWNER_WORDS_ES
    assert faq_answer(question="What projects has he built?", language="en") is None


@pytest.mark.django_db
def test_a_draft_entry_answers_nothing(seeded):
    entry = answered_group()
    entry.status = FAQEntry.Status.DRAFT
    entry.save()
    assert faq_answer(question="Does he have a dog?", language="en") is None


@pytest.mark.django_db
def test_with_a_model_a_matching_question_still_gets_the_owners_words(seeded, ask, fake_model):
    answered_group()
    data = ask("Does he have a dog?")
    assert data["answer"] == OWNER_WORDS
    assert data["sources"][0]["type"] == "faq"
    assert fake_model.requests == []  # nothing to rephrase
    assert ChatHistory.objects.get().answered is True


@pytest.mark.django_db
def test_the_model_is_given_the_faq_and_its_quote_is_cited(seeded, ask, fake_model):
    entry = answered_group()
    fake_model.reply = f"About pets: {OWNER_WORDS}"
    data = ask("Tell me about his projects")
    system = fake_model.requests[0]["messages"][0]["content"]
    assert "Answers the owner wrote (FAQ)" in system and OWNER_WORDS in system
    faq = [s for s in data["sources"] if s["type"] == "faq"]
    assert faq == [{"type": "faq", "id": str(entry.id), "question": "Does he have a dog?"}]


@pytest.mark.django_db
def test_a_model_answer_the_offline_responder_could_not_ground_goes_to_the_inbox(
    seeded, ask, fake_model
):
    ask("Does he have a cat?")
    assert ChatHistory.objects.get().responder == "model"
    assert AskedQuestion.objects.get().reason == "refused"


@pytest.mark.django_db
def test_cv_mode_and_cv_query_give_the_owners_answer_too(seeded, ask, client):
    entry = answered_group()
    assert ask("Does he have a dog?", mode="cv")["answer"] == OWNER_WORDS
    response = client.post(
        "/api/v1/cv/query", {"question": "Does he have a dog?"}, content_type="application/json"
    )
    data = response.json()["data"]
    assert data["answer"] == OWNER_WORDS and data["confidence"] == 1.0
    assert data["sources"] == [
        {"type": "faq", "id": str(entry.id), "question": "Does he have a dog?"}
    ]
    assert data["answer_id"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_socket_done_frame_carries_the_answer_id_and_the_owners_words(seeded):
    from asgiref.sync import sync_to_async

    await sync_to_async(answered_group)()
    ws = WebsocketCommunicator(
        application, "/ws/chat?lang=es", headers=[(b"origin", b"http://localhost:3000")]
    )
    assert (await ws.connect())[0]
    await ws.send_to(text_data=json.dumps({"type": "message", "content": "Does he have a dog?"}))
    frames = []
    while not frames or frames[-1]["type"] not in ("done", "error"):
        frames.append(json.loads(await ws.receive_from(timeout=30)))
    done = frames[-1]
    assert done["type"] == "done"
    assert done["answer"] == OWNER_WORDS_ES
    assert "".join(f["content"] for f in frames if f["type"] == "token") == OWNER_WORDS_ES
    assert set(done["sources"][0]) == FAQ_SOURCE_KEYS
    row = await ChatHistory.objects.aget(pk=done["answer_id"])
    assert row.response == OWNER_WORDS_ES
    await ws.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_refusal_on_the_socket_reaches_the_inbox(seeded):
    from asgiref.sync import sync_to_async

    ws = WebsocketCommunicator(
        application, "/ws/chat", headers=[(b"origin", b"http://localhost:3000")]
    )
    assert (await ws.connect())[0]
    await ws.send_to(text_data=json.dumps({"type": "message", "content": "Does he have a dog?"}))
    done = None
    while done is None:
        frame = json.loads(await ws.receive_from(timeout=30))
        done = frame if frame["type"] == "done" else None
    await ws.disconnect()
    asked = await AskedQuestion.objects.aget()
    # Recorded with the answer; grouped (embedded) later, off the socket's path.
    assert str(asked.answer_id) == done["answer_id"] and asked.group_id is None
    assert await sync_to_async(asked_questions_group_pending)() == 1
    assert await QuestionGroup.objects.acount() == 1


@pytest.mark.django_db
def test_a_worker_that_missed_the_cache_bump_still_gives_the_owners_answer(seeded):
    from django.core.cache import cache

    from faq_app.selectors import CACHE_NAMESPACE
    from portfolio.api.caching import current_version, version_key

    assert faq_answer(question="Does he have a dog?", language="en") is None
    before = current_version(CACHE_NAMESPACE)
    answered_group()
    # Another process's local-memory cache never saw this one's bump.
    cache.set(version_key(CACHE_NAMESPACE), before, timeout=None)
    assert faq_answer(question="Does he have a dog?", language="en").text == OWNER_WORDS
