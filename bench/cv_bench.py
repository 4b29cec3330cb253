"""CV chat benchmark: ingestion speed, query latency, memory.

    .venv/bin/python bench/cv_bench.py [--pages 100] [--queries 200] [--json PATH]

Runs against a throwaway SQLite database and media folder (bench/cv_setup.py),
with the local embedding model, offline. Measures:

- ingest: seconds per page for a generated N-page PDF, from upload to `ready`
  (validation parse, storage, processing parse, chunking, embedding, storing);
- query latency p50/p99: retrieval alone (`cv_retrieve`) and end to end offline
  (`cv_query_answer`: retrieval, composition, CVQuery row), over a first pass
  (sentence vectors still being cached) and a second, steady-state pass;
- resident memory (RSS) of a fresh process that has set up Django, loaded the
  model and answered one question, as a web process would.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from cv_setup import ROOT, ingest, setup_django

TECH = ["Django", "FastAPI", "PostgreSQL", "Redis", "Kubernetes", "Terraform", "React", "Kafka"]
CLIENTS = ["Nimbus Health", "Orbit Analytics", "Mercado Fresco", "Atlas Bank", "Helios Energy"]


def rss_kib() -> dict:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            fields[key] = int(value.split()[0])
    return fields


def big_cv_pages(count: int) -> list[dict]:
    """A long CV: one project per page, each with its own numbers and names."""
    pages = []
    for n in range(1, count + 1):
        tech, client = TECH[n % len(TECH)], CLIENTS[n % len(CLIENTS)]
        pages.append(
            {
                "title": f"Project {n}: {client} platform",
                "paragraphs": [
                    f"Project {n} was delivered for {client} between {2000 + n % 25} and "
                    f"{2001 + n % 25}. The team of {3 + n % 7} engineers was led by the candidate.",
                    f"The service was written in Python with {tech}, handled {n * 1000} "
                    f"requests per minute at peak and kept p99 latency under {50 + n} ms.",
                    f"The candidate designed the data model, wrote the deployment pipeline and "
                    f"reduced infrastructure cost by {5 + n % 40} percent in project {n}.",
                    "Responsibilities included code review, incident response, capacity "
                    "planning, mentoring junior engineers and writing design documents "
                    "that the rest of the organisation adopted as templates.",
                    f"Lessons from project {n}: measure before optimising, keep migrations "
                    "reversible, and make every alert actionable for the person on call.",
                ]
                * 2,
            }
        )
    return pages


def percentile(values, q):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed(function, questions):
    latencies = []
    for question in questions:
        started = time.perf_counter()
        function(question)
        latencies.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "n": len(latencies),
    }


def measure_ingest(pages: int) -> dict:
    from cv_app.chunking import split_pages
    from cv_app.embeddings import embed_texts
    from cv_app.parsing import parse_document
    from cv_app.tests.documents import pdf_bytes

    data = pdf_bytes(big_cv_pages(pages))
    started = time.perf_counter()
    parsed = parse_document(data)
    parse_s = time.perf_counter() - started
    chunks = split_pages(parsed.pages)
    started = time.perf_counter()
    embed_texts([chunk.text for chunk in chunks])
    embed_s = time.perf_counter() - started

    started = time.perf_counter()
    document = ingest(data, "long_cv.pdf")
    total_s = time.perf_counter() - started
    return {
        "pages": document.pages,
        "pdf_bytes": len(data),
        "chunks": document.chunk_count,
        "total_s": round(total_s, 2),
        "seconds_per_page": round(total_s / document.pages, 4),
        "parse_s_per_page": round(parse_s / document.pages, 4),
        "embed_s_per_page": round(embed_s / document.pages, 4),
    }


def measure_queries(count: int) -> dict:
    from cv_app.index import cv_index
    from cv_app.selectors import cv_retrieve
    from cv_app.services import cv_query_answer
    from cv_app.tests.documents import UNRELATED

    cv_index.clear()
    started = time.perf_counter()
    cv_index.current()
    build_ms = (time.perf_counter() - started) * 1000

    asked = (
        [f"How many requests per minute did project {n} handle?" for n in range(1, 101, 3)]
        + [f"Who was the client of project {n}?" for n in range(2, 101, 4)]
        + UNRELATED
    )
    questions = [asked[i % len(asked)] for i in range(count)]
    from cv_app.embeddings import embed_query

    return {
        "index_build_ms": round(build_ms, 1),
        # What issue 21 bounds (p50 under 10 ms): the question's vector alone.
        "query_embedding": timed(embed_query, questions),
        "retrieval_first_pass": timed(lambda q: cv_retrieve(question=q), questions),
        "retrieval_steady": timed(lambda q: cv_retrieve(question=q), questions),
        "end_to_end_offline": timed(lambda q: cv_query_answer(question=q), questions),
    }


def probe_rss() -> None:
    """Run in a fresh process: Django, the model and one answered question."""
    setup_django()
    from django.urls import get_resolver

    # A web process has imported every view behind the URL map before its first request.
    get_resolver().url_patterns  # noqa: B018
    before = rss_kib()
    from cv_app.embeddings import embed_query
    from cv_app.tests.documents import pdf_bytes

    embed_query("warm up")
    ingest(pdf_bytes(), "cv.pdf")
    from cv_app.services import cv_query_answer

    cv_query_answer(question="What are his hobbies?")
    after = rss_kib()
    print(json.dumps({"django_only_kib": before["VmRSS"], "with_model_kib": after["VmRSS"]}))


def measure_rss() -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "bench")}
    output = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--rss-probe"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    probe = json.loads(output.strip().splitlines()[-1])
    return {
        "django_only_mib": round(probe["django_only_kib"] / 1024, 1),
        "web_process_with_model_mib": round(probe["with_model_kib"] / 1024, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", help="Also write the figures to this file.")
    parser.add_argument("--rss-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_probe:
        probe_rss()
        return

    setup_django()
    from cv_app.embeddings import embed_query

    started = time.perf_counter()
    embed_query("warm up")
    model_load_s = round(time.perf_counter() - started, 2)

    results = {
        "cpus": os.cpu_count(),
        "model_load_s": model_load_s,
        "ingest": measure_ingest(args.pages),
        "queries": measure_queries(args.queries),
        "memory": measure_rss(),
        "bench_process_peak_mib": round(rss_kib()["VmHWM"] / 1024, 1),
    }
    ingest_figures, queries = results["ingest"], results["queries"]
    from cv_app.embeddings import current_model_name

    print(f"CPUs: {results['cpus']}; {current_model_name()} load (cold): {model_load_s} s")
    print(
        f"Ingest {ingest_figures['pages']}-page PDF ({ingest_figures['pdf_bytes'] // 1024} KiB, "
        f"{ingest_figures['chunks']} chunks): {ingest_figures['total_s']} s total, "
        f"{ingest_figures['seconds_per_page']} s/page "
        f"(parse {ingest_figures['parse_s_per_page']} s/page, "
        f"embed {ingest_figures['embed_s_per_page']} s/page)"
    )
    print(f"Index build for that CV: {queries['index_build_ms']} ms")
    for label, key in [
        ("Query embedding", "query_embedding"),
        ("Retrieval, first pass", "retrieval_first_pass"),
        ("Retrieval, steady state", "retrieval_steady"),
        ("End to end offline", "end_to_end_offline"),
    ]:
        figures = queries[key]
        print(f"{label}: p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms (n={figures['n']})")
    memory = results["memory"]
    print(
        f"RSS of a web process: {memory['django_only_mib']} MiB before the model, "
        f"{memory['web_process_with_model_mib']} MiB with the model loaded and a CV indexed"
    )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
