"""`GET /api/v1/faq` (public, cached) and `admin/faq[/<id>]` (staff)."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from faq_app.models import FAQEntry

pytestmark = pytest.mark.django_db

FAQ = "/api/v1/faq"
ADMIN = "/api/v1/admin/faq"


def entry(**fields):
    values = {
        "question_en": "Does he have a dog?",
        "answer_en": "No pets yet.",
        "question_es": "¿Tiene perro?",
        "answer_es": "Todavía no tiene mascotas.",
        **fields,
    }
    row = FAQEntry(**values)
    row.question, row.answer = values["question_en"], values["answer_en"]
    row.save()
    return row


def test_the_faq_lists_published_entries_in_the_visitors_language(client):
    shown = entry()
    entry(question_en="Draft?", answer_en="Not yet.", status="draft")
    entry(question_en="Later?", answer_en="Soon.", publish_at=timezone.now() + timedelta(days=1))
    english = client.get(FAQ).json()["data"]
    assert english == {
        "items": [
            {"id": str(shown.id), "question": "Does he have a dog?", "answer": "No pets yet."}
        ],
        "total": 1,
        "limit": 100,
        "offset": 0,
    }
    spanish = client.get(FAQ, {"lang": "es"})
    assert spanish["Content-Language"] == "es"
    assert spanish.json()["data"]["items"][0]["answer"] == "Todavía no tiene mascotas."


def test_a_missing_spanish_answer_reads_as_english(client):
    entry(answer_es="", question_es="")
    item = client.get(FAQ, {"lang": "es"}).json()["data"]["items"][0]
    assert item["answer"] == "No pets yet." and item["question"] == "Does he have a dog?"


def test_the_faq_is_cached_with_an_etag_and_follows_every_edit(client, django_assert_num_queries):
    row = entry()
    first = client.get(FAQ)
    with django_assert_num_queries(0):
        again = client.get(FAQ, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    row.answer_en = row.answer = "A cat now."
    row.save()
    assert client.get(FAQ).json()["data"]["items"][0]["answer"] == "A cat now."


def test_an_entry_scheduled_for_later_appears_when_its_time_comes(client):
    due = timezone.now() + timedelta(seconds=4)
    entry(publish_at=due)
    assert client.get(FAQ).json()["data"]["total"] == 0
    while timezone.now() <= due:  # no edit happens meanwhile: the cache must not hide it
        time.sleep(0.1)
    assert client.get(FAQ).json()["data"]["total"] == 1


def test_a_bad_language_or_page_is_a_400(client):
    assert client.get(FAQ, {"lang": "xx"}).status_code == 400
    assert client.get(FAQ, {"limit": 0}).status_code == 400


def test_staff_create_edit_and_delete_entries(client, staff_headers):
    body = {"question_en": "Is he on holiday?", "answer_en": "Back in May.", "status": "draft"}
    created = client.post(ADMIN, body, content_type="application/json", **staff_headers)
    assert created.status_code == 201
    entry_id = created.json()["data"]["id"]
    assert FAQEntry.objects.get().status == "draft"
    assert client.get(FAQ).json()["data"]["total"] == 0
    changed = client.patch(
        f"{ADMIN}/{entry_id}",
        {"status": "published", "answer_es": "Vuelve en mayo."},
        content_type="application/json",
        **staff_headers,
    )
    assert changed.status_code == 200
    assert client.get(FAQ, {"lang": "es"}).json()["data"]["items"][0]["answer"] == "Vuelve en mayo."
    listed = client.get(ADMIN, **staff_headers).json()["data"]
    assert listed["total"] == 1 and listed["items"][0]["answer_en"] == "Back in May."
    assert client.delete(f"{ADMIN}/{entry_id}", **staff_headers).status_code == 204
    assert FAQEntry.objects.count() == 0
    assert client.get(f"{ADMIN}/{entry_id}", **staff_headers).status_code == 404


def test_an_entry_needs_its_english_question_and_answer(client, staff_headers):
    for body in ({"question_en": "Q?"}, {"answer_en": "A."}, {"question_en": "", "answer_en": "A"}):
        response = client.post(ADMIN, body, content_type="application/json", **staff_headers)
        assert response.status_code == 400
    bad_status = {"question_en": "Q?", "answer_en": "A.", "status": "live"}
    response = client.post(ADMIN, bad_status, content_type="application/json", **staff_headers)
    assert response.status_code == 400 and "status" in response.json()["details"]
    assert FAQEntry.objects.count() == 0


def test_entries_are_for_staff_only(client, visitor_headers):
    row = entry()
    body = {"question_en": "Q?", "answer_en": "A."}
    assert client.get(ADMIN).status_code == 401
    assert client.post(ADMIN, body, content_type="application/json").status_code == 401
    assert client.get(ADMIN, **visitor_headers).status_code == 403
    assert client.delete(f"{ADMIN}/{row.id}", **visitor_headers).status_code == 403
    assert FAQEntry.objects.count() == 1
