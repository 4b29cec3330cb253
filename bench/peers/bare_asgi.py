"""The bare ASGI app for `make bench`: the bytes the project answers, from files,
with no framework at all. The floor any Python server can reach.

    BARE_DIR=/dir/with/bodies granian --interface asgi bench/peers/bare_asgi:app

BARE_DIR holds one file per request (`name.json`) and `index.txt` mapping
"path?query" to the name; an If-None-Match equal to the body's ETag is a 304.
"""

import hashlib
import os
from pathlib import Path

_DIR = Path(os.environ["BARE_DIR"])
_BODIES = {}
for line in (_DIR / "index.txt").read_text().splitlines():
    target, name = line.rsplit(" ", 1)
    body = (_DIR / f"{name}.json").read_bytes()
    etag = ('"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"').encode()
    _BODIES[target] = (body, etag)


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    target = scope["path"] + ("?" + scope["query_string"].decode() if scope["query_string"] else "")
    found = _BODIES.get(target)
    if found is None:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    body, etag = found
    headers = [(b"etag", etag), (b"cache-control", b"no-cache")]
    if dict(scope["headers"]).get(b"if-none-match") == etag:
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    length = str(len(body)).encode()
    headers += [(b"content-type", b"application/json"), (b"content-length", length)]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
