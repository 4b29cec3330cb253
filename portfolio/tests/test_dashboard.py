"""The admin's front page shows what happened lately, read through each app's selectors."""

import inspect
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from chat_app.models import ChatHistory, LLMUsage
from contact_app.models import ContactSubmission
from cv_app.models import CVDocument, CVQuery
from portfolio import dashboard
from telemetry_app.models import TelemetryEvent

pytestmark = pytest.mark.django_db


def _chart(page, title):
    """The data of the first chart after a card title."""
    after = page[page.index(title) :]
    return json.loads(re.search(r'data-value="([^"]+)"', after).group(1).replace("&quot;", '"'))


@pytest.fixture
def activity(settings):
    settings.LLM_DAILY_BUDGET_USD = 2.0
    now = timezone.now()
    for session in ("a" * 32, "b" * 32):
        TelemetryEvent.objects.create(
            session_id=session, type="page_view", name="home", occurred_at=now
        )
    for text in ("Who are you?", "What do you build?", "Where?"):
        ChatHistory.objects.create(
            session_id="a" * 32, message=text, response="...", responder="offline"
        )
    LLMUsage.objects.create(model="m", provider="openai", purpose="chat", cost_usd=Decimal("0.5"))
    # Unanswered CV questions are listed once a CV exists (before, see below).
    CVDocument.objects.create(filename="cv.pdf", kind="pdf", file_size=1, content_hash="0")
    CVQuery.objects.create(
        question="Has he worked at Google?", answer="", confidence=0.2, answered=False
    )
    CVQuery.objects.create(question="Where did he study?", answer="Madrid", confidence=0.9)
    ContactSubmission.objects.create(name="Ana", email="ana@example.com", message="Let us talk")
    ContactSubmission.objects.create(
        name="Bot", email="bot@example.com", message="spam", is_spam=True
    )


def test_the_dashboard_charts_todays_visits_and_questions(admin_client, activity):
    page = admin_client.get("/admin/").content.decode()
    traffic = _chart(page, "Visits and chat questions")
    visits, questions = (dataset["data"] for dataset in traffic["datasets"])
    assert (visits[-1], questions[-1]) == (2, 3)
    assert len(traffic["labels"]) == 14


def test_the_dashboard_shows_spend_against_the_budget(admin_client, activity):
    page = admin_client.get("/admin/").content.decode()
    assert "$0.5000" in page and "of $2.00" in page
    assert "25%" in page
    spend, budget = _chart(page, "LLM spend today")["datasets"]
    assert (spend["data"][-1], budget["data"][-1]) == (0.5, 2.0)


def test_the_dashboard_lists_unanswered_cv_questions_and_waiting_messages(admin_client, activity):
    page = admin_client.get("/admin/").content.decode()
    gaps = page[page.index('id="cv-gaps"') :]
    assert "Has he worked at Google?" in gaps
    assert "Where did he study?" not in page
    assert "Contact messages waiting: 1" in page
    waiting = page[page.index('id="contact-waiting"') :].split("</ul>")[0]
    assert "Let us talk" in waiting and "Bot" not in waiting


def test_the_dashboard_view_reads_no_other_apps_models():
    assert ".models import" not in inspect.getsource(dashboard)


def _cv_card(page):
    return page[page.index('id="cv-gaps"') :].split("</ul>")[0]


def test_before_any_cv_the_card_says_so_and_counts_the_questions_the_content_answered(
    admin_client, client, seeded
):
    for question in ("Where did he work?", "What does he build?", "Which languages?"):
        response = client.post(
            "/api/v1/cv/query", {"question": question}, content_type="application/json"
        )
        assert response.json()["data"]["confidence"] == 0.0

    card = _cv_card(admin_client.get("/admin/").content.decode())

    assert "No CV uploaded yet: 3 CV questions were answered from the site" in card
    assert "every question found its answer" not in card
    assert "Where did he work?" not in card


def test_with_a_cv_and_nothing_unanswered_the_card_says_every_question_was_answered(
    admin_client,
):
    CVDocument.objects.create(filename="cv.pdf", kind="pdf", file_size=1, content_hash="0")
    CVQuery.objects.create(question="Where did he study?", answer="Madrid", confidence=0.9)

    card = _cv_card(admin_client.get("/admin/").content.decode())

    assert "None: every question found its answer in the CV." in card
    assert "No CV uploaded yet" not in card


def test_the_cv_card_reads_in_the_owners_language(admin_client):
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Todavía no se ha subido ningún CV: 0 preguntas sobre el CV" in _cv_card(page)
    assert "Preguntas sobre el CV que el asistente no pudo responder" in page


def test_a_spanish_owner_reads_the_dashboard_in_spanish(admin_client, activity):
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Gasto en LLM hoy" in page and "LLM spend today" not in page
    traffic = _chart(page, "Visitas y preguntas al chat")
    months = "Ene Feb Mar Abr May Jun Jul Ago Sep Oct Nov Dic".split()
    assert all(label.split()[0] in months for label in traffic["labels"])
