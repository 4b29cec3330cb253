"""The owner's side in the Django admin: the inbox, answering a group from its page,
the FAQ entries, and the dashboard's weekly share of questions answered."""

import json
import re

import pytest

from chat_app.models import ChatHistory
from faq_app.models import AskedQuestion, FAQEntry, QuestionGroup

pytestmark = pytest.mark.django_db

OWNER_WORDS = "No pets yet, but he would love a border collie."


@pytest.fixture
def refused(seeded, ask):
    ask("Does he have a dog?")
    ask("Does he have a pet dog?")
    return QuestionGroup.objects.get()


def test_the_inbox_lists_each_group_with_its_count_and_latest_wording(admin_client, refused):
    page = admin_client.get("/admin/faq_app/questiongroup/").content.decode()
    assert "Does he have a pet dog?" in page
    assert re.search(r">\s*2\s*<", page)


def test_a_groups_page_shows_its_questions_and_the_answers_given(admin_client, refused):
    page = admin_client.get(f"/admin/faq_app/questiongroup/{refused.pk}/change/").content.decode()
    assert "Does he have a dog?" in page and "Does he have a pet dog?" in page
    assert "I don&#x27;t have information about that" in page
    assert 'name="answer_en"' in page and 'name="answer_es"' in page


def test_answering_from_the_groups_page_publishes_an_faq_entry(admin_client, refused, ask):
    response = admin_client.post(
        f"/admin/faq_app/questiongroup/{refused.pk}/change/",
        {
            "answer_en": OWNER_WORDS,
            "answer_es": "",
            "questions-TOTAL_FORMS": "2",
            "questions-INITIAL_FORMS": "2",
            "questions-MIN_NUM_FORMS": "0",
            "questions-MAX_NUM_FORMS": "1000",
            **{
                f"questions-{i}-id": str(q.pk)
                for i, q in enumerate(refused.questions.order_by("-asked_at"))
            },
            **{f"questions-{i}-group": str(refused.pk) for i in range(2)},
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = FAQEntry.objects.get()
    assert entry.answer_en == OWNER_WORDS and entry.question_en == "Does he have a pet dog?"
    refused.refresh_from_db()
    assert refused.status == "answered" and refused.faq == entry
    assert ask("Does he have a dog?")["answer"] == OWNER_WORDS


def test_saving_a_group_without_an_answer_changes_nothing(admin_client, refused):
    admin_client.post(f"/admin/faq_app/questiongroup/{refused.pk}/change/", {"answer_en": ""})
    assert FAQEntry.objects.count() == 0
    assert QuestionGroup.objects.get().status == "open"


def test_the_owner_deletes_a_group_in_the_admin(admin_client, refused):
    response = admin_client.post(
        f"/admin/faq_app/questiongroup/{refused.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert QuestionGroup.objects.count() == 0 and AskedQuestion.objects.count() == 0


def test_faq_entries_have_their_own_admin_with_both_languages(admin_client):
    response = admin_client.post(
        "/admin/faq_app/faqentry/add/",
        {
            "question_en": "Is he on holiday?",
            "question_es": "¿Está de vacaciones?",
            "answer_en": "Back in May.",
            "answer_es": "Vuelve en mayo.",
            "status": "published",
        },
    )
    assert response.status_code == 302
    entry = FAQEntry.objects.get()
    assert entry.answer_es == "Vuelve en mayo."
    page = admin_client.get("/admin/faq_app/faqentry/").content.decode()
    assert "Is he on holiday?" in page


def test_the_dashboard_shows_the_share_of_questions_answered_per_week(admin_client, seeded, ask):
    ask("What projects has he built?")
    ask("Does he have a dog?")
    ask("What is his tech stack?")
    assert ChatHistory.objects.filter(answered=False).count() == 1
    page = admin_client.get("/admin/").content.decode()
    after = page[page.index('id="answered-weekly"') :]
    chart = json.loads(re.search(r'data-value="([^"]+)"', after).group(1).replace("&quot;", '"'))
    assert chart["datasets"][0]["data"][-1] == pytest.approx(66.7)
    assert "Unanswered questions, grouped: 1" in page
    assert "Does he have a dog?" in page[page.index('id="inbox-groups"') :]
