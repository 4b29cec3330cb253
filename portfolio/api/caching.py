"""Rendered read payloads cached per namespace, with an ETag and 304 on If-None-Match.

Invalidation bumps a namespace version instead of deleting keys: it works the
same on the local-memory cache and on Redis, and a reader holding an old
version simply misses. With Redis every web process sees the bump at once.

Keys come from the validated, canonical query (sorted, urlencoded, unknown
parameters dropped), so `?q=a%26status%3DPopular` and `?q=a&status=Popular`
can never share an entry. Entries are bounded: a page is at most MAX_LIMIT
rows, and bodies over SHARED_MAX_BYTES (or searches over SEARCH_MAX_BYTES) are
served but not stored. The cache is an optimisation only: when it is down
(Redis unreachable) every read is built from the database.

Under ASGI, views also mark a response as safe for the per-process edge cache
(portfolio/api/edge_cache.py), which then answers repeats without entering Django.
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from rest_framework import serializers

from portfolio.api.renderers import dumps, envelope
from portfolio.api.views import PublicApi

logger = logging.getLogger(__name__)

PAYLOAD_TIMEOUT = 3600
DEFAULT_LIMIT = 100
MAX_LIMIT = 200
SHARED_MAX_BYTES = 1024 * 1024
SEARCH_MAX_BYTES = 16 * 1024
# The scope key under which a view tells the ASGI edge cache "this answer may be reused".
EDGE_SCOPE_KEY = "portfolio.edge_cache"


def _cache_errors():
    errors = [OSError]
    try:
        from redis.exceptions import RedisError

        errors.append(RedisError)
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    try:
        from django_redis.exceptions import ConnectionInterrupted

        errors.append(ConnectionInterrupted)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


CACHE_ERRORS = _cache_errors()


def _safely(operation, default=None):
    """A cache call that degrades to `default` when the cache server is unreachable."""
    try:
        return operation()
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, reading from the database: %s", exc)
        return default


# --- Versions -----------------------------------------------------------------


def version_key(namespace):
    return f"list-version:{namespace}"


def current_version(namespace):
    """The namespace's version, or None when the cache cannot be reached."""

    def read():
        key = version_key(namespace)
        version = cache.get(key)
        if version is None:
            # A fresh number, never a reused one: entries cached under an evicted
            # version key must not come back to life.
            cache.add(key, time.time_ns(), timeout=None)
            version = cache.get(key)
        return version

    return _safely(read)


def invalidate(namespace):
    def bump():
        key = version_key(namespace)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, time.time_ns(), timeout=None)

    _safely(bump)


def invalidate_on_change(namespace, *models):
    """Bump the namespace whenever one of the models is saved or deleted, from anywhere."""

    def handler(**kwargs):
        invalidate(namespace)
        # Again once the transaction commits: a reader that ran between the
        # save and the commit may have cached the old rows under the new version.
        transaction.on_commit(lambda: invalidate(namespace))

    for model in models:
        uid = f"invalidate-{namespace}-{model._meta.label}"
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


# --- Keys ---------------------------------------------------------------------


def canonical_query(params) -> str:
    """Sorted and urlencoded, blanks left out: one spelling per meaning."""
    return urlencode(sorted((k, str(v)) for k, v in params.items() if v not in (None, "")))


def _cache_key(namespace, version, params):
    digest = hashlib.blake2b(canonical_query(params).encode(), digest_size=16).hexdigest()
    return f"list:{namespace}:{version}:{digest}"


# --- Responses ----------------------------------------------------------------


def cached_json_response(
    request, *, namespace, params, build, wrap=True, searched=False, edge=True
):
    """`build()` as JSON (in the envelope unless `wrap` is False), from the cache when
    it can be, as a conditional response: a matching If-None-Match is a 304 without
    building anything."""
    version = current_version(namespace)
    key = _cache_key(namespace, version, params) if version is not None else None
    cached = _safely(lambda: cache.get(key)) if key else None
    if cached is None:
        payload = build()
        body = dumps(envelope(payload) if wrap else payload)
        etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        cached = (etag, body)
        if key and len(body) <= (SEARCH_MAX_BYTES if searched else SHARED_MAX_BYTES):
            _safely(lambda: cache.set(key, cached, timeout=PAYLOAD_TIMEOUT))
    etag, body = cached

    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    # Clients may keep a copy but must revalidate; the ETag makes that a 304.
    patch_cache_control(response, no_cache=True)
    if edge and version is not None:
        allow_edge_reuse(request, namespace=namespace, version=version, size=len(body))
    return get_conditional_response(request, etag=etag, response=response)


def allow_edge_reuse(request, *, namespace, version, size):
    """Under ASGI: the edge cache may answer this same request again while the
    namespace stays at `version`. Only for queries spelled canonically enough that
    a stranger cannot fill the edge with variants (unknown parameters: no)."""
    scope = getattr(request, "scope", None)
    known = getattr(request, "edge_known_params", None)
    if scope is None or known is None or size > SHARED_MAX_BYTES:
        return
    if any(name not in known for name in request.GET):
        return
    scope[EDGE_SCOPE_KEY] = (namespace, version)


def cached_value(namespace, key, build, *, timeout=PAYLOAD_TIMEOUT):
    """`build()` cached under the namespace's current version (same invalidation as the
    lists). A None result is not cached."""
    version = current_version(namespace)
    full_key = f"value:{namespace}:{version}:{key}"
    value = _safely(lambda: cache.get(full_key)) if version is not None else None
    if value is None:
        value = build()
        if value is not None and version is not None:
            _safely(lambda: cache.set(full_key, value, timeout=timeout))
    return value


# --- Pagination ---------------------------------------------------------------


class PageQuerySerializer(serializers.Serializer):
    """`limit` (default 100, at most 200: above is a 400) and `offset` on every list."""

    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_LIMIT, default=DEFAULT_LIMIT
    )
    # Bounded so the database never sees an offset past its integer range (SQLite's
    # is 64-bit); nobody pages a billion rows in.
    offset = serializers.IntegerField(
        required=False, min_value=0, max_value=1_000_000_000, default=0
    )


def page_of(rows, *, limit, offset):
    """A page of an already materialised list, as the lists answer it."""
    return {
        "items": rows[offset : offset + limit],
        "total": len(rows),
        "limit": limit,
        "offset": offset,
    }


def validated_page(request, serializer_class=PageQuerySerializer):
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


class CachedListApi(PublicApi):
    """A public list: validated query parameters, then the page from the cache
    (per canonical parameter set and namespace version), answered with an ETag or a 304.

    Subclasses name the query serializer (a PageQuerySerializer), the item
    serializer, the cache namespace, and `select`, a selector taking `filters`,
    `limit` and `offset` that returns (items, total).
    """

    query_serializer_class: type = PageQuerySerializer
    item_serializer_class: type
    cache_namespace: str

    def select(self, *, filters, limit, offset):
        raise NotImplementedError

    def get(self, request):
        filters = validated_page(request, self.query_serializer_class)
        limit, offset = filters.pop("limit"), filters.pop("offset")
        request._request.edge_known_params = set(self.query_serializer_class().fields)

        def build():
            items, total = self.select(filters=filters, limit=limit, offset=offset)
            return {
                "items": self.item_serializer_class(items, many=True).data,
                "total": total,
                "limit": limit,
                "offset": offset,
            }

        return cached_json_response(
            request,
            namespace=self.cache_namespace,
            params={**filters, "limit": limit, "offset": offset},
            build=build,
            searched=bool(filters.get("q")),
        )
