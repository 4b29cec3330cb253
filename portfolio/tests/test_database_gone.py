"""The database really gone, under the production server (deploy/serve.sh): health
answers 503 within 2 s, every endpoint and page a 503 in its own shape within 3 s
(the envelope under /api/v1, the raw shape on the resume site's paths, a small HTML
page for `/` and the feed), a contact message is never answered 201, and once the
database is back the same server answers again, with no restart."""

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.conf import settings

from portfolio.testing import free_port, serve_sh, serve_sh_env

ROOT = Path(__file__).resolve().parents[2]
HEALTH_BOUND, REQUEST_BOUND = 2.0, 3.0
CONTACT = {"name": "Jane", "email": "jane@example.com", "message": "Hello, is anyone there?"}
SEND_EMAIL = {"from_email": "jane@example.com", "subject": "Hi", "message": "Hello, anyone?"}


def request(base, method, path, body=None, **headers):
    """(status, content type, body text, seconds taken)."""
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        headers["Content-Type"] = "application/json"
    call = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(call, timeout=30) as response:
            status, kind, text = response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        status, kind, text = error.code, error.headers["Content-Type"], error.read()
    return status, kind or "", text.decode(), time.monotonic() - started


@contextmanager
def served(database_url, workdir, **extra):
    """deploy/serve.sh over `database_url`; yields its base URL once it answers at all."""
    port = free_port()
    env = serve_sh_env(
        workdir,
        port,
        **{
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "CRITICAL",
            "COLLECT_STATIC": "false",
            "OPENAI_API_KEY": "",
            "OPENROUTER_API_KEY": "",
            **extra,
        },
    )
    with serve_sh(env=env, port=port, timeout=90) as base:
        yield base


def assert_everything_answers_503_in_time(base):
    status, kind, body, took = request(base, "GET", "/api/v1/health")
    assert (status, took < HEALTH_BOUND) == (503, True), (status, took)
    assert json.loads(body)["details"]["checks"]["database"] == {"status": "error"}
    status, _, body, took = request(base, "GET", "/api/health")
    assert (status, json.loads(body)["status"], took < HEALTH_BOUND) == (503, "unhealthy", True)

    envelope = [
        ("GET", "/api/v1/tools/list?q=nothing-cached", None),
        ("GET", "/api/v1/news/list?q=nothing-cached", None),
        ("POST", "/api/v1/auth/login", {"username": "owner", "password": "secret-password"}),
        ("POST", "/api/v1/chat/send", {"message": "Who are you?"}),
        ("POST", "/api/v1/contact/submit", CONTACT),
    ]
    for method, path, payload in envelope:
        status, kind, body, took = request(base, method, path, payload)
        assert (status, kind, took < REQUEST_BOUND) == (503, "application/json", True), (path, took)
        assert json.loads(body)["success"] is False, path

    contact = json.loads(request(base, "POST", "/api/v1/contact/submit", CONTACT)[2])
    assert "try again" in contact["error"]

    for method, path, payload in [
        ("GET", "/api/skills?lang=es", None),
        ("GET", "/api/experience", None),
        ("POST", "/api/contact/send-email", SEND_EMAIL),
    ]:
        status, kind, body, took = request(base, method, path, payload)
        assert (status, took < REQUEST_BOUND) == (503, True), (path, took)
        assert set(json.loads(body)) == {"detail"}, path
    sent = json.loads(request(base, "POST", "/api/contact/send-email", SEND_EMAIL)[2])
    assert "try again" in sent["detail"]

    for path in ("/", "/?lang=es", "/feed/news.xml"):
        status, kind, body, took = request(base, "GET", path)
        assert (status, kind.split(";")[0], took < REQUEST_BOUND) == (503, "text/html", True), (
            path,
            took,
        )
        assert "<h1>" in body and "Traceback" not in body
    spanish = request(base, "GET", "/", **{"Accept-Language": "es"})[2]
    assert "Temporalmente no disponible" in spanish


def test_with_no_database_at_all_everything_answers_a_quick_503(tmp_path):
    # A loopback port where nothing listens: every connection is refused.
    nowhere = f"postgres://postgres@127.0.0.1:{free_port()}/portfolio"
    with served(nowhere, tmp_path) as base:
        assert_everything_answers_503_in_time(base)


class Gate:
    """A TCP forwarder on loopback to the real PostgreSQL that can be shut (every
    connection cut, new ones refused) and opened again: the database gone and back."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.listener = None
        self.links = []
        self.lock = threading.Lock()

    def open(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def shut(self):
        # shutdown() first: a close() alone leaves the accept() blocked in the other
        # thread listening (Linux), and new connections would still get through.
        with suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for link in self.links:
                with suppress(OSError):
                    link.shutdown(socket.SHUT_RDWR)
                link.close()
            self.links.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.links += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


@pytest.fixture
def gated_database(django_db_blocker):
    """A database of its own on the real PostgreSQL, migrated and seeded, reached
    through a Gate; yields (its URL through the gate, the gate)."""
    import psycopg

    real = settings.DATABASES["default"]
    name = f"{real['NAME']}_gone"
    admin = dict(host=real["HOST"] or "127.0.0.1", port=real["PORT"] or 5432,
                 user=real["USER"], password=real["PASSWORD"], dbname="postgres")  # fmt: skip
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    gate = Gate((admin["host"], int(admin["port"])))
    gate.open()
    auth = f"{real['USER']}:{real['PASSWORD']}@" if real["PASSWORD"] else f"{real['USER']}@"
    url = f"postgres://{auth}127.0.0.1:{gate.port}/{name}"
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DATABASE_URL=url, LOG_LEVEL="WARNING")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0", "--noinput"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed"], cwd=ROOT, env=env, check=True, capture_output=True)
    try:
        yield url, gate
    finally:
        with suppress(OSError):
            gate.shut()
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_the_database_gone_then_back_needs_no_restart(gated_database, tmp_path):
    url, gate = gated_database
    workdir = tmp_path / "server"
    workdir.mkdir()
    try:
        # Health's public answer is reused for a few seconds: here it must be fresh.
        with served(url, workdir, HEALTH_CACHE_SECONDS="0", HEALTH_RATE_LIMIT="1000/min") as base:
            assert request(base, "GET", "/api/v1/health")[0] == 200
            assert request(base, "GET", "/")[0] == 200

            gate.shut()
            assert_everything_answers_503_in_time(base)

            gate.open()
            deadline = time.monotonic() + 60
            while request(base, "GET", "/api/v1/health")[0] != 200:
                assert time.monotonic() < deadline, "no recovery within a minute"
                time.sleep(1)
            assert request(base, "GET", "/")[0] == 200
            assert request(base, "GET", "/api/v1/tools/list?q=after")[0] == 200
            status, _, body, _ = request(base, "POST", "/api/v1/contact/submit", CONTACT)
            assert status == 201 and json.loads(body)["success"] is True
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
