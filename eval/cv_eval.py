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
- p50 latency of an offline answer after the model is loaded (second pass).
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "eval")]
os.environ["OPENAI_API_KEY"] = ""  # the offline responder is what is measured

from cv_setup import ingest, setup_django  # noqa: E402

PAGE = re.compile(r"\b(?:page|página)\s+(\d+)", re.I)


def cited_pages(answer: str) -> set[int]:
    return {int(n) for n in PAGE.findall(answer)}


def quoted_parts(answer: str) -> list[str]:
    body = re.sub(r"(?:According to the CV|Según el CV) \((?:page|página) \d+\):", "|", answer)
    body = re.sub(r"(?:On page|En la página) \d+:", "|", body)
    body = re.sub(r"The CV doesn't say anything about the other part of the question\.", "", body)
    body = re.sub(r"El CV no dice nada sobre la otra parte de la pregunta\.", "", body)
    return [p.strip() for p in re.split(r"\||(?<=[.])\s+", body) if p.strip()]


def normalise(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text).lower().strip()


def run(verbose=False) -> int:
    setup_django()
    from cv_app.index import cv_index
    from cv_app.models import CVDocument
    from cv_app.services import cv_query_answer
    from cv_cases import cases

    totals = {
        k: 0
        for k in "answerable correct right_page refusable refused invented two_part two_ok "
        "spanish spanish_ok".split()
    }
    latencies = []
    for label, filename, data, questions in cases():
        document = ingest(data, filename)
        cv_index.clear()
        cv_text = normalise("\n".join(c.text for c in document.chunks.all()))
        # Warm the sentence caches once, as a running process would have.
        for item in questions["answerable"]:
            cv_query_answer(question=item[0])
        scores = dict.fromkeys(totals, 0)

        def ask(question, language=None):
            started = time.perf_counter()
            result = cv_query_answer(question=question, language=language)
            latencies.append((time.perf_counter() - started) * 1000)
            if not answered(result):
                return result
            for part in quoted_parts(result["answer"]):
                if normalise(part) not in cv_text:
                    scores["invented"] += 1
                    if verbose:
                        print(f"      not in the CV: {part!r}")
            return result

        def answered(result):
            from cv_app.models import CVQuery

            return CVQuery.objects.order_by("-timestamp").first().answered

        def check(group, question, facts, pages, counter, ok_counter):
            result = ask(question)
            text = result["answer"]
            has_facts = all(f.lower() in text.lower() for f in facts)
            has_pages = set(pages) <= cited_pages(text)
            good = answered(result) and has_facts and has_pages
            scores[counter] += 1
            scores[ok_counter] += int(good)
            if group == "answerable":
                scores["right_page"] += int(answered(result) and has_pages)
            if group == "spanish" and good:
                good = text.startswith("Según el CV")
                scores[ok_counter] -= int(not good)
            if verbose or not good:
                mark = "ok " if good else "BAD"
                print(f"  {mark} [{group}] {question} -> {result['confidence']:.2f} {text[:200]}")

        for question, facts, pages in questions["answerable"]:
            check("answerable", question, facts, pages, "answerable", "correct")
        for group in ("unanswerable", "false_premise"):
            for question in questions[group]:
                result = ask(question)
                refused = not answered(result)
                scores["refusable"] += 1
                scores["refused"] += int(refused)
                scores["invented"] += int(not refused)
                if verbose or not refused:
                    mark = "ok " if refused else "BAD"
                    print(
                        f"  {mark} [{group}] {question} -> {result['confidence']:.2f} {result['answer'][:200]}"
                    )
        for question, facts, pages in questions["two_part"]:
            check("two_part", question, facts, pages, "two_part", "two_ok")
        for question, facts, pages in questions["spanish"]:
            check("spanish", question, facts, pages, "spanish", "spanish_ok")
        print(f"{label} ({filename}): {summary(scores)}")
        for key in totals:
            totals[key] += scores[key]
        CVDocument.objects.all().delete()

    print(f"ALL: {summary(totals)}")
    p50 = statistics.median(latencies) if latencies else 0.0
    print(f"offline CV answer latency p50 {p50:.1f} ms over {len(latencies)} questions")
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
