"""The project's public reads side by side with peers, in one interleaved run.

Same load tool (wrk), same worker count (WORKERS, default 2), same bytes:
- the project under `make serve` (deploy/serve.sh);
- a FastAPI + SQLAlchemy peer (bench/peers/fastapi_peer.py) reading a copy of the
  project's own seeded database, under the same server;
- a bare ASGI app answering the project's bytes from memory (bench/peers/bare_asgi.py);
- nginx serving them from files, when Debian's nginx is installed.

Requests: the cached tools list, its 304, a search, a page deep in a 10,000-row
table beside the same page of the 12-row list, and a 200-row page (about 44 KB) with
its 304, where the 304 saves real bytes. Rounds interleave the servers so that noise
from a shared machine spreads over all of them. Besides req/s and latency: the CPU
time each server used per request (all its processes, from /proc), the app's own
cost per request in-process (bench/app_cost.py), the first (uncached) answer for
distinct pages of each table, and other reads once.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import (
    BIN,
    CONNECTIONS,
    DURATION,
    PYTHON,
    ROOT,
    THREADS,
    WORKERS,
    bench_env,
    ensure_wrk,
    free_port,
    group_cpu_seconds,
    run_wrk,
    seeded_workdir,
    server_process,
    stop,
    to_ms,
)

HERE = Path(__file__).resolve().parent
ROUNDS = int(os.environ.get("ROUNDS", "2"))
BIG_ROWS = 10_000
LIST = "/api/v1/tools/list"
# (label, table, path, conditional?)
CASES = [
    ("cached list (12 rows)", "small", LIST, False),
    ("304 of the cached list", "small", LIST, True),
    ("search ?q=ai", "small", f"{LIST}?q=ai", False),
    ("page of the 12-row list", "small", f"{LIST}?limit=100&offset=0", False),
    ("page of a 10,000-row list", "big", f"{LIST}?limit=100&offset=5000", False),
    ("200-row page (10,000 rows)", "big", f"{LIST}?limit=200&offset=5000", False),
    ("304 of the 200-row page", "big", f"{LIST}?limit=200&offset=5000", True),
]
OTHER_READS = [
    "/api/v1/news/list",
    "/api/v1/projects/list",
    "/api/v1/resume/en",
    "/api/resume_data",
    "/api/v1/news/generative-ai-beyond-text-and-images",
    "/api/v1/health",
]

ADD_ROWS = f"""
from tools_app.models import AITool
AITool.objects.bulk_create(
    AITool(name=f"Bench tool {{n:05}}", description="A generated tool for the bench",
           category="Design", status="Trending", url="https://example.com", pricing="Free",
           position=100 + n)
    for n in range({BIG_ROWS})
)
"""


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read(), response.headers


def start_peer(module, workdir, **env):
    port = free_port()
    full_env = bench_env(workdir, **env)
    command = [str(BIN / "granian"), "--interface", "asgi", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(WORKERS), "--loop", "uvloop",
               "--log-level", "warning", f"{module}:app"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=HERE / "peers", env=full_env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
        except urllib.error.HTTPError:
            return process, port
        except OSError:
            time.sleep(0.2)
            continue
        return process, port
    stop(process)
    raise RuntimeError(f"{module} did not start")


def start_nginx(bodies, root):
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        return None, None
    port = free_port()
    (root / "files").mkdir(parents=True)
    (root / "tmp").mkdir()
    # Run as root, nginx's workers drop to an unprivileged user: they must read the files.
    for directory in (root.parent, root, root / "files"):
        directory.chmod(0o755)
    for name, body in bodies.items():
        (root / "files" / f"{name}.json").write_bytes(body)
        (root / "files" / f"{name}.json").chmod(0o644)
    config = (HERE / "peers" / "nginx.conf").read_text()
    config = config.replace("WORKERS", str(WORKERS)).replace("PORT", str(port))
    (root / "nginx.conf").write_text(config.replace("ROOT", str(root)))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen(
        [nginx, "-p", str(root), "-c", str(root / "nginx.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    time.sleep(1)
    return (process, port) if process.poll() is None else (None, None)


def cold_pages(base, offsets):
    """Median ms of the first answer for each distinct page (nothing cached yet)."""
    timings = []
    for offset in offsets:
        started = time.perf_counter()
        fetch(f"{base}{LIST}?limit=100&offset={offset}&category=Design")
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main():
    if not ensure_wrk():
        print("wrk is not available; cannot run the HTTP benchmark.", file=sys.stderr)
        return 1
    small = seeded_workdir()
    big = seeded_workdir()
    env = bench_env(big)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), "shell", "-c", ADD_ROWS],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    scratch = Path(tempfile.mkdtemp(prefix="portfolio-bench-peers-"))
    processes = []
    try:
        servers = {"project": {}, "fastapi": {}}
        owner = {}  # base URL -> its server process, for the CPU it uses
        for table, workdir in (("small", small), ("big", big)):
            process, port = server_process("serve", workdir)
            processes.append(process)
            servers["project"][table] = f"http://127.0.0.1:{port}"
            owner[servers["project"][table]] = process
            copy = scratch / f"{table}.sqlite3"
            shutil.copy(workdir / "db.sqlite3", copy)
            process, port = start_peer("fastapi_peer", workdir, PEER_DB=str(copy))
            processes.append(process)
            servers["fastapi"][table] = f"http://127.0.0.1:{port}"
            owner[servers["fastapi"][table]] = process

        # The bytes every server answers: the project's own.
        bodies, index, same = {}, [], {}
        for n, (label, table, path, _conditional) in enumerate(CASES):
            _status, body, headers = fetch(servers["project"][table] + path)
            peer = fetch(servers["fastapi"][table] + path)[1]
            same[label] = peer == body
            bodies[f"case{n}"] = body
            index.append(f"{path}{'' if table == 'small' else '&table=big'} case{n}")
        bare_dir = scratch / "bare"
        bare_dir.mkdir()
        for name, body in bodies.items():
            (bare_dir / f"{name}.json").write_bytes(body)
        (bare_dir / "index.txt").write_text("\n".join(index))
        process, port = start_peer("bare_asgi", small, BARE_DIR=str(bare_dir))
        processes.append(process)
        bare = f"http://127.0.0.1:{port}"
        owner[bare] = process
        nginx_process, nginx_port = start_nginx(bodies, scratch / "nginx")
        if nginx_process:
            processes.append(nginx_process)
            owner[f"http://127.0.0.1:{nginx_port}"] = nginx_process

        def targets(n, table, path):
            suffix = "" if table == "small" else ("&" if "?" in path else "?") + "table=big"
            found = {
                "project": servers["project"][table] + path,
                "fastapi": servers["fastapi"][table] + path,
                "bare ASGI": bare + path + suffix,
            }
            if nginx_process:
                found["nginx"] = f"http://127.0.0.1:{nginx_port}/case{n}.json"
            return found

        results = {}
        for _ in range(ROUNDS):
            for n, (label, table, path, conditional) in enumerate(CASES):
                for name, url in targets(n, table, path).items():
                    headers = ()
                    if conditional:
                        # Each server's own ETag for the same bytes (nginx's is its own kind).
                        headers = (f"If-None-Match: {fetch(url)[2]['ETag']}",)
                    process = next(p for base, p in owner.items() if url.startswith(base + "/"))
                    cpu = group_cpu_seconds(process)
                    rps, p50, p99, errors = run_wrk(url, headers)
                    cpu = group_cpu_seconds(process) - cpu
                    per_request = cpu * 1000 / max(rps * to_ms(DURATION) / 1000, 1)
                    results.setdefault((label, name), []).append(
                        (rps, p50, p99, errors, per_request)
                    )

        print(f"\n== HTTP reads side by side: wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}, "
              f"{WORKERS} workers each, best of {ROUNDS} interleaved rounds")  # fmt: skip
        print(f"{'request':28} {'server':10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'non-2xx':>8} {'CPU ms/req':>10}")  # fmt: skip
        best = {}
        for label, *_ in CASES:
            for name in ("project", "fastapi", "bare ASGI", "nginx"):
                if (label, name) not in results:
                    continue
                rps, p50, p99, errors, cpu = max(results[(label, name)])
                best[(label, name)] = rps
                print(f"{label:28} {name:10} {rps:8.0f} {p50:8.2f} {p99:8.2f} {errors:8d} "
                      f"{cpu:10.3f}")  # fmt: skip
        print("\n== Ratios (req/s)")
        for label, *_ in CASES:
            project = best[(label, "project")]
            print(f"{label:28} project/FastAPI {project / best[(label, 'fastapi')]:5.2f}x   "
                  f"project/bare {project / best[(label, 'bare ASGI')]:5.2f}x   "
                  f"same bytes as FastAPI: {'yes' if same[label] else 'NO'}")  # fmt: skip
        cached, conditional = best[(CASES[0][0], "project")], best[(CASES[1][0], "project")]
        small_page, big_page = best[(CASES[3][0], "project")], best[(CASES[4][0], "project")]
        print(f"{'304 vs 200':28} {conditional / cached:5.2f}x as many per second")
        big_200, big_304 = best[(CASES[5][0], "project")], best[(CASES[6][0], "project")]
        print(f"{'304 vs 200, 200-row page':28} {big_304 / big_200:5.2f}x as many per second")
        print(f"{'10,000-row page vs 12-row':28} {small_page / big_page:5.2f}x the time")
        print("\n== First (uncached) answer of distinct pages, median of sequential requests")
        for name in ("project", "fastapi"):
            small_ms = cold_pages(servers[name]["small"], range(0, 12))
            big_ms = cold_pages(servers[name]["big"], range(0, 10_000, 250))
            print(f"{name:10} 12-row list {small_ms:7.1f} ms   10,000-row list {big_ms:7.1f} ms")

        for workdir, paths in ((small, [LIST]), (big, [f"{LIST}?limit=200&offset=5000"])):
            subprocess.run([PYTHON, str(HERE / "app_cost.py"), *paths], cwd=ROOT,
                           env=bench_env(workdir), check=True)  # fmt: skip

        print("\n== Other reads, the project alone (one run each)")
        for path in OTHER_READS:
            rps, p50, p99, errors = run_wrk(servers["project"]["small"] + path)
            print(f"GET {path:54} {rps:8.0f} {p50:8.2f} {p99:8.2f} {errors:8d}")
    finally:
        for process in processes:
            stop(process)
        for directory in (small, big, scratch):
            shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
