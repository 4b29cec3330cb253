"""An ASGI fast path for cached public reads: repeats never enter Django.

The first GET of a cacheable read goes through Django; the view marks it reusable with
its namespace and version (caching.py), and this middleware keeps the answer in a
bounded per-process LRU. A repeat is answered here, on the event loop, after one
version check (in-process, or one Redis GET, so an edit anywhere shows at once): the
stored bytes, or a 304. The key holds all the answer depends on: path, query, and the
headers Django's middleware reads (Host, Origin, Accept-Language, X-Forwarded-Proto).
Only complete 200s without a cookie are kept; each answer gets its own X-Request-ID
and access-log line, as from Django.
"""

import asyncio
import logging
import time
from collections import OrderedDict

import redis.asyncio
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils.http import parse_etags

from portfolio.api.caching import EDGE_SCOPE_KEY, version_key
from portfolio.logging import log_access, sane_request_id
from portfolio.metrics import record_edge_cache

logger = logging.getLogger(__name__)

MAX_ENTRIES = 512
# An entry is also dropped after this long, so that the edge never keeps an answer
# longer than the shared cache would (and workers without Redis converge).
MAX_AGE_SECONDS = 60.0
MAX_BYTES = 32 * 1024 * 1024
# After a failed Redis read the edge stays out of the way (Django serves, from the
# database if need be) for this long instead of failing every request again.
REDIS_RETRY_SECONDS = 5.0
# Nothing reads the language cookie (portfolio/api/language.py): it is not in the key.
_KEYED = (b"host", b"origin", b"accept-language", b"x-forwarded-proto")
_NOT_ON_304 = {b"content-length", b"content-type"}


class _Entry:
    """One kept answer, with its header lists for a 200 and a 304 built once."""

    __slots__ = ("body", "etag", "expires", "full", "namespace", "not_modified", "version")

    def __init__(self, namespace, version, due, headers, body):
        self.namespace, self.version, self.body = namespace, version, body
        # Never past the next scheduled publish (a unix time): Django then bumps the version.
        age = MAX_AGE_SECONDS if due is None else min(MAX_AGE_SECONDS, due - time.time())
        self.expires = time.monotonic() + age
        self.full = [(k, v) for k, v in headers if k.lower() != b"x-request-id"]
        self.not_modified = [(k, v) for k, v in self.full if k.lower() not in _NOT_ON_304]
        self.etag = next((v.decode("latin-1") for k, v in self.full if k.lower() == b"etag"), "")


class EdgeCacheMiddleware:
    def __init__(self, app):
        self.app = app
        self.entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self.size, self.client, self.client_loop, self.redis_down_until = 0, None, None, 0.0
        # Keys Django answered with a 304: their next revalidation asks it for the 200.
        self.revalidated: set[tuple] = set()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        key, request_id, if_none_match = _read(scope)
        entry = self.entries.get(key)
        if entry is not None:
            fresh = entry.expires > time.monotonic()
            if fresh and await self._version(entry.namespace) == entry.version:
                self.entries.move_to_end(key)
                status = await _answer(entry, send, request_id, if_none_match)
                log_access(method="GET", path=scope["path"], status=status, started=started)
                return record_edge_cache(status=status)
            self._drop(key)
        if not (if_none_match and key in self.revalidated):
            return await self._fill(key, scope, receive, send)
        # Django would answer this revalidation with a 304 again, and a 304 cannot be
        # kept: ask it for the 200 instead, keep that, and answer the 304 here (with the
        # request id and the access line Django gave the 200).
        held = []

        async def hold(message):
            held.append(message)

        headers = [(k, v) for k, v in scope["headers"] if k != b"if-none-match"]
        entry = await self._fill(key, {**scope, "headers": headers}, receive, hold)
        if entry is None:
            for message in held:
                await send(message)
            return
        given = dict((k.lower(), v) for k, v in held[0]["headers"]).get(b"x-request-id")
        await _answer(entry, send, given or request_id, if_none_match)

    async def _version(self, namespace):
        """The namespace's current version, read without leaving the event loop."""
        backend = caches["default"]
        if isinstance(backend, LocMemCache):
            # A dict behind a lock in this process: no I/O, no thread needed.
            return backend.get(version_key(namespace))
        if not settings.REDIS_URL or time.monotonic() < self.redis_down_until:
            return None
        try:
            if self.client_loop is not (loop := asyncio.get_running_loop()):
                # One loop per worker: a new one replaces (and drops) any closed one.
                self.client = redis.asyncio.Redis.from_url(
                    settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5
                )
                self.client_loop = loop
            raw = await self.client.get(backend.make_key(version_key(namespace)))
        except Exception as exc:  # any failure: let Django answer
            logger.warning("Edge cache: Redis unavailable: %s", exc)
            self.redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
            return None
        # django-redis stores integers as their digits (no pickling), so incr works.
        return int(raw) if raw is not None else None

    async def _fill(self, key, scope, receive, send):
        """Django's answer, sent on; returns the entry kept from it, if any."""
        start, chunks, complete = None, [], False
        # The view puts (namespace, version, due) in this list when its answer may be
        # kept (caching.py). A list, not a scope key the view sets: middleware below
        # copy the scope (ASGI says to before changing it), never the list in it.
        marks = []

        async def capturing_send(message):
            nonlocal start, complete
            if message["type"] == "http.response.start":
                start = message
            # The view marks only bodies that fit: others are not collected.
            elif message["type"] == "http.response.body" and marks:
                chunks.append(message.get("body", b""))
                complete = not message.get("more_body", False)
            await send(message)

        await self.app({**scope, EDGE_SCOPE_KEY: marks}, receive, capturing_send)
        marker, status = (marks or [None])[0], start and start["status"]
        if marker and status == 304 and len(self.revalidated) < MAX_ENTRIES:
            self.revalidated.add(key)
        headers = start.get("headers", []) if start else []
        cookie = any(k.lower() == b"set-cookie" for k, _ in headers)
        if not marker or status != 200 or not complete or cookie:
            return None
        self._drop(key)
        self.revalidated.discard(key)
        entry = self.entries[key] = _Entry(*marker, headers, b"".join(chunks))
        self.size += len(entry.body)
        while self.entries and (len(self.entries) > MAX_ENTRIES or self.size > MAX_BYTES):
            self._drop(next(iter(self.entries)))
        return entry

    def _drop(self, key):
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry.body)


def _not_modified(etag, if_none_match) -> bool:
    """If-None-Match's weak comparison (RFC 9110, 13.1.2), as Django's conditional
    responses make it; what a client sends back is mostly our tag as is."""
    if not (etag and if_none_match):
        return False
    if if_none_match == etag:
        return True
    tags = parse_etags(if_none_match)
    return tags == ["*"] or etag.removeprefix("W/") in {t.removeprefix("W/") for t in tags}


async def _answer(entry, send, request_id, if_none_match) -> int:
    not_modified = _not_modified(entry.etag, if_none_match)
    status, body = (304, b"") if not_modified else (200, entry.body)
    headers = [*(entry.not_modified if not_modified else entry.full), (b"x-request-id", request_id)]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
    return status


def _read(scope):
    """(cache key, request id, If-None-Match) from one pass over the headers."""
    headers = {}
    for name, value in scope["headers"]:
        headers[name] = headers[name] + b"," + value if name in headers else value
    request_id = sane_request_id(headers.get(b"x-request-id", b"").decode("latin-1")).encode()
    # The query as sent: sorting it made `?a=1&a=2` and `?a=2&a=1` (Django reads the last
    # value) one entry, and cost more than the rest of a hit's key.
    query = scope.get("query_string", b"")
    key = (scope.get("scheme", "http"), scope["path"], query, *map(headers.get, _KEYED))
    return key, request_id, headers.get(b"if-none-match", b"").decode("latin-1")
