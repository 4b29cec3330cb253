"""Retrieval quality of the local embedding models: is the fact in the top 4 passages?

    .venv/bin/python eval/cv_retrieval.py [--models multilingual-e5-small use-multilingual-v3]

For each bundled model (cv_app/embeddings.py LOCAL_MODELS), in a process of its own:
the CVs of eval/cv_cases.py are ingested through the real services, and each
question with expected facts (English and Spanish) is retrieved with k=4; a hit is
every expected fact found in the 4 passages. Printed per model: hit@4 for English
and Spanish questions, hit@4 of the vector ranking alone (no BM25, no rerank: the
model's own share), ingest seconds per page, query embedding p50 and the RSS of the
process once the model is loaded. docs/embeddings.md keeps the figures.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ["OPENAI_API_KEY"] = ""


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def cases():
    """(label, filename, bytes, [(language, question, facts)]) from the available corpora."""
    from eval.cv_cases import cases as written

    for label, filename, data, questions in written():
        asked = [("en", q, facts) for q, facts, _pages in questions["answerable"]]
        asked += [("es", q, facts) for q, facts, _pages in questions["spanish"]]
        yield label, filename, data, asked


def found(facts, passages) -> bool:
    text = " ".join(passages).lower()
    return all(fact.lower() in text for fact in facts)


def measure() -> dict:
    from cv_setup import ingest, setup_django

    setup_django()
    import numpy as np

    from cv_app.embeddings import current_model_name, embed_query, warm_up
    from cv_app.index import cv_index
    from cv_app.models import CVDocument
    from cv_app.retrieval import retrieve

    started = time.perf_counter()
    warm_up()
    load_s = time.perf_counter() - started
    hits = {"en": [0, 0], "es": [0, 0], "en_vector": [0, 0], "es_vector": [0, 0]}
    ingest_s, pages, embedding = 0.0, 0, []
    for _label, filename, data, asked in cases():
        started = time.perf_counter()
        document = ingest(data, filename)
        ingest_s += time.perf_counter() - started
        pages += document.pages
        cv_index.clear()
        for language, question, facts in asked:
            result = retrieve(question=question, k=4)
            hits[language][0] += found(facts, [p.content for p in result.passages])
            hits[language][1] += 1
            order = sorted(result.cosines().items(), key=lambda item: -item[1])[:4]
            chunks = [result.snapshot.chunks[position].text for position, _ in order]
            hits[f"{language}_vector"][0] += found(facts, chunks)
            hits[f"{language}_vector"][1] += 1
            started = time.perf_counter()
            embed_query(question)
            embedding.append((time.perf_counter() - started) * 1000)
        CVDocument.objects.all().delete()
    return {
        "model": current_model_name(),
        "load_s": round(load_s, 2),
        "hits": hits,
        "ingest_s_per_page": round(ingest_s / pages, 3),
        "query_embedding_p50_ms": round(statistics.median(embedding), 2),
        "query_embedding_p90_ms": round(float(np.percentile(embedding, 90)), 2),
        "rss_mib": rss_mib(),
    }


def show(figures):
    def pct(key):
        hit, total = figures["hits"][key]
        return f"{100 * hit / total:.0f}% ({hit}/{total})"

    print(
        f"{figures['model']}: hit@4 English {pct('en')}, Spanish {pct('es')}; vector ranking "
        f"alone English {pct('en_vector')}, Spanish {pct('es_vector')}; load "
        f"{figures['load_s']} s, ingest {figures['ingest_s_per_page']} s/page, query embedding "
        f"p50 {figures['query_embedding_p50_ms']} ms (p90 {figures['query_embedding_p90_ms']}), "
        f"RSS {figures['rss_mib']} MiB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="*")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure()))
        return 0
    from cv_app.embeddings import LOCAL_MODELS

    for model in args.models or LOCAL_MODELS:
        output = subprocess.run(
            [sys.executable, __file__, "--one"],
            env={**os.environ, "EMBEDDINGS": "local", "EMBEDDINGS_MODEL": model},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        show(json.loads(output.strip().splitlines()[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
