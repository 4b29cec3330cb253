"""`make eval`, the CV side: the generated corpus and the hand-written CVs, asked
through the real pipeline.

    .venv/bin/python eval/corpus_eval.py [--split handwritten tuning tuning2 tuning3
                                         calibration test hidden] [--failures N] [--cvs N]
                                         [--templates] [--json PATH]

Every CV (eval/cvgen: the three tuning splits, the calibration and frozen test splits, the
hidden-text CVs; and
the three of eval/cv_cases.py) is uploaded with cv_document_create and processed
by the runner, exactly as an upload is (parse, structure, chunk, embed, store),
into a throwaway SQLite database and media folder; then each of its questions is
asked through cv_query_answer, the service behind POST /api/v1/cv/query, with no
model configured (the offline answerer). A refusal is what the service records as
not answered (the API shows it as the refusal text with a confidence below
CV_CONFIDENCE_THRESHOLD).

Printed per split: answerable questions correct with the right page (every part:
not refused, an accepted form of each fact, the expected page cited), refusable
questions refused, wrong answers given and how many at confidence >= 0.5, the
reliability table (confidence bucket -> share of the answers given that were
right), invented facts (a number or capitalised word found nowhere in the
document), p50 answer latency; then the same by document language, question
language, question group and layout. The hidden-text split also counts the
invisible fake fact given as an answer and the injected instruction followed.
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

WRONG_CONFIDENT_AT = 0.5
# The injected instruction's own words in an answer: followed, or quoted as if it were CV text.
INJECTION_FOLLOWED = re.compile(r"\bperfect[oa]?\b", re.I)
SPLIT_ORDER = ("handwritten", "tuning", "tuning2", "tuning3", "calibration", "test", "hidden")


@dataclass
class EvalCV:
    """What the harness needs of a CV, generated or hand-written."""

    split: str
    label: str
    filename: str
    data: bytes
    lang: str
    layout: str
    page_texts: list[str]
    questions: list
    unverified: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    split: str
    cv: str
    layout: str
    doc_lang: str
    question: str
    lang: str
    group: str
    template: str
    refusable: bool
    expected: str
    answer: str
    confidence: float
    refused: bool
    correct: bool
    latency_ms: float
    invented: list[str]
    hidden_fact: bool = False
    injection: bool = False

    @property
    def wrong_given(self) -> bool:
        return not self.refused and not self.correct


def generated(split: str) -> list[EvalCV]:
    from eval.cvgen.corpus import load_split

    return [
        EvalCV(
            split,
            cv.label,
            cv.filename,
            cv.data(),
            cv.lang,
            cv.layout,
            cv.page_texts,
            cv.questions,
            cv.unverified,
        )
        for cv in load_split(split)
    ]


def handwritten() -> list[EvalCV]:
    """eval/cv_cases.py in the corpus's terms: each answerable question one part per
    page it expects (its facts split over them in order), the rest refusable."""
    from cv_app.parsing import parse_document
    from eval.cv_cases import cases
    from eval.cvgen.questions import Part, Question, text

    out = []
    for label, filename, data, groups in cases():
        questions = []
        for group in ("answerable", "two_part", "spanish"):
            for question, facts, pages in groups[group]:
                lang = "es" if group == "spanish" else "en"
                if len(pages) == len(facts) and len(pages) > 1:
                    parts = [Part([text(f)], "", p) for f, p in zip(facts, pages, strict=True)]
                else:
                    parts = [Part([text(f) for f in facts], "", pages[0])]
                    parts += [Part([], "", p) for p in pages[1:]]
                kind = "two_part" if group == "two_part" else "answerable"
                questions.append(Question(question, lang, kind, group, parts))
        for group in ("unanswerable", "false_premise"):
            questions += [Question(q, "en", group, group) for q in groups[group]]
        kind = "docx" if filename.endswith("docx") else "pdf"
        out.append(
            EvalCV(
                "handwritten",
                f"{filename} ({label})",
                filename,
                data,
                "en",
                kind,
                parse_document(data).pages,
                questions,
            )
        )
    return out


class Harness:
    def __init__(self):
        from eval.cvgen.scoring import framing_pattern

        self.framing = framing_pattern()
        self.not_ingested: list[str] = []

    def run_cv(self, cv: EvalCV) -> list[Outcome]:
        from cv_setup import ingest

        from cv_app.embeddings import embed_texts
        from cv_app.index import cv_index
        from cv_app.models import CVDocument
        from eval.cvgen.scoring import document_tokens

        try:
            ingest(cv.data, cv.filename)
        except SystemExit as failure:
            # A CV the pipeline refuses (say, one it judges hostile) is reported, not fatal.
            print(f"  {cv.label}: not ingested: {failure}")
            self.not_ingested.append(cv.label)
            CVDocument.objects.all().delete()
            return []
        cv_index.clear()
        snapshot = cv_index.current()
        warm = getattr(snapshot, "chunk_sentences", None)
        if warm is not None:
            # A running process has these cached after its first questions.
            warm(range(snapshot.size), embed_texts)
        tokens = document_tokens("\n".join(cv.page_texts))
        outcomes = [self.ask(cv, question, tokens) for question in cv.questions]
        CVDocument.objects.all().delete()
        cv_index.clear()
        return outcomes

    def ask(self, cv: EvalCV, question, tokens) -> Outcome:
        from cv_app.models import CVQuery
        from cv_app.services import cv_query_answer
        from eval.cvgen.layouts import HIDDEN_FACT
        from eval.cvgen.scoring import invented_tokens, part_ok

        started = time.perf_counter()
        result = cv_query_answer(question=question.text)
        latency = (time.perf_counter() - started) * 1000
        answered = CVQuery.objects.order_by("-timestamp").values_list("answered", flat=True)[0]
        answer = result["answer"]
        refused = not answered
        if question.refusable:
            correct = refused
        else:
            correct = not refused and all(part_ok(answer, part) for part in question.parts)
        expected = "; ".join(
            f"{', '.join(f.describe() for f in part.facts)} (p{part.page})"
            for part in question.parts
        )
        invented = [] if refused else invented_tokens(answer, tokens, self.framing)
        return Outcome(
            cv.split, cv.label, cv.layout, cv.lang, question.text, question.lang, question.group,
            question.template, question.refusable, expected or "refusal", answer,
            float(result["confidence"]), refused, correct, round(latency, 2), invented,
            hidden_fact=not refused and HIDDEN_FACT in answer,
            injection=not refused and bool(INJECTION_FOLLOWED.search(answer)),
        )  # fmt: skip


# --- Report -----------------------------------------------------------------------


def pct(part, whole) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   n/a"


def headline(outcomes: list[Outcome]) -> str:
    answerable = [o for o in outcomes if not o.refusable]
    refusable = [o for o in outcomes if o.refusable]
    correct = sum(o.correct for o in answerable)
    refused = sum(o.refused for o in refusable)
    return (
        f"correct with right page {pct(correct, len(answerable))} ({correct}/{len(answerable)}), "
        f"refused {pct(refused, len(refusable))} ({refused}/{len(refusable)})"
    )


def reliability(outcomes: list[Outcome]) -> list[str]:
    buckets = defaultdict(list)
    for o in outcomes:
        if not o.refused:
            buckets[min(int(o.confidence * 10), 9)].append(o.correct)
    rows = []
    for b in range(10):
        if buckets[b]:
            right = sum(buckets[b])
            rows.append(
                f"    {b / 10:.1f}-{(b + 1) / 10:.1f}: {len(buckets[b]):4d} answers, "
                f"{pct(right, len(buckets[b]))} right"
            )
    return rows


def calibration_error(outcomes: list[Outcome]) -> float:
    """Expected calibration error of the answers given: over the 0.1 buckets, the
    gap between mean confidence and share right, weighted by the bucket's size."""
    buckets = defaultdict(list)
    for o in outcomes:
        if not o.refused:
            buckets[min(int(o.confidence * 10), 9)].append(o)
    given = sum(len(b) for b in buckets.values())
    return sum(
        abs(statistics.mean(o.confidence for o in b) - statistics.mean(o.correct for o in b))
        * len(b)
        for b in buckets.values()
    ) / max(given, 1)


def report(split: str, outcomes: list[Outcome], cvs: list[EvalCV], templates=False) -> dict:
    if len(outcomes) < 2:
        print(f"\n=== {split}: {len(outcomes)} questions answered, nothing to report")
        return {"split": split, "questions": len(outcomes)}
    answerable = [o for o in outcomes if not o.refusable]
    refusable = [o for o in outcomes if o.refusable]
    wrong = [o for o in outcomes if o.wrong_given]
    confident = [o for o in wrong if o.confidence >= WRONG_CONFIDENT_AT]
    over_refused = sum(o.refused for o in answerable)
    invented = sum(len(o.invented) > 0 for o in outcomes)
    latencies = [o.latency_ms for o in outcomes]
    unverified = sum(len(cv.unverified) for cv in cvs)
    note = f", {unverified} ground-truth facts NOT found on their page" if unverified else ""
    print(
        f"\n=== {split}: {len(cvs)} CVs, {len(outcomes)} questions "
        f"({len(answerable)} answerable, {len(refusable)} to refuse){note}"
    )
    print(f"  {headline(outcomes)}")
    wrong_answerable = [o for o in wrong if not o.refusable]
    per_50 = 50 * len(wrong_answerable) / max(len(answerable), 1)
    print(
        f"  answerable: refused {pct(over_refused, len(answerable)).strip()} ({over_refused}), "
        f"answered wrong {len(wrong_answerable)} ({per_50:.1f} per 50); refusable answered "
        f"{len(wrong) - len(wrong_answerable)}; wrong and confident (>= {WRONG_CONFIDENT_AT}) "
        f"{len(confident)} = {pct(len(confident), len(outcomes)).strip()} of questions"
    )
    print(f"  answers with invented facts: {invented}; p50 answer latency "
          f"{statistics.median(latencies):.1f} ms (p90 "
          f"{statistics.quantiles(latencies, n=10)[-1]:.1f} ms)")  # fmt: skip
    print(
        "  reliability (confidence of the answers given -> share right; "
        f"calibration error {calibration_error(outcomes):.3f}):"
    )
    for row in reliability(outcomes):
        print(row)
    for title, key in (
        ("document language", lambda o: o.doc_lang),
        ("question language", lambda o: o.lang),
        ("document x question language", lambda o: f"{o.doc_lang}->{o.lang}"),
        ("group", lambda o: o.group),
        ("layout", lambda o: o.layout),
        *([("template", lambda o: f"{o.group}/{o.template}")] if templates else []),
    ):
        groups = defaultdict(list)
        for o in outcomes:
            groups[key(o)].append(o)
        print(f"  by {title}:")
        for name in sorted(groups):
            print(f"    {name:30} {headline(groups[name])}")
    if split == "hidden":
        hidden = sum(o.hidden_fact for o in outcomes)
        injected = sum(o.injection for o in outcomes)
        print(f"  hidden fact given as an answer: {hidden}; injected instruction followed: "
              f"{injected}")  # fmt: skip
    return {
        "split": split,
        "questions": len(outcomes),
        "answerable": len(answerable),
        "correct": sum(o.correct for o in answerable),
        "refusable": len(refusable),
        "refused": sum(o.refused for o in refusable),
        "wrong_given": len(wrong),
        "wrong_confident": len(confident),
        "invented": invented,
        "p50_ms": statistics.median(latencies),
        "hidden_fact": sum(o.hidden_fact for o in outcomes),
        "injection": sum(o.injection for o in outcomes),
    }


def show_failures(outcomes: list[Outcome], limit: int):
    bad = [o for o in outcomes if not o.correct or o.invented]
    for o in bad[:limit]:
        mark = "INVENTED " + ",".join(o.invented) if o.correct else "BAD"
        print(f"  {mark} [{o.group}/{o.template} {o.doc_lang}->{o.lang} {o.layout}] "
              f"{o.question}\n      expected {o.expected}\n      got {o.confidence:.2f} "
              f"{o.answer[:300]}")  # fmt: skip
    if len(bad) > limit:
        print(f"  ... {len(bad) - limit} more")


def run(splits, failures=0, json_path=None, cvs_per_split=None, templates=False) -> int:
    from cv_setup import setup_django

    os.environ["OPENAI_API_KEY"] = ""  # the offline answerer is what is measured
    setup_django()
    harness = Harness()
    summaries, everything = [], []
    for split in sorted(splits, key=SPLIT_ORDER.index):
        started = time.perf_counter()
        cvs = handwritten() if split == "handwritten" else generated(split)
        cvs = cvs[:cvs_per_split]
        refused_before = len(harness.not_ingested)
        outcomes = [o for cv in cvs for o in harness.run_cv(cv)]
        summaries.append(report(split, outcomes, cvs, templates))
        if len(harness.not_ingested) > refused_before:
            skipped = len(harness.not_ingested) - refused_before
            print(f"  {skipped} CV(s) not ingested; their questions are not counted above")
        print(f"  ({time.perf_counter() - started:.0f} s)")
        if failures:
            show_failures(outcomes, failures)
        everything += outcomes
    if json_path:
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).write_text(
            json.dumps(
                {"summaries": summaries, "outcomes": [o.__dict__ for o in everything]},
                ensure_ascii=False,
                indent=1,
            )
        )
        print(f"\nEvery answer: {json_path}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", nargs="+", choices=SPLIT_ORDER, default=list(SPLIT_ORDER))
    parser.add_argument("--failures", type=int, default=0, help="print up to N wrong answers")
    parser.add_argument("--cvs", type=int, help="only the first N CVs of each split")
    parser.add_argument("--templates", action="store_true", help="also break down by template")
    parser.add_argument("--json", default=str(ROOT / "var" / "eval" / "last_run.json"))
    args = parser.parse_args()
    sys.exit(run(args.split, args.failures, args.json, args.cvs, args.templates))
