"""The production server (deploy/serve.sh, what `make serve` and the image run),
started for real: HTTP, WebSocket chat and malformed bodies, over a socket."""

import json
import shutil
import socket
import urllib.request
from pathlib import Path

import pytest
import websockets

from bench.common import migrate_and_seed
from portfolio.testing import free_port, serve_sh, serve_sh_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = serve_sh_env(workdir, port)
    migrate_and_seed(env)
    try:
        with serve_sh(env=env, port=port):
            yield port
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def raw_request(port, head: bytes, body: bytes = b""):
    with socket.create_connection(("127.0.0.1", port), timeout=15) as conn:
        conn.sendall(head + body)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, payload = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), head.decode("latin-1").lower(), payload


def test_http_reads_are_served_with_their_etag(server):
    with urllib.request.urlopen(f"http://127.0.0.1:{server}/api/v1/tools/list") as response:
        assert response.status == 200
        assert json.loads(response.read())["data"]["total"] == 12
        assert response.headers["ETag"]


def test_an_empty_multipart_body_answers_the_error_envelope(server):
    body = b"--B--\r\n"
    status, head, payload = raw_request(
        server,
        b"POST /api/v1/contact/submit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=B\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n",
        body,
    )
    assert status == 400
    assert "content-type: application/json" in head
    assert json.loads(payload)["success"] is False


async def test_websocket_chat_answers(server):
    async with websockets.connect(
        f"ws://127.0.0.1:{server}/ws/chat", origin="http://localhost:3000", open_timeout=15
    ) as ws:
        await ws.send(json.dumps({"type": "message", "content": "What are his skills?"}))
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] in {"done", "error"}:
                break
    assert frame["type"] == "done"
    assert frame["answer"]


def chunked(body: bytes, size=7) -> bytes:
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def chunked_post(port, path, body: bytes):
    return raw_request(
        port,
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\n",
        chunked(body),
    )


def test_a_chunked_login_body_is_read_like_any_other(server):
    body = json.dumps({"username": "nobody", "password": "wrong"}).encode()
    status, _, payload = chunked_post(server, "/api/v1/auth/login", body)
    assert status == 401  # the credentials were read, and are wrong
    assert json.loads(payload)["error"] == "The username or password is not correct."


def test_a_chunked_contact_body_is_read_like_any_other(server):
    body = json.dumps({"name": "Jane", "email": "not-an-email", "message": "Hello there"})
    status, _, payload = chunked_post(server, "/api/v1/contact/submit", body.encode())
    assert status == 400
    assert list(json.loads(payload)["details"]) == ["email"]


def test_a_chunked_body_past_the_limit_is_a_413(server):
    head = (
        b"POST /api/v1/contact/submit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\n"
    )
    piece = b"x" * 65536
    with socket.create_connection(("127.0.0.1", server), timeout=15) as conn:
        conn.sendall(head)
        try:
            for _ in range(12 * 16):  # 12 MB, past REQUEST_BODY_MAX_BYTES (11 MB)
                conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            conn.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and stopped reading: the answer is waiting
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert int(head.split(b" ")[1]) == 413
    assert b"content-type: application/json" in head.lower()
    assert json.loads(payload)["success"] is False
