"""An ASGI fast path for cached public reads: repeats never enter Django.

Django's ASGI handler switches threads several times per request (the
request_started/finished signals, every sync middleware and view), which costs
more than building a cached list. So the first GET of a cacheable read goes
through Django as usual; the view marks it reusable (portfolio/api/caching.py:
`allow_edge_reuse`, with the namespace and its version), and this middleware
keeps the answer Django gave (status, headers, body) in a bounded per-process
LRU. A repeat of the same request is answered here, on the event loop: the only
work is one version check (an in-process read, or one Redis GET without a thread)
so an edit anywhere invalidates it at once, then the stored bytes or a 304.

The key is everything the answer depends on besides the cached namespace: the
path, the sorted query, and the request headers Django's middleware reads for
these endpoints (Host, Origin, Accept-Language, X-Forwarded-Proto, the language
cookie). Answers that set a cookie, are not 200, or are bigger than the cap are
not kept. Each answer gets its own X-Request-ID and access-log line, as from Django.
"""

import asyncio
import logging
import time
from collections import OrderedDict
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils.http import parse_etags

from portfolio.api.caching import EDGE_SCOPE_KEY, SHARED_MAX_BYTES, version_key
from portfolio.logging import REQUEST_ID_HEADER, log_access, sane_request_id
from portfolio.metrics import record_edge_cache

logger = logging.getLogger(__name__)

MAX_ENTRIES = 512
# An entry is also dropped after this long, so that the edge never keeps an answer
# longer than the shared cache would (and workers without Redis converge).
MAX_AGE_SECONDS = 60.0
MAX_BYTES = 32 * 1024 * 1024
_NOT_ON_304 = {b"content-length", b"content-type"}
# After a failed Redis read the edge stays out of the way (Django serves, from
# the database if need be) for this long instead of failing every request again.
REDIS_RETRY_SECONDS = 5.0


class _Versions:
    """The namespaces' current versions, read without leaving the event loop."""

    def __init__(self):
        self._clients = {}
        self._down_until = 0.0

    async def get(self, namespace):
        backend = caches["default"]
        key = version_key(namespace)
        if isinstance(backend, LocMemCache):
            # A dict behind a lock in this process: no I/O, no thread needed.
            return backend.get(key)
        if not settings.REDIS_URL or time.monotonic() < self._down_until:
            return None
        try:
            raw = await self._client().get(backend.make_key(key))
        except Exception as exc:  # any failure: let Django answer
            logger.warning("Edge cache: Redis unavailable: %s", exc)
            self._down_until = time.monotonic() + REDIS_RETRY_SECONDS
            return None
        # django-redis stores integers as their digits (no pickling), so incr works.
        return int(raw) if raw is not None else None

    def _client(self):
        import redis.asyncio

        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            self._clients = {loop: client}  # one loop per worker; drop closed ones
            client = redis.asyncio.Redis.from_url(
                settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5
            )
            self._clients[loop] = client
        return client


class _Entry:
    __slots__ = ("body", "etag", "expires", "headers", "namespace", "version")

    def __init__(self, namespace, version, headers, body):
        self.namespace, self.version, self.body = namespace, version, body
        self.expires = time.monotonic() + MAX_AGE_SECONDS
        self.headers = [(k, v) for k, v in headers if k.lower() != b"x-request-id"]
        self.etag = next((v for k, v in headers if k.lower() == b"etag"), None)


class EdgeCacheMiddleware:
    def __init__(self, app, *, max_entries=MAX_ENTRIES, max_bytes=MAX_BYTES):
        self.app = app
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self.size = 0
        self.versions = _Versions()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        key = request_key(scope)
        entry = self.entries.get(key)
        if entry is not None:
            fresh = entry.expires > time.monotonic()
            if fresh and await self.versions.get(entry.namespace) == entry.version:
                self.entries.move_to_end(key)
                return await self._answer(entry, scope, send, started)
            self._drop(key)
        await self._fill(key, scope, receive, send)

    async def _fill(self, key, scope, receive, send):
        start, chunks, size, complete = None, [], 0, False

        async def capturing_send(message):
            nonlocal start, size, complete
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None:
                if size <= SHARED_MAX_BYTES:
                    chunks.append(message.get("body", b""))
                    size += len(chunks[-1])
                complete = not message.get("more_body", False)
            await send(message)

        await self.app(scope, receive, capturing_send)
        marker = scope.get(EDGE_SCOPE_KEY)
        if marker is None or start is None or not complete or start["status"] != 200:
            return
        headers = list(start.get("headers", []))
        if size > SHARED_MAX_BYTES or any(k.lower() == b"set-cookie" for k, _ in headers):
            return
        self._store(key, _Entry(marker[0], marker[1], headers, b"".join(chunks)))

    def _store(self, key, entry):
        self._drop(key)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.entries and (len(self.entries) > self.max_entries or self.size > self.max_bytes):
            self._drop(next(iter(self.entries)))

    def _drop(self, key):
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry.body)

    async def _answer(self, entry, scope, send, started):
        request_id = _request_id(scope)
        not_modified = entry.etag is not None and _etag_matches(scope, entry.etag)
        if not_modified:
            status, body = 304, b""
            headers = [(k, v) for k, v in entry.headers if k.lower() not in _NOT_ON_304]
        else:
            status, body, headers = 200, entry.body, list(entry.headers)
        headers.append((REQUEST_ID_HEADER.lower().encode(), request_id.encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        log_access(method="GET", path=scope["path"], status=status, started=started)
        record_edge_cache(status=status)


def request_key(scope) -> tuple:
    host = origin = language = proto = cookie = b""
    for name, value in scope.get("headers", ()):
        if name == b"host":
            host = value
        elif name == b"origin":
            origin = value
        elif name == b"accept-language":
            language = value
        elif name == b"x-forwarded-proto":
            proto = value
        elif name == b"cookie":
            cookie = value
    query = scope.get("query_string", b"")
    if query:
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        query = urlencode(sorted(pairs))
    return (
        scope.get("scheme", "http"),
        scope["path"],
        query,
        host,
        origin,
        language,
        proto,
        _language_cookie(cookie),
    )


def _language_cookie(raw):
    if not raw:
        return ""
    try:
        morsel = SimpleCookie(raw.decode("latin-1")).get(settings.LANGUAGE_COOKIE_NAME)
    except Exception:  # a malformed cookie header: Django ignores it too
        return ""
    return morsel.value if morsel else ""


def _request_id(scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            return sane_request_id(value.decode("latin-1"))
    return sane_request_id("")


def _etag_matches(scope, etag) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"if-none-match":
            tags = parse_etags(value.decode("latin-1"))
            if "*" in tags:
                return True
            ours = etag.decode("latin-1").removeprefix("W/")
            return any(tag.removeprefix("W/") == ours for tag in tags)
    return False
