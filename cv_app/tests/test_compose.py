import re

from cv_app.services import NOT_COVERED, cv_answer_compose
from cv_app.text import sentences, tokenize, without_subject

PASSAGES = [
    {
        "filename": "cv.pdf",
        "page": 2,
        "score": 0.9,
        "content": "Work experience\nLead Backend Engineer at Nimbus Health, 2021 to present. "
        "Cut API latency by 40 percent by introducing Redis caching.",
    },
    {
        "filename": "cv.pdf",
        "page": 3,
        "score": 0.6,
        "content": "Education\nBSc in Computer Science, LUMS, 2018.\nHobbies: chess and running.",
    },
]


def test_the_offline_answer_quotes_the_sentence_sharing_the_questions_terms():
    answer, mode = cv_answer_compose(question="How did he reduce API latency?", passages=PASSAGES)
    assert mode == "offline"
    assert answer == (
        "According to the CV (page 2): Cut API latency by 40 percent by introducing Redis caching."
    )


def test_quotes_from_several_pages_name_each_page():
    answer, _ = cv_answer_compose(question="Redis caching and chess hobbies?", passages=PASSAGES)
    assert answer.startswith("According to the CV (page 2): Cut API latency")
    assert "On page 3: Hobbies: chess and running." in answer


def test_the_offline_answer_never_adds_words_of_its_own():
    answer, _ = cv_answer_compose(
        question="Where did he study computer science?", passages=PASSAGES
    )
    body = re.sub(r"According to the CV \(page \d+\): |On page \d+: ", "", answer)
    source_sentences = {s for p in PASSAGES for s in sentences(p["content"])}
    assert all(part.strip() in source_sentences for part in re.split(r"(?<=\.) ", body))


def test_headings_are_never_quoted_alone():
    answer, _ = cv_answer_compose(question="education?", passages=PASSAGES)
    assert "Education." not in answer
    assert "BSc in Computer Science" in answer  # "education" finds it through its synonyms


def test_nothing_to_quote_says_the_cv_does_not_cover_it():
    answer, _ = cv_answer_compose(question="Favourite colour?", passages=PASSAGES)
    assert answer == NOT_COVERED


def test_a_second_quote_must_be_nearly_as_good_as_the_first():
    highlights = [
        ("Cut API latency by 40 percent by introducing Redis caching.", 2, 0.62),
        ("Lead Backend Engineer at Nimbus Health, 2021 to present.", 2, 0.30),
    ]
    answer, _ = cv_answer_compose(
        question="How fast is the API now?", passages=PASSAGES, highlights=highlights
    )
    assert "Cut API latency" in answer
    assert "Nimbus" not in answer


def test_the_persons_name_is_taken_out_of_the_question_for_the_vectors():
    assert without_subject("Where did Daniyal study?", frozenset({"daniyal", "khan"})) == (
        "Where did they study?"
    )
    assert tokenize("Daniyal's projects", drop=frozenset({"daniyal"})) == ["project"]


def test_wrapped_pdf_lines_are_joined_into_sentences():
    text = (
        "Bachelor of Science in Computer Science, Lahore University of Management\n"
        "Sciences (LUMS), 2014 to 2018, graduated with distinction.\n"
        "Hobbies\n"
        "Chess and running."
    )
    assert sentences(text) == [
        "Bachelor of Science in Computer Science, Lahore University of Management "
        "Sciences (LUMS), 2014 to 2018, graduated with distinction.",
        "Hobbies",
        "Chess and running.",
    ]
