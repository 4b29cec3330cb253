"""Which server runs the app: the candidates side by side, interleaved, same load.

Each candidate serves the same seeded database with the same number of workers;
wrk hits a cached list (the edge-cache path), a search (through Django, cached)
and an uncached detail (Django, a view and a query per request), in rounds, so
noise from a shared machine spreads over all of them. Also checks that the
candidate answers a WebSocket chat frame and a malformed multipart body.

    .venv/bin/python bench/servers.py            # WORKERS=2 ROUNDS=2 DURATION=5s
"""

import asyncio
import json
import os
import socket
import sys

from common import WORKERS, run_wrk, seeded_workdir, server_process, stop

ROUNDS = int(os.environ.get("ROUNDS", "2"))
PATHS = {
    "cached list": "/api/v1/tools/list",
    "search": "/api/v1/tools/list?q=ai",
    "uncached detail": "/api/v1/news/generative-ai-beyond-text-and-images",
}
CANDIDATES = ["daphne", "uvicorn", "gunicorn-uvicorn", "granian", "gunicorn-wsgi"]


def websocket_answers(port) -> bool:
    import websockets

    async def talk():
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/ws/chat", origin="http://localhost:3000", open_timeout=10
        ) as ws:
            await ws.send(json.dumps({"type": "message", "content": "What are his skills?"}))
            while True:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 30))
                if frame.get("type") in {"done", "error"}:
                    return frame["type"] == "done"

    try:
        return asyncio.run(talk())
    except Exception:
        return False


def malformed_multipart_status(port) -> str:
    body = b"--B--\r\n"
    request = (
        b"POST /api/v1/contact/submit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=B\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, payload = answer.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0].decode()
    return f"{status} {'envelope' if b'success' in payload else 'no envelope'}"


def main():
    workdir = seeded_workdir()
    servers = {}
    try:
        for name in CANDIDATES:
            servers[name] = server_process(name, workdir, workers=WORKERS)
        results = {name: {label: [] for label in PATHS} for name in CANDIDATES}
        for _ in range(ROUNDS):
            for label, path in PATHS.items():
                for name in CANDIDATES:
                    _, port = servers[name]
                    results[name][label].append(run_wrk(f"http://127.0.0.1:{port}{path}"))
        print(f"\n== Servers, {WORKERS} workers each, best of {ROUNDS} interleaved rounds")
        print(f"{'server':18} {'request':16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
        for name in CANDIDATES:
            for label in PATHS:
                rps, p50, p99, _ = max(results[name][label])
                print(f"{name:18} {label:16} {rps:8.0f} {p50:8.2f} {p99:8.2f}")
        print("\n== Protocols")
        for name in CANDIDATES:
            _, port = servers[name]
            ws = "n/a (HTTP only)" if name == "gunicorn-wsgi" else websocket_answers(port)
            print(f"{name:18} websocket chat: {ws!s:16} empty multipart: "
                  f"{malformed_multipart_status(port)}")  # fmt: skip
    finally:
        for process, _ in servers.values():
            stop(process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
