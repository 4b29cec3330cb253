"""What scheduled publishing costs each cached read: the namespace's version read alone
(as before) against the version and the next due time in one round trip
(portfolio/api/caching.py), on the local-memory cache and, with BENCH_REDIS_URL, on
Redis. Prints microseconds per read.

    .venv/bin/python bench/publishing_cost.py
"""

import os
import subprocess
import sys
import time

from common import PYTHON, ROOT, bench_env, seeded_workdir

READS = 5000


def measure():
    import django

    django.setup()
    from django.core.cache import cache

    from portfolio.api.caching import version_and_due, version_key

    key = version_key("news")
    version_and_due("news")  # the due time is computed once per version
    started = time.perf_counter()
    for _ in range(READS):
        cache.get(key)
    alone = (time.perf_counter() - started) / READS * 1e6
    started = time.perf_counter()
    for _ in range(READS):
        version_and_due("news")
    both = (time.perf_counter() - started) / READS * 1e6
    backend = "redis" if os.environ.get("REDIS_URL") else "local memory"
    print(f"{backend:>12}: version {alone:6.1f} us/read, version + due {both:6.1f} us/read")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        return measure()
    print("Scheduled publishing, cost per cached read")
    workdir = seeded_workdir()
    runs = [{}]
    if os.environ.get("BENCH_REDIS_URL"):
        runs.append({"REDIS_URL": os.environ["BENCH_REDIS_URL"]})
    for extra in runs:
        env = bench_env(workdir, **extra)
        subprocess.run([PYTHON, __file__, "--measure"], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
