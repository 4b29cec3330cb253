"""Retrieval quality on the generated corpus, for whatever embedder is configured.

    .venv/bin/python eval/retrieval_eval.py [--split tuning test] [--k 4]
    EMBEDDINGS_MODEL=/path/to/model .venv/bin/python eval/retrieval_eval.py

Each CV is ingested through the real upload path (parse, structure, chunk, embed
with the configured EMBEDDINGS / EMBEDDINGS_MODEL), then every answerable
question (each part of a two-part one) goes through cv_app.retrieval.retrieve. A
hit: every expected fact of the part is in one of the top k passages, and that
passage is on the expected page. Printed as hit@1 and hit@k by document language
x question language, twice for Spanish questions: as asked (`raw`, what the
embedder alone makes of them) and bridged through cv_app.language.to_english (what
the answerer retrieves with today).
"""

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def _hit(passages, part, k) -> tuple[bool, bool]:
    """(hit at 1, hit at k)."""
    from eval.cvgen.scoring import has_fact

    found = [
        p.page == part.page and all(has_fact(p.content, fact) for fact in part.facts)
        for p in passages[:k]
    ]
    return bool(found[:1] and found[0]), any(found)


def evaluate(splits=("tuning", "test"), k=4) -> dict:
    """{(split, doc language, question language, mode): [hits at 1, hits at k, parts]}.
    Django must be set up."""
    from cv_setup import ingest

    from cv_app.index import cv_index
    from cv_app.language import detect_language, to_english
    from cv_app.models import CVDocument
    from cv_app.retrieval import retrieve
    from eval.cvgen.corpus import load_split

    counts = defaultdict(lambda: [0, 0, 0])
    for split in splits:
        for cv in load_split(split):
            ingest(cv.data(), cv.filename)
            cv_index.clear()
            for question in cv.questions:
                if question.refusable:
                    continue
                modes = {"raw": question.text}
                if detect_language(question.text) == "es":
                    modes["bridged"] = to_english(question.text)
                for part in question.parts:
                    for mode, text in modes.items():
                        result = retrieve(question=text, k=k)
                        at1, atk = _hit(result.passages, part, k)
                        row = counts[(split, cv.lang, question.lang, mode)]
                        row[0] += at1
                        row[1] += atk
                        row[2] += 1
            CVDocument.objects.all().delete()
            cv_index.clear()
    return dict(counts)


def main(splits, k) -> int:
    from cv_setup import setup_django

    os.environ.setdefault("OPENAI_API_KEY", "")
    setup_django()
    from cv_app.embeddings import current_model_name

    started = time.perf_counter()
    counts = evaluate(splits, k)
    print(f"Retrieval with {current_model_name()}: fact's passage on its page in the top {k}")
    for split in splits:
        print(f"\n=== {split}")
        print(f"    {'doc->question':14} {'mode':8} {'hit@1':>7} {'hit@' + str(k):>7}  parts")
        total = [0, 0, 0]
        for (s, doc, asked, mode), (at1, atk, n) in sorted(counts.items()):
            if s != split:
                continue
            pair = f"{doc}->{asked}"
            print(f"    {pair:14} {mode:8} {100 * at1 / n:6.1f}% {100 * atk / n:6.1f}%  {n}")
            if mode == "raw":
                total = [total[0] + at1, total[1] + atk, total[2] + n]
        if total[2]:
            print(f"    {'all (raw)':23} {100 * total[0] / total[2]:6.1f}% "
                  f"{100 * total[1] / total[2]:6.1f}%  {total[2]}")  # fmt: skip
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", nargs="+", choices=("tuning", "test"), default=["tuning", "test"]
    )
    parser.add_argument("--k", type=int, default=4)
    args = parser.parse_args()
    sys.exit(main(args.split, args.k))
