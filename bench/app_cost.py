"""The app's own cost per request, in-process: no server, no sockets, no load tool.

Calls the ASGI application in a loop with a fake receive/send, for a 200 and for
its 304 (If-None-Match: the ETag of the 200): once through the whole application
(the edge cache answers), once through Django alone (the view answers from the
shared cache). Run by bench/http_lists.py with the bench database's environment:

    VAR_DIR=/dir/with/db.sqlite3 .venv/bin/python bench/app_cost.py PATH [PATH...]
"""

import asyncio
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


async def call(app, path, etag=None):
    """(status, headers, body length) of one request."""
    target, _, query = path.partition("?")
    headers = [(b"host", b"127.0.0.1"), (b"user-agent", b"bench")]
    if etag:
        headers.append((b"if-none-match", etag))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": target, "raw_path": target.encode(),
             "query_string": query.encode(), "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000)}  # fmt: skip
    answer, sent = {}, []

    async def receive():
        if sent:  # Django then waits for a disconnect that never comes
            await asyncio.Event().wait()
        sent.append(1)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {k.lower(): v for k, v in message["headers"]}
        else:
            answer["size"] = answer.get("size", 0) + len(message.get("body", b""))

    await app(scope, receive, send)
    return answer["status"], answer["headers"], answer.get("size", 0)


async def per_call_us(app, path, etag, calls) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        await call(app, path, etag)
    return (time.perf_counter() - started) / calls * 1e6


async def measure(paths):
    from portfolio.asgi import application, django_asgi_app

    rows = []
    for path in paths:
        status, headers, size = await call(application, path)
        etag = headers[b"etag"]
        assert status == 200 and (await call(application, path, etag))[0] == 304
        for label, app, calls in (("edge", application, 20_000), ("django", django_asgi_app, 300)):
            await per_call_us(app, path, None, calls // 10)  # warm
            full = await per_call_us(app, path, None, calls)
            conditional = await per_call_us(app, path, etag, calls)
            rows.append((path, label, size, full, conditional))
    return rows


def main():
    rows = asyncio.run(measure(sys.argv[1:] or ["/api/v1/tools/list"]))
    print("\n== The app's own cost per request, in-process (fake receive/send, one loop)")
    print(f"{'request':42} {'path':7} {'bytes':>7} {'200 us':>8} {'304 us':>8} {'200/304':>8}")
    for path, label, size, full, conditional in rows:
        print(f"{path:42} {label:7} {size:7d} {full:8.1f} {conditional:8.1f} "
              f"{full / conditional:7.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
