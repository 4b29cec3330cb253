"""Shared bench plumbing: real servers on loopback over a fresh, seeded database, and wrk."""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(workdir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portfolio.settings",
            "VAR_DIR": str(workdir),
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": "WARNING",
            "HF_HUB_OFFLINE": "1",
            **extra,
        }
    )
    return env


WORKERS = int(os.environ.get("WORKERS", "2"))
DURATION = os.environ.get("DURATION", "5s")
CONNECTIONS = int(os.environ.get("CONNECTIONS", "32"))
THREADS = 2
BIN = Path(PYTHON).parent


def seeded_workdir(**extra_env) -> Path:
    """A throwaway directory with a migrated, seeded SQLite database."""
    workdir = Path(tempfile.mkdtemp(prefix="portfolio-bench-"))
    env = bench_env(workdir, **extra_env)
    migrate_and_seed(env)
    return workdir


def migrate_and_seed(env):
    """manage.py migrate, then seed, on the database `env` names."""
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0", "--noinput"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def server_command(name, host, port, workers) -> list[str]:
    """The candidate servers (bench/servers.py); "serve" is what `make serve` runs."""
    asgi, wsgi, bind = "portfolio.asgi:application", "portfolio.wsgi:application", f"{host}:{port}"
    return {
        "serve": ["sh", str(ROOT / "deploy" / "serve.sh")],
        "daphne": [str(BIN / "daphne"), "-v", "0", "-b", host, "-p", str(port), asgi],
        "uvicorn": [str(BIN / "uvicorn"), "--host", host, "--port", str(port),
                    "--workers", str(workers), "--no-access-log", "--lifespan", "off", asgi],
        "gunicorn-uvicorn": [str(BIN / "gunicorn"), "-k", "uvicorn_worker.UvicornWorker",
                             "-w", str(workers), "-b", bind, "--log-level", "warning", asgi],
        "granian": [str(BIN / "granian"), "--interface", "asgi", "--host", host,
                    "--port", str(port), "--workers", str(workers), "--loop", "uvloop",
                    "--log-level", "warning", asgi],
        "gunicorn-wsgi": [str(BIN / "gunicorn"), "-k", "gthread", "--threads", "4",
                          "-w", str(workers), "-b", bind, "--log-level", "warning", wsgi],
    }[name]  # fmt: skip


def server_process(name, workdir, *, workers=WORKERS, **extra_env):
    """(process, port) of a server running the app over `workdir`, once it answers."""
    port = free_port()
    env = bench_env(workdir, HOST="127.0.0.1", PORT=str(port), WORKERS=str(workers), **extra_env)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    process = start_in_session(server_command(name, "127.0.0.1", port, workers), env)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/api/v1/health", process)
    except Exception:
        stop(process)
        raise
    return process, port


def start_in_session(command, env):
    """`command` run from the repository's root in a session of its own, so that stop()
    ends its children too; its output is discarded."""
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process, timeout=20):
    """The process and its children (they share its process group): SIGTERM, then
    SIGKILL after `timeout` seconds."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def celery_worker(env, *, queues, name, beat_schedule=None):
    """A Celery worker process (prefork, one child) in a session of its own, taking
    `queues` (comma-separated); with `beat_schedule` (a file path) it runs beat too."""
    beat = ["-B", "-s", str(beat_schedule)] if beat_schedule else []
    command = [
        PYTHON, "-m", "celery", "-A", "portfolio", "worker", "--pool=prefork",
        "--concurrency=1", "-Q", queues, "-n", f"{name}@%h", "--without-gossip",
        "--without-mingle", "--without-heartbeat", "--loglevel=WARNING", *beat,
    ]  # fmt: skip
    return start_in_session(command, env)


@contextlib.contextmanager
def served_app(server="serve", **extra_env):
    """Yields the base URL of the app under `make serve`'s command, on a migrated,
    seeded throwaway database."""
    workdir = seeded_workdir(**extra_env)
    process, port = server_process(server, workdir, **extra_env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return True
    print("wrk not found; installing it from Debian's packages (needs root)...", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    return shutil.which("wrk") is not None


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, headers=(), *, script=None, duration=None, connections=None):
    """(req/s, p50 ms, p99 ms, non-2xx/3xx responses) of one wrk run."""
    command = ["wrk", f"-t{THREADS}", f"-c{connections or CONNECTIONS}",
               f"-d{duration or DURATION}", "--latency"]  # fmt: skip
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def group_cpu_seconds(process) -> float:
    """CPU time (user + system) used so far by a server and its workers: every live
    process of its process group (servers here start in a session of their own)."""
    total = 0
    for entry in os.listdir("/proc"):
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == process.pid:  # pgrp; then utime and stime, in clock ticks
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def wait_until_up(url, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} within {timeout}s")


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
