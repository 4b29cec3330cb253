"""Calibration of the CV chat's confidence: answerable and unrelated questions
against the sample CV, with the raw cosine, the confidence and the page cited.

    .venv/bin/python bench/cv_calibrate.py

The lowest answerable confidence and the highest unrelated one bracket
CV_CONFIDENCE_THRESHOLD.
"""

from cv_setup import setup_django


def main():
    setup_django()
    from cv_setup import ingest

    from cv_app.retrieval import retrieve
    from cv_app.tests.documents import (
        ANSWERABLE,
        HELDOUT_ANSWERABLE,
        HELDOUT_PAGES,
        NOT_COVERED,
        UNRELATED,
        pdf_bytes,
    )

    ingest(pdf_bytes(), "cv.pdf")

    def row(question, expected=None):
        result = retrieve(question=question)
        top = result.passages[0]
        best_cosine = max(p.cosine for p in result.passages)
        quote = top.highlights[0][0][:50] if top.highlights else ""
        mark = "" if expected is None else ("ok " if top.page == expected else "MISS")
        print(
            f"{result.confidence:6.3f}  cos={best_cosine:6.3f}  cov={top.coverage:4.2f}  "
            f"page={top.page} {mark:4}  {question:45} -> {quote}"
        )
        return result.confidence

    print("answerable")
    answerable = [row(q, page) for q, page in ANSWERABLE]
    print("unrelated")
    unrelated = [row(q) for q in UNRELATED]
    print("about the person, not in the CV")
    for question in NOT_COVERED:
        row(question)
    low, high = min(answerable), max(unrelated)
    print(f"\nlowest answerable {low:.3f}, highest unrelated {high:.3f}, gap {low - high:.3f}")
    print(f"midpoint {(low + high) / 2:.3f}")

    # A CV the constants were never tuned on: a newer upload becomes the active one.
    ingest(pdf_bytes(HELDOUT_PAGES), "maria_lopez_cv.pdf")
    print("\nheld-out CV, answerable")
    held = [row(q, page) for q, page in HELDOUT_ANSWERABLE]
    print("held-out CV, unrelated")
    held_unrelated = [row(q) for q in UNRELATED]
    print(
        f"\nheld-out: lowest answerable {min(held):.3f}, "
        f"highest unrelated {max(held_unrelated):.3f}"
    )


if __name__ == "__main__":
    main()
