"""The offline responder on real questions about the seeded owner."""

import pytest

from chat_app.knowledge import knowledge_load
from chat_app.offline import offline_answer, stream_pieces

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(seeded):
    return knowledge_load(language="en")


def ask(knowledge, question):
    return offline_answer(question, knowledge)


def test_tech_stack_question_lists_the_skills(owner):
    answer = ask(owner, "What is his tech stack?")
    for skill in ["Python", "FastAPI", "LLMs", "PostgreSQL", "Next.js", "Docker", "CI/CD"]:
        assert skill in answer.text
    assert {s["type"] for s in answer.sources} == {"skill"}


def test_projects_question_names_and_describes_every_project(owner):
    answer = ask(owner, "Tell me about his projects")
    for name in ["Interactive Chatbot", "Tool Explorer", "RAG CV Chat", "Mini Game"]:
        assert name in answer.text
    assert "Homepage chatbot with avatar and voice" in answer.text
    assert "LLM, FastAPI, r3f" in answer.text
    assert len([s for s in answer.sources if s["type"] == "project"]) == 4


def test_experience_question_tells_roles_at_companies(owner):
    answer = ask(owner, "Where has he worked?")
    assert "Senior Software Engineer at Tech Company (2023 - Present)" in answer.text
    assert "Full Stack Developer at Startup" in answer.text
    assert "Software Engineer at Digital Agency" in answer.text


def test_contact_question_points_to_the_form_and_the_profile_links(owner):
    answer = ask(owner, "How can I contact him?")
    assert "contact form" in answer.text
    profile = owner.profile.fields
    assert profile["github"] in answer.text
    assert profile["linkedin"] in answer.text


def test_a_named_skill_is_confirmed_with_where_it_was_used(owner):
    answer = ask(owner, "Does he know Docker?")
    assert answer.text.startswith("Yes: Docker is one of Daniyal's skills")
    assert "Software Engineer at Digital Agency" in answer.text


def test_a_named_project_is_described(owner):
    answer = ask(owner, "What is the RAG CV Chat?")
    assert "RAG CV Chat: Ask my CV anything, grounded answers." in answer.text
    assert answer.sources[0]["type"] == "project"


def test_a_named_company_is_described(owner):
    answer = ask(owner, "What did he do at the Digital Agency?")
    assert "Developed custom web solutions and e-commerce platforms" in answer.text


def test_who_is_question_introduces_the_owner(owner):
    answer = ask(owner, "Who is Daniyal?")
    assert answer.text.startswith(f"Daniyal: {owner.profile.fields['headline']}")
    assert "Python" in answer.text


def test_an_unrelated_question_gets_an_honest_i_do_not_know(owner):
    answer = ask(owner, "What is his favourite pizza topping?")
    assert "I don't have information about that" in answer.text
    assert "contact form" in answer.text
    assert answer.sources == []


def test_spanish_questions_are_answered_in_spanish_from_the_spanish_content(seeded):
    knowledge = knowledge_load(language="es")
    answer = ask(knowledge, "¿Cuál es su experiencia laboral?")
    assert answer.text.startswith("Experiencia laboral de Daniyal:")
    assert "Ingeniero de software sénior en Empresa tecnológica" in answer.text


def test_the_answer_streams_word_by_word_and_reassembles_exactly(owner):
    text = ask(owner, "Tell me about his projects").text
    pieces = stream_pieces(text)
    assert len(pieces) > 10
    assert "".join(pieces) == text
