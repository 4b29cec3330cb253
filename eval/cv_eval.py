"""`make eval`, the CV side: question sets of our own against the running code.

    .venv/bin/python eval/cv_eval.py [--verbose]

Three CVs written for this (eval/cv_cases.py: a single-column PDF, a two-column
PDF with dates in table cells, a DOCX with heading styles, a table and page
breaks) are uploaded through the real services into a throwaway SQLite database
and media folder, embedded with the local model, and asked their questions with
no model configured (the offline responder). Printed per CV and overall:

- answerable: correct % (every expected fact quoted and every expected page cited)
  and right-page %;
- unanswerable and false-premise: refusal %;
- invented facts: answers to questions the CV cannot answer, plus quoted text that
  is not in the CV;
- two-part: both parts and both pages;
- Spanish: answered correctly, with the framing in Spanish;
- p50 latency of an offline answer after the model is loaded (second pass), and
  of the query embedding alone (the part that depends on the CPU's load).
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ["OPENAI_API_KEY"] = ""  # the offline responder is what is measured

PAGE = re.compile(r"\b(?:page|página)\s+(\d+)", re.I)
FRAMING = re.compile(
    r"(?:According to the CV|Según el CV) \((?:page|página) \d+\):|(?:On page|En la página) \d+:"
    r"|The CV doesn't say anything about the other part of the question\."
    r"|El CV no dice nada sobre la otra parte de la pregunta\."
)
COUNTERS = (
    "answerable correct right_page refusable refused invented two_part two_ok spanish spanish_ok"
)


def cited_pages(answer: str) -> set[int]:
    return {int(n) for n in PAGE.findall(answer)}


def normalise(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text).lower().strip()


class CVRun:
    """One CV's questions through cv_query_answer, with the counts they earn."""

    def __init__(self, cv_text, verbose, latencies, confidences):
        self.cv_text = cv_text
        self.verbose = verbose
        self.latencies = latencies
        # (confidence, answered) of every question, to show how the two separate.
        self.confidences = confidences
        self.scores = dict.fromkeys(COUNTERS.split(), 0)

    def ask(self, question):
        from cv_app.models import CVQuery
        from cv_app.services import cv_query_answer

        started = time.perf_counter()
        result = cv_query_answer(question=question)
        self.latencies.append((time.perf_counter() - started) * 1000)
        answered = CVQuery.objects.order_by("-timestamp").first().answered
        self.confidences.append((result["confidence"], answered))
        if answered:
            # Everything but the framing must be the CV's own words.
            parts = FRAMING.split(result["answer"])
            for part in (s for p in parts for s in re.split(r"(?<=\.)\s+(?=\S)", p)):
                if part.strip() and normalise(part) not in self.cv_text:
                    self.scores["invented"] += 1
                    print(f"      not in the CV: {part.strip()!r}")
        return result, answered

    def expect(self, group, question, facts, pages):
        result, answered = self.ask(question)
        text = result["answer"]
        has_pages = set(pages) <= cited_pages(text)
        good = answered and has_pages and all(f.lower() in text.lower() for f in facts)
        if group == "spanish":
            good = good and text.startswith("Según el CV")
        counter, ok = {
            "answerable": ("answerable", "correct"),
            "two_part": ("two_part", "two_ok"),
            "spanish": ("spanish", "spanish_ok"),
        }[group]
        self.scores[counter] += 1
        self.scores[ok] += int(good)
        if group == "answerable":
            self.scores["right_page"] += int(answered and has_pages)
        self.show(good, group, question, result)

    def refuse(self, group, question):
        result, answered = self.ask(question)
        self.scores["refusable"] += 1
        self.scores["refused"] += int(not answered)
        self.scores["invented"] += int(answered)
        self.show(not answered, group, question, result)

    def show(self, good, group, question, result):
        if self.verbose or not good:
            mark = "ok " if good else "BAD"
            print(f"  {mark} [{group}] {question} -> {result['confidence']:.2f} {result['answer']}")


def run(verbose=False) -> int:
    from cv_setup import ingest, setup_django

    setup_django()
    from cv_app.embeddings import embed_query
    from cv_app.index import cv_index
    from cv_app.models import CVDocument
    from cv_app.services import cv_query_answer
    from eval.cv_cases import cases

    totals = dict.fromkeys(COUNTERS.split(), 0)
    latencies, embedding, confidences = [], [], []
    for label, filename, data, questions in cases():
        document = ingest(data, filename)
        cv_index.clear()
        cv_text = normalise("\n".join(c.text for c in document.chunks.all()))
        # Warm the caches once, as a running process would have.
        for question, *_ in questions["answerable"]:
            cv_query_answer(question=question)
        one = CVRun(cv_text, verbose, latencies, confidences)
        for group in ("answerable", "two_part", "spanish"):
            for question, facts, pages in questions[group]:
                one.expect(group, question, facts, pages)
        for group in ("unanswerable", "false_premise"):
            for question in questions[group]:
                one.refuse(group, question)
        for question, *_ in questions["answerable"]:
            started = time.perf_counter()
            embed_query(question)
            embedding.append((time.perf_counter() - started) * 1000)
        print(f"{label} ({filename}): {summary(one.scores)}")
        for key in totals:
            totals[key] += one.scores[key]
        CVDocument.objects.all().delete()

    print(f"ALL: {summary(totals)}")
    given = [c for c, answered in confidences if answered]
    refused = [c for c, answered in confidences if not answered]
    if given and refused:
        print(
            f"confidence: answers {min(given):.2f}-{max(given):.2f}, "
            f"refusals {min(refused):.2f}-{max(refused):.2f}"
        )
    print(
        f"offline CV answer latency p50 {statistics.median(latencies):.1f} ms over "
        f"{len(latencies)} questions (query embedding alone p50 "
        f"{statistics.median(embedding):.1f} ms)"
    )
    return 0


def summary(s) -> str:
    def pct(a, b):
        return f"{100 * a / b:.0f}%" if b else "n/a"

    return (
        f"answerable correct {pct(s['correct'], s['answerable'])} "
        f"({s['correct']}/{s['answerable']}), right page {pct(s['right_page'], s['answerable'])}, "
        f"refused {pct(s['refused'], s['refusable'])} ({s['refused']}/{s['refusable']}), "
        f"invented facts {s['invented']}, two-part {s['two_ok']}/{s['two_part']}, "
        f"Spanish answered {s['spanish_ok']}/{s['spanish']}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    sys.exit(run(**vars(parser.parse_args())))
