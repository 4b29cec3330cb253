"""Offline answer selection and its confidence, on a structure (no vectors needed)."""

# ruff: noqa: RUF001 - CVs write date ranges with en dashes, and so does this data.

import pytest

from cv_app.answering import Answerer, plan_question, split_question
from cv_app.chunking import split_structure
from cv_app.language import detect_language, to_english, untranslated
from cv_app.parsing import Line
from cv_app.services import format_quotes
from cv_app.structure import build_structure

CV = [
    ("Noor Haddad", 1),
    ("Data engineer | Lisbon, Portugal | noor@example.org", 1),
    ("EXPERIENCE", 1),
    ("Lead Data Engineer — Tidewave Energy, Lisbon", 1),
    ("May 2020 – Present", 1),
    ("• Built the metering pipeline that processes 3 billion readings a month.", 1),
    ("• Mentors four engineers.", 1),
    ("Data Engineer — Lusitech, Porto", 1),
    ("2017 – 2020", 1),
    ("• Migrated 60 Hadoop jobs to Spark.", 1),
    ("Junior Analyst — Banco Atlântico, Porto", 2),
    ("2015 – 2017", 2),
    ("• Wrote the monthly risk reports in SQL.", 2),
    ("EDUCATION", 2),
    ("MSc in Data Science — University of Porto", 2),
    ("2013 – 2015", 2),
    ("BSc in Mathematics — University of Coimbra", 2),
    ("2010 – 2013", 2),
    ("SKILLS", 2),
    ("Python, Spark, Airflow, Kafka, dbt", 2),
    ("CERTIFICATIONS", 2),
    ("Google Cloud Professional Data Engineer, 2021", 2),
    ("LANGUAGES", 2),
    ("Arabic (native), Portuguese (fluent), English (fluent)", 2),
]


@pytest.fixture(scope="module")
def answerer():
    structure = build_structure([Line(text, page) for text, page in CV])
    return Answerer(structure, split_structure(structure), frozenset({"noor", "haddad"}))


def ask(answerer, question, **plan):
    english = to_english(question) if detect_language(question) == "es" else question
    unknown = untranslated(question) if detect_language(question) == "es" else frozenset()
    return answerer.answer(plan_question(english, frozenset({"noor"}), unknown=unknown), {})


def quoted(result):
    return " ".join(text for text, _ in result.quotes)


def test_when_gets_the_dates_line_with_its_entry(answerer):
    result = ask(answerer, "When did Noor start at Tidewave Energy?")
    assert result.answered
    assert quoted(result) == "Lead Data Engineer — Tidewave Energy, Lisbon May 2020 – Present"


def test_what_did_she_do_at_gets_the_whole_entry(answerer):
    text = quoted(ask(answerer, "What did she do at Lusitech?"))
    assert "Data Engineer — Lusitech" in text
    assert "2017 – 2020" in text and "Migrated 60 Hadoop jobs" in text


def test_first_and_current_follow_the_dates(answerer):
    assert quoted(ask(answerer, "What was her first job title?")).startswith("Junior Analyst")
    assert quoted(ask(answerer, "What is her current job?")).startswith("Lead Data Engineer")


def test_a_period_finds_the_employer_of_that_time(answerer):
    result = ask(answerer, "Who was her employer between 2016 and 2017?")
    assert "Banco Atlântico" in quoted(result)
    assert [page for _, page in result.quotes] == [2, 2]


def test_a_degree_level_finds_that_degree_and_not_the_other(answerer):
    text = quoted(ask(answerer, "Where did she do her master's?"))
    assert "University of Porto" in text and "Coimbra" not in text


def test_a_list_question_gets_the_whole_list(answerer):
    assert quoted(ask(answerer, "What are her skills?")) == "Python, Spark, Airflow, Kafka, dbt"
    assert "Arabic" in quoted(ask(answerer, "Which languages does she speak?"))


def test_a_number_question_quotes_the_line_with_its_entry(answerer):
    text = quoted(ask(answerer, "How many readings does the pipeline process?"))
    assert "3 billion readings" in text and text.startswith("Lead Data Engineer")


@pytest.mark.parametrize(
    "question",
    [
        "Where did she do her PhD?",
        "What was her GPA?",
        "When did she work at Google?",  # Google is only in a certificate's name
        "What did she do at Amazon?",
        "Does she know Rust?",
        "Is she married?",
        "What is the capital of France?",
    ],
)
def test_false_premises_and_missing_facts_are_refused_with_low_confidence(answerer, question):
    result = ask(answerer, question)
    assert not result.answered
    assert result.confidence <= 0.2


def test_an_answer_that_holds_what_was_asked_scores_high(answerer):
    assert ask(answerer, "When did Noor start at Tidewave Energy?").confidence >= 0.8
    assert ask(answerer, "What are her skills?").confidence >= 0.8


def test_two_part_questions_are_split_at_the_second_question():
    assert split_question("Where did she study and which languages does she speak?") == [
        "Where did she study",
        "which languages does she speak",
    ]
    assert split_question("Does she know Python and Spark?") == ["Does she know Python and Spark?"]


def test_spanish_questions_are_understood(answerer):
    assert detect_language("¿Dónde estudió el máster?") == "es"
    assert detect_language("What are her skills?") == "en"
    assert to_english("¿Qué idiomas habla?") == "what languages speak?"
    assert "University of Porto" in quoted(ask(answerer, "¿Dónde estudió el máster?"))
    assert "May 2020" in quoted(ask(answerer, "¿Cuándo empezó en Tidewave Energy?"))
    assert "Arabic" in quoted(ask(answerer, "¿Qué idiomas habla?"))
    assert not ask(answerer, "¿Está casada?").answered


def test_quotes_are_framed_per_page_in_the_visitors_language():
    quotes = [("Engineer — Acme\n2019 – 2021", 1), ("Python, Go", 2)]
    assert format_quotes(quotes) == (
        "According to the CV (page 1): Engineer — Acme 2019 – 2021. On page 2: Python, Go."
    )
    assert format_quotes(quotes, "es").startswith("Según el CV (página 1): ")
