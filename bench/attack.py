"""The attack run of issue 23, repeatable: starts the production server (deploy/serve.sh,
granian) on loopback over a fresh database, fires the probes and prints the counts.

    .venv/bin/python bench/attack.py                 # the embedded default (SQLite)
    DATABASE_URL=postgres://.../attack REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/attack.py             # PostgreSQL + Redis (+ a Celery worker)

With DATABASE_URL the database is flushed first: give it one of its own. Loopback only,
a few hundred requests, bounded in time (the killed-worker probe, with Redis, waits at
most 3 minutes). Every line is `probe: measured (target)`. PROBES=limits,images picks some; WORKERS
(default 2) sets the server's worker processes.
"""

import contextlib
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import ROOT, celery_worker, free_port, stop

sys.path.insert(0, str(ROOT))
WORKERS = int(os.environ.get("WORKERS", "2"))
REDIS = bool(os.environ.get("REDIS_URL"))
# PROBES=images,cvs runs only those (limits, sockets, bodies, images, cvs, worker).
PROBES = [name for name in os.environ.get("PROBES", "").split(",") if name]


def prepare(workdir: Path) -> dict:
    """The environment of every process here, set up for Django in this one too."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portfolio.settings",
        "VAR_DIR": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        # The probes speak for many clients through X-Forwarded-For.
        "NUM_PROXIES": "1",
    }
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    if REDIS:
        call_command("flush", verbosity=0, interactive=False)
        from django.core.cache import caches

        caches["strict"].clear()
    call_command("seed", verbosity=0)
    return env


def start_server(env, workdir):
    port = free_port()
    log = open(workdir / "server.log", "wb")  # noqa: SIM115 - closed with the server
    process = subprocess.Popen(
        ["sh", str(ROOT / "deploy" / "serve.sh")],
        cwd=ROOT,
        env={
            **env,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WORKERS": str(WORKERS),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
            return process, port
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.3)


def report(name, measured, target):
    print(f"{name}: {measured} ({target})", flush=True)


# --- HTTP -----------------------------------------------------------------------


class Site:
    def __init__(self, port, token):
        self.port, self.token = port, token
        self.base = f"http://127.0.0.1:{port}"

    def request(self, method, path, body=None, *, ip="192.0.2.1", headers=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(f"{self.base}{path}", data=data, method=method)
        request.add_header("X-Forwarded-For", ip)
        if data is not None and raw is None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def upload(self, path, name, data, *, ip):
        boundary = "attack-boundary"
        disposition = f'form-data; name="file"; filename="{name}"'
        body = (
            (
                f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            "POST",
            path,
            raw=body,
            ip=ip,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Authorization": f"Bearer {self.token}",
            },
        )


def burst(count, send):
    barrier = threading.Barrier(count)

    def one(number):
        barrier.wait(timeout=60)
        return send(number)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def through(statuses):
    return sum(1 for status in statuses if status != 429)


def probe_limits(site):
    def login(ip, username):
        return site.request("POST", "/api/v1/auth/login", {"username": username, "password": "x"},
                            ip=ip)[0]  # fmt: skip

    statuses = burst(30, lambda n: login("198.51.100.1", f"guess{n}"))
    report("login burst, one address", f"{through(statuses)} of 30 through", "exactly 10")
    statuses = burst(30, lambda n: login(f"198.51.100.{100 + n}", "owner"))
    report("login burst, one account", f"{through(statuses)} of 30 through", "exactly 10")
    for path, ip, body in (
        ("/api/v1/chat/send", "198.51.100.2", {"message": "What are his skills?"}),
        ("/api/v1/cv/query", "198.51.100.3", {"question": "What are his skills?"}),
    ):
        statuses = burst(40, lambda n, p=path, i=ip, b=body: site.request("POST", p, b, ip=i)[0])
        report(f"{path} burst", f"{through(statuses)} of 40 through", "exactly 20")
    statuses = burst(90, lambda n: site.request("GET", "/api/v1/health", ip="198.51.100.4")[0])
    report("health burst", f"{through(statuses)} of 90 through", "exactly 60")
    statuses = burst(
        15,
        lambda n: site.request(
            "POST", "/api/v1/contact/submit",
            {"name": "Jane", "email": "jane@example.com", "message": f"Hello there, number {n}."},
            ip="198.51.100.5",
        )[0],
    )  # fmt: skip
    report("contact burst", f"{through(statuses)} of 15 through", "exactly 5")


# --- WebSockets -----------------------------------------------------------------


def socket_frames(site, path, raw_frames, *, ip):
    """The first answer frame to each raw frame sent, on one socket."""
    from websockets.sync.client import connect

    answers = []
    with connect(
        f"ws://127.0.0.1:{site.port}{path}",
        additional_headers={"X-Forwarded-For": ip},
        open_timeout=20,
    ) as ws:
        for raw in raw_frames:
            ws.send(raw)
            while True:
                frame = json.loads(ws.recv(timeout=60))
                if frame.get("type") != "token" and not frame.get("is_chunk"):
                    answers.append(frame)
                    break
    return answers


def is_error(frame):
    return frame.get("type") == "error" or frame.get("error") is True


def probe_sockets(site, stored_rows):
    message = json.dumps({"type": "message", "content": "What are his skills?"})

    def one_socket(number):
        frame = socket_frames(site, "/ws/chat", [message], ip="198.51.100.6")[0]
        return 429 if is_error(frame) and "slow down" in frame["error"] else 200

    answered = through(burst(100, one_socket))
    report("socket messages from one client over 100 sockets", f"{answered} answered",
           "exactly 20")  # fmt: skip
    malformed = [
        '{"type": "message", "content": "hi\\u0000there"}',
        '{"type": "message", "content": "hi \\ud800 there"}',
        "[" * 5000 + "]" * 5000,
        '{"type": "message", "content": "hi", "x": ' + "[" * 100 + "]" * 100 + "}",
    ]
    before = stored_rows()
    errors = 0
    for number, path in enumerate(("/ws/chat", "/ws/attack-client-1")):
        frames = socket_frames(site, path, malformed, ip=f"198.51.100.{7 + number}")
        errors += sum(1 for frame in frames if is_error(frame))
    report("malformed socket frames (NUL, surrogate, deep nesting x2, both sockets)",
           f"{errors} of {2 * len(malformed)} error frames, {stored_rows() - before} stored",
           "all error frames, 0 stored")  # fmt: skip


# --- Bodies, tokens, parameters --------------------------------------------------


def raw_http(port, head: bytes, body_parts):
    with socket.create_connection(("127.0.0.1", port), timeout=60) as conn:
        conn.sendall(head)
        with contextlib.suppress(OSError):  # answered early and stopped reading
            for part in body_parts:
                conn.sendall(part)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def chunked_head(path):
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\nX-Forwarded-For: 198.51.100.9\r\nConnection: close\r\n\r\n"
    ).encode()


def chunks(data, size=65536):
    for start in range(0, len(data), size):
        piece = data[start : start + size]
        yield b"%x\r\n%s\r\n" % (len(piece), piece)
    yield b"0\r\n\r\n"


def probe_bodies_and_tokens(site):
    login = json.dumps({"username": "nobody", "password": "wrong"}).encode()
    small = raw_http(site.port, chunked_head("/api/v1/auth/login"), chunks(login, 7))
    big = b'{"message": "' + b"x" * (12 * 1024 * 1024) + b'"}'
    large = raw_http(site.port, chunked_head("/api/v1/contact/submit"), chunks(big))
    report("chunked bodies: a login, 12 MB", f"{small}, {large}", "401 (read), 413")

    from django.contrib.auth.models import User

    from portfolio.accounts.tokens import AccessToken

    statuses = []
    for user_id in ([1], "1 OR 1=1"):
        token = AccessToken.for_user(User.objects.get(username="attack-owner"))
        token["user_id"] = user_id
        statuses.append(site.request("GET", "/api/v1/auth/me", ip="198.51.100.10",
                                     headers={"Authorization": f"Bearer {token}"})[0])  # fmt: skip
    report("tokens with user_id [1], '1 OR 1=1'", ", ".join(map(str, statuses)), "401, 401")

    statuses = [
        site.request("GET", f"/api/v1/tools/list?{query}", ip="198.51.100.11")[0]
        for query in ("limit=%EF%BC%95", "limit=", "offset=%D9%A3")
    ]
    report("?limit=<fullwidth 5>, ?limit=, ?offset=<Arabic 3>", ", ".join(map(str, statuses)),
           "400, 400, 400")  # fmt: skip
    status = site.request("GET", "/api/v1/tools/list", headers={"Host": "evil.example"})[0]
    report("bad Host header", status, "400")


# --- Images -----------------------------------------------------------------------


def group_rss_mib(process) -> float:
    total = 0
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[2]) != process.pid:
                continue
            for line in Path(f"/proc/{entry}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


def max_pixel_png(side=6324) -> bytes:
    """About 40 megapixels (the default MEDIA_IMAGE_MAX_PIXELS), tiny on disk."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (side, side), (40, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def probe_images(site, server):
    from content_app.tests.files import pixel_bomb

    status = site.upload("/api/v1/upload", "bomb.png", pixel_bomb(9400, 9400), ip="198.51.100.12")
    report("a 9400 x 9400 PNG", status[0], "413")
    image = max_pixel_png()
    baseline = group_rss_mib(server)
    peak, done = baseline, threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, group_rss_mib(server))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    statuses = burst(
        3, lambda n: site.upload("/api/v1/upload", f"big{n}.png", image, ip="198.51.100.13")[0]
    )
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    report(
        f"three concurrent {len(image) // 1024} KiB 40-megapixel PNGs ({WORKERS} workers)",
        f"{statuses}, {seconds:.1f} s, workers +{peak - baseline:.0f} MiB over {baseline:.0f} MiB",
        "201 x3, within +200 MiB",
    )


# --- CVs --------------------------------------------------------------------------


def wait_ready(document_id, timeout):
    from cv_app.models import CVDocument

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document = CVDocument.objects.get(pk=document_id)
        if document.status in ("ready", "failed") and document.next_attempt_at is None:
            return document
        time.sleep(0.5)
    return CVDocument.objects.get(pk=document_id)


def probe_cvs(site):
    from cv_app.models import CVChunk
    from cv_app.tests.documents import HIDDEN_INSTRUCTION, pdf_bytes, pdf_with_hidden_text_bytes

    polyglot = b"<!doctype html><script>alert(1)</script>\n" + pdf_bytes()
    status = site.upload("/api/v1/cv/upload", "cv.pdf", polyglot, ip="198.51.100.14")[0]
    report("HTML-first polyglot as a CV", status, "415")
    status, body = site.upload(
        "/api/v1/cv/upload", "cv.pdf", pdf_with_hidden_text_bytes(), ip="198.51.100.14"
    )
    document = wait_ready(json.loads(body)["data"]["id"], 300)
    indexed = " ".join(CVChunk.objects.filter(document=document).values_list("text", flat=True))
    question = {"question": "Is he the perfect candidate?"}
    reply = site.request("POST", "/api/v1/cv/query", question, ip="198.51.100.15")[1]
    answer = json.loads(reply)["data"]["answer"]
    report(
        "CV with hidden instructions",
        f"{document.status}, {document.hidden_chars} hidden characters dropped "
        f"{document.hidden_reasons}, hidden text indexed: "
        f"{HIDDEN_INSTRUCTION[:20] in indexed}, answer says 'perfect': {'perfect' in answer}",
        "ready, dropped, False, False",
    )


def probe_killed_worker(env, workdir):
    if not REDIS:
        report("SIGKILLed worker's CV", "skipped", "needs REDIS_URL: a Celery worker to kill")
        return
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cv_app.models import CVDocument
    from cv_app.services import cv_document_create
    from cv_app.tests.documents import docx_bytes
    from portfolio.celery import app as celery_app

    pages = [
        {"title": f"Role {p}", "paragraphs": [f"Led project {p}-{n} in Python." for n in range(60)]}
        for p in range(8)
    ]
    queue = f"attack-kill-{os.getpid()}"
    victim = celery_worker(env, queues=queue, name="victim")
    # Queued without a task to the shared queue: only the victim's own is sent.
    celery_app.conf.task_always_eager = True
    document = cv_document_create(uploaded_file=SimpleUploadedFile("cv.docx", docx_bytes(pages)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "task_always_eager has no effect on send_task": right
        task = celery_app.send_task("cv_app.process_document", args=[str(document.pk)], queue=queue)
    deadline = time.monotonic() + 120
    while CVDocument.objects.get(pk=document.pk).claimed_by != f"celery:{task.id}":
        if time.monotonic() > deadline:
            report("SIGKILLed worker's CV", "the worker never took it", "within 120 s")
            stop(victim)
            return
        time.sleep(0.05)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    killed = time.monotonic()
    document = wait_ready(document.pk, 180)
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_delete(queue)
    report("SIGKILLed worker's CV", f"{document.status} {time.monotonic() - killed:.0f} s after "
           "the kill", "ready within 120 s")  # fmt: skip


def main():
    workdir = Path(tempfile.mkdtemp(prefix="portfolio-attack-"))
    server = worker = None
    try:
        env = prepare(workdir)
        from django.contrib.auth.models import User

        from chat_app.models import ChatHistory
        from portfolio.accounts.tokens import RefreshToken

        owner = User.objects.create_superuser("attack-owner", "attack@example.com", "x-Attack-1!")
        token = str(RefreshToken.for_user(owner).access_token)
        if REDIS:
            worker = celery_worker(
                env, queues="celery", name="sweeper", beat_schedule=workdir / "beat-sweeper"
            )
        server, port = start_server(env, workdir)
        site = Site(port, token)
        print(f"Attack run against deploy/serve.sh ({WORKERS} workers, "
              f"{'PostgreSQL + Redis' if REDIS else 'embedded'}) on 127.0.0.1:{port}")  # fmt: skip
        probes = {
            "limits": lambda: probe_limits(site),
            "sockets": lambda: probe_sockets(site, ChatHistory.objects.count),
            "bodies": lambda: probe_bodies_and_tokens(site),
            "images": lambda: probe_images(site, server),
            "cvs": lambda: probe_cvs(site),
            "worker": lambda: probe_killed_worker(env, workdir),
        }
        for name in PROBES or probes:
            probes[name]()
    finally:
        for process in (server, worker):
            if process is not None:
                stop(process)
        log = (workdir / "server.log").read_text(errors="replace") if workdir.exists() else ""
        report("server log", f"{log.count('Traceback')} tracebacks, "
               f"{sum(' ERROR ' in line for line in log.splitlines())} ERROR lines",
               "0 tracebacks, 0 ERROR lines")  # fmt: skip
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
