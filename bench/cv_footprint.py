"""The footprint an owner sees: `deploy/serve.sh` (granian, what `make serve` runs)
with 2 workers, a 3-page CV uploaded through the API and CV questions asked; prints
the RSS of every process, the time until the CV is ready and the answer latency.

    .venv/bin/python bench/cv_footprint.py [--workers 2] [--questions 20]

Runs on a throwaway SQLite database and media folder (the embedded default: the
web workers process the CV themselves), or with DATABASE_URL and REDIS_URL set on
those (a Celery worker, started here, processes it; its RSS is printed apart).
Targets (issue 21): every web worker at most 250 MiB, all of the server at most
600 MiB, the CV ready within 5 s.
"""

import argparse
import json
import os
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
BIN = Path(sys.executable).parent
QUESTIONS = [
    "What are his hobbies?",
    "Where did Daniyal study?",
    "Which programming languages does he know?",
    "¿Dónde trabajó?",
    "¿Qué idiomas habla?",
    "What was his last job?",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [pid]
    if children.exists():
        for child in children.read_text().split():
            found += tree(int(child))
    return found


def command_line(pid: int) -> str:
    raw = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    return raw[:60]


def request(url, *, data=None, token=None, files=None):
    headers = {"Accept": "application/json"}
    body = None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if files:
        boundary = "benchboundary7d1"
        name, content = files
        body = (
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=120) as resp:
        return json.loads(resp.read())


def wait_until_up(base, deadline=120):
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/v1/health", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("The server did not come up.")


def wait_for_worker(env, deadline=180):
    """The CV's clock starts when a worker can take it, as on a running deployment."""
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        ping = subprocess.run(
            [str(BIN / "celery"), "-A", "portfolio", "inspect", "ping", "--timeout", "2"],
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        if ping.returncode == 0:
            return
        time.sleep(1)
    raise SystemExit("The Celery worker did not come up.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="cv-footprint-"))
    env = {
        **os.environ,
        "VAR_DIR": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "OPENAI_API_KEY": "",
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
    }
    embedded = not env.get("REDIS_URL")
    if embedded:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    token = subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from django.contrib.auth.models import User;"
            "from rest_framework_simplejwt.tokens import RefreshToken;"
            "User.objects.filter(username='bench').delete();"
            "u=User.objects.create_superuser('bench','bench@example.com','bench-pass-123');"
            "print(RefreshToken.for_user(u).access_token)",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": str(args.workers)}
    server = subprocess.Popen(
        ["sh", "deploy/serve.sh"], env=server_env, cwd=ROOT, start_new_session=True
    )
    celery = None
    if not embedded:
        celery = subprocess.Popen(
            [str(BIN / "celery"), "-A", "portfolio", "worker", "-c", "1", "-l", "WARNING"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
    try:
        wait_until_up(base)
        if celery is not None:
            wait_for_worker(env)
        sys.path.insert(0, str(ROOT))
        from cv_app.tests.documents import pdf_bytes

        started = time.perf_counter()
        upload = request(f"{base}/api/v1/cv/upload", token=token, files=("cv.pdf", pdf_bytes()))[
            "data"
        ]
        while True:
            status = request(f"{base}/api/v1/cv/status", token=token)["data"]
            if status.get("status") in ("ready", "failed"):
                break
            time.sleep(0.1)
        ready_s = time.perf_counter() - started
        latencies = []
        for n in range(args.questions):
            asked = time.perf_counter()
            request(f"{base}/api/v1/cv/query", data={"question": QUESTIONS[n % len(QUESTIONS)]})
            latencies.append((time.perf_counter() - asked) * 1000)
        latencies.sort()
        print(
            f"{'embedded default' if embedded else 'PostgreSQL + Redis'}: "
            f"{upload.get('pages', 3)}-page CV {status.get('status')} "
            f"{ready_s:.2f} s after the upload; {args.questions} CV answers over HTTP "
            f"p50 {latencies[len(latencies) // 2]:.0f} ms"
        )
        total = 0.0
        for pid in tree(server.pid):
            mib = rss_mib(pid)
            total += mib
            print(f"  RSS {mib:6.1f} MiB  pid {pid}  {command_line(pid)}")
        print(f"  make serve ({args.workers} workers) in all: {total:.1f} MiB")
        if celery:
            worker_total = sum(rss_mib(pid) for pid in tree(celery.pid))
            print(f"  Celery worker (-c 1) in all: {worker_total:.1f} MiB")
    finally:
        for process in (server, celery):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
