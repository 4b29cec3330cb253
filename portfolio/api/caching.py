"""Rendered list payloads cached per namespace, with an ETag and 304 on If-None-Match.

Invalidation bumps a namespace version instead of deleting keys: it works the
same on the local-memory cache and on Redis, and a reader holding an old
version simply misses. With Redis every web process sees the bump at once.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from portfolio.api.renderers import dumps, envelope
from portfolio.api.views import PublicApi

PAYLOAD_TIMEOUT = 24 * 3600


def version_key(namespace):
    return f"list-version:{namespace}"


def _current_version(namespace):
    key = version_key(namespace)
    version = cache.get(key)
    if version is None:
        # A fresh number, never a reused one: entries cached under an evicted
        # version key must not come back to life.
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key)
    return version


def invalidate(namespace):
    key = version_key(namespace)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)


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


def _cache_key(namespace, version, params):
    canonical = "&".join(f"{k}={params[k]}" for k in sorted(params) if params[k] is not None)
    digest = hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest()
    return f"list:{namespace}:{version}:{digest}"


def cached_json_response(request, *, namespace, params, build):
    """The envelope around `build()`, from the cache when it can be, as a conditional response."""
    key = _cache_key(namespace, _current_version(namespace), params)
    cached = cache.get(key)
    if cached is None:
        body = dumps(envelope(build()))
        etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        cached = (etag, body)
        cache.set(key, cached, timeout=PAYLOAD_TIMEOUT)
    etag, body = cached

    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    # Clients may keep a copy but must revalidate; the ETag makes that a 304.
    patch_cache_control(response, no_cache=True)
    return get_conditional_response(request, etag=etag, response=response)


def cached_value(namespace, key, build, *, timeout=PAYLOAD_TIMEOUT):
    """`build()` cached under the namespace's current version (same invalidation as the
    lists). A None result is not cached."""
    full_key = f"value:{namespace}:{_current_version(namespace)}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(full_key, value, timeout=timeout)
    return value


class CachedListApi(PublicApi):
    """A public list: validated query parameters, then the payload from the cache
    (per parameter set and namespace version), answered with an ETag or a 304.

    Subclasses name the query serializer, the item serializer, the cache
    namespace, and `select`, a selector taking `filters` and `limit` that
    returns (items, total).
    """

    query_serializer_class: type
    item_serializer_class: type
    cache_namespace: str

    def select(self, *, filters, limit):
        raise NotImplementedError

    def get(self, request):
        query = self.query_serializer_class(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = dict(query.validated_data)
        limit = filters.pop("limit", None)

        def build():
            items, total = self.select(filters=filters, limit=limit)
            return {"items": self.item_serializer_class(items, many=True).data, "total": total}

        return cached_json_response(
            request, namespace=self.cache_namespace, params={**filters, "limit": limit}, build=build
        )
