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


def test_contact_is_understood_in_spanish_too(seeded):
    answer = ask(knowledge_load(language="es"), "¿Cómo puedo contactarle?")
    assert answer.text.startswith("La mejor forma de contactar con Daniyal")
    assert "daniyal@example.com" in answer.text


def test_location_comes_from_the_profile(owner):
    assert ask(owner, "Where is he located?").text == "Daniyal's location: Remote."
    assert ask(owner, "Where is he based?").sources == [owner.profile.source()]


def test_location_in_spanish_reads_the_spanish_profile(seeded):
    answer = ask(knowledge_load(language="es"), "¿Dónde vive?")
    assert answer.text == "Ubicación de Daniyal: En remoto."


def test_availability_comes_from_the_profile_with_the_way_to_ask(owner):
    answer = ask(owner, "Is he available for freelance work?")
    assert answer.text.startswith(f"Daniyal's availability: {owner.profile.fields['availability']}")
    assert "contact form" in answer.text


def test_without_a_stated_availability_it_says_so_and_points_to_the_form(owner):
    owner.profile.fields["availability"] = ""
    answer = ask(owner, "Is he open to new opportunities?")
    assert "doesn't say whether Daniyal is available" in answer.text
    assert "contact form" in answer.text


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


def converse(knowledge, *questions):
    """Asks in turn, each answer seeing the exchanges before it, as the stored session does."""
    history, answers = [], []
    for question in questions:
        answer = offline_answer(question, knowledge, history=history)
        history.append({"message": question, "response": answer.text, "sources": answer.sources})
        answers.append(answer)
    return answers


def test_the_second_one_is_the_second_item_of_the_last_answer(owner):
    *_, answer = converse(owner, "What projects has he built?", "Tell me more about the second one")
    assert answer.text.startswith("Tool Explorer: Search and curate latest AI tools.")
    assert "kept current by scrapers" in answer.text  # the brief: more than the list said
    assert "Interactive Chatbot" not in answer.text
    assert [s["title"] for s in answer.sources] == ["Tool Explorer"]


def test_it_is_the_one_item_the_last_answer_was_about(owner):
    *_, answer = converse(owner, "What is the Mini Game?", "Is it on GitHub?")
    assert "https://github.com/daniyal/mini-game" in answer.text


def test_an_ambiguous_it_asks_which_one(owner):
    *_, answer = converse(owner, "What projects has he built?", "Tell me more about it")
    assert answer.text == (
        "Which one do you mean: Interactive Chatbot, Tool Explorer, RAG CV Chat or Mini Game?"
    )


def test_there_and_that_company_point_to_the_last_job_mentioned(owner):
    answers = converse(
        owner,
        "What did he do at Startup?",
        "Which technologies did he use there?",
        "Where did he work before that company?",
    )
    assert "Django, React, PostgreSQL, AWS" in answers[1].text
    assert answers[2].text.startswith("Before Startup, Daniyal worked as Software Engineer at")
    assert "Digital Agency" in answers[2].text


def test_without_history_a_follow_up_is_not_guessed(owner):
    answer = ask(owner, "Tell me more about the second one")
    assert "Tool Explorer" not in answer.text


def test_before_a_company_names_the_earlier_employer_not_that_company(owner):
    answer = ask(owner, "Where did he work before Tech Company?")
    assert answer.text.startswith(
        "Before Tech Company, Daniyal worked as Full Stack Developer at Startup (2022 - 2023)."
    )
    assert "Leading development" not in answer.text
    assert answer.sources[0]["title"] == "Full Stack Developer"


def test_after_a_company_names_the_next_employer(owner):
    answer = ask(owner, "What did he do after Digital Agency?")
    assert answer.text.startswith("After Digital Agency, Daniyal worked as Full Stack Developer")


def test_before_the_earliest_job_says_there_is_none(owner):
    answer = ask(owner, "Where did he work before Digital Agency?")
    assert "no job before Digital Agency" in answer.text
    assert "Startup" not in answer.text


@pytest.mark.parametrize(
    ("question", "company"),
    [
        ("What was his first job?", "Digital Agency"),
        ("Where does he work now?", "Tech Company"),
        ("What is his current role?", "Tech Company"),
        ("What is his most recent job?", "Tech Company"),
    ],
)
def test_first_current_and_latest_follow_the_dates(owner, question, company):
    first_line = ask(owner, question).text.splitlines()[0]
    assert company in first_line
    assert all(other not in first_line for other in {"Digital Agency", "Tech Company"} - {company})


def test_order_is_by_date_not_by_the_owners_display_order(owner):
    for experience in owner.experiences:  # shown newest first; reversing must change nothing
        experience.fields["order"] = 0
    owner.experiences.reverse()
    assert "Startup" in ask(owner, "Where did he work before Tech Company?").text.splitlines()[0]


def test_before_in_spanish_by_the_spanish_or_english_company_name(seeded):
    knowledge = knowledge_load(language="es")
    for company in ("Empresa tecnológica", "Tech Company"):
        answer = ask(knowledge, f"¿Dónde trabajó antes de {company}?")
        assert answer.text.startswith("Antes de ")
        assert "Desarrollador full stack en Startup" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Write me a Python function that reverses a string",
        "Can you write a SQL query for me?",
        "Who won the World Cup?",
        "What's the weather like today?",
        "Tell me a joke",
        "What is the capital of France?",
    ],
)
def test_off_topic_requests_are_declined_politely(owner, question):
    answer = ask(owner, question)
    assert answer.text.startswith("I'm here to answer questions about Daniyal's work")
    assert answer.sources == []


@pytest.mark.parametrize(
    "question", ["Escribe una función en Python", "¿Quién ganó el Mundial?", "Cuéntame un chiste"]
)
def test_off_topic_requests_are_declined_in_spanish(seeded, question):
    answer = ask(knowledge_load(language="es"), question)
    assert "no puedo ayudarte con eso" in answer.text


def test_a_greeting_is_answered_not_declined(owner):
    assert ask(owner, "Hi!").text.startswith("Hello! I'm the assistant on Daniyal's portfolio.")
    assert ask(owner, "Thanks!").text.startswith("You're welcome!")


def test_a_technology_used_in_a_job_is_found_although_it_is_no_listed_skill(owner):
    answer = ask(owner, "Has he worked with Django?")
    assert answer.text == "Daniyal has used Django as Full Stack Developer at Startup."


def test_names_and_pronouns_come_from_the_profile(owner):
    owner.profile.title = "Ana"
    owner.profile.fields["pronoun"] = "she"
    assert "You can also find her here" in ask(owner, "How can I contact her?").text
    assert ask(owner, "What is his tech stack?").text.startswith("Ana's tech stack:")
    owner.profile.fields["pronoun"] = "they"
    assert "They have used it as" in ask(owner, "Do they know Docker?").text
    owner.profile.fields["pronoun"] = ""
    answer = ask(owner, "Does he know Docker?")
    assert "Ana has used it as" in answer.text
    assert "Daniyal" not in answer.text


def test_a_year_finds_the_jobs_held_then(owner):
    answer = ask(owner, "What was his job in 2022?")
    assert answer.text.startswith("In 2022, Daniyal worked as:")
    assert "Startup" in answer.text and "Tech Company" not in answer.text


def test_a_year_without_a_job_says_so(owner):
    assert ask(owner, "Where did he work in 2015?").text == (
        "The portfolio lists no job for Daniyal in 2015."
    )


@pytest.mark.parametrize("question", ["Who does he work for?", "Is he currently employed?"])
def test_the_present_tense_asks_for_the_current_job(owner, question):
    assert ask(owner, question).text.startswith("Daniyal currently works as Senior Software")


def test_a_missing_phone_number_is_said_not_guessed(owner):
    answer = ask(owner, "Does he have a phone number?")
    assert answer.text.startswith("The portfolio lists no phone number for Daniyal.")
    assert "contact form" in answer.text


def test_a_vague_question_inside_a_conversation_is_not_declined(owner):
    *_, answer = converse(owner, "What projects has he built?", "Is that all?")
    assert "can't help with that" not in answer.text
