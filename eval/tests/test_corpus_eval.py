"""The harness's bookkeeping: the reliability table, the split headline, and the
hand-written CVs read in the corpus's terms."""

from eval.corpus_eval import Outcome, handwritten, headline, reliability


def outcome(confidence, *, correct, refused=False, refusable=False):
    return Outcome(
        "tuning", "cv", "pdf_single", "en", "q?", "en", "answerable", "t", refusable,
        "x", "answer", confidence, refused, correct, 10.0, [],
    )  # fmt: skip


def test_the_reliability_table_buckets_only_the_answers_given_by_confidence():
    rows = reliability(
        [
            outcome(0.55, correct=True),
            outcome(0.58, correct=False),
            outcome(0.93, correct=True),
            outcome(0.2, correct=False, refused=True),
        ]
    )

    assert rows == [
        "    0.5-0.6:    2 answers,  50.0% right",
        "    0.9-1.0:    1 answers, 100.0% right",
    ]


def test_the_headline_separates_answerable_questions_from_those_to_refuse():
    line = headline(
        [
            outcome(0.9, correct=True),
            outcome(0.9, correct=False),
            outcome(0.1, correct=True, refused=True, refusable=True),
        ]
    )

    assert line == "correct with right page  50.0% (1/2), refused 100.0% (1/1)"


def test_hand_written_questions_keep_one_part_per_expected_page():
    cvs = handwritten()
    questions = [q for cv in cvs for q in cv.questions]
    elena = {q.text: q for q in cvs[0].questions}
    parts = elena["Where did she do her master's and which certifications does she hold?"].parts

    assert len(cvs) == 3
    assert [(p.page, [f.value for f in p.facts]) for p in parts] == [
        (2, ["Delft University of Technology"]),
        (3, ["Certified Kubernetes Administrator"]),
    ]
    assert any(q.refusable for q in questions)
    assert all(cv.page_texts for cv in cvs)
