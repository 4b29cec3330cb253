"""Text helpers the answers and the retrieval share (kept from the deleted
passage-composition tests, whose subject was cv_answer_compose)."""

from cv_app.text import sentences, tokenize, without_subject


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
