"""Rendered read payloads cached per namespace, with an ETag and 304 on If-None-Match.

Invalidation bumps a namespace version instead of deleting keys: it works the same
on the local-memory cache and on Redis (where every process sees the bump at once),
and a reader holding an old version simply misses. Keys come from the validated,
canonical query, so `?q=a%26status%3DPopular` and `?q=a&status=Popular` never share
an entry; bodies over SHARED_MAX_BYTES (searches: SEARCH_MAX_BYTES) are served but
not stored. The cache is an optimisation only: with Redis down (IGNORE_EXCEPTIONS)
every read is built from the database. Views also mark answers for edge_cache.py.

Scheduled publishing (portfolio/publishing.py) changes what a read shows with no save
to bump anything, so a namespace holding publishable models also keeps, beside its
version, the next `publish_at` still ahead (`list-due:<ns>`, read in the same round trip
and tagged with the version it was computed under). A reader that finds that time
passed bumps the version (every process then misses) and stores the next one; the edge
keeps no answer past it.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from portfolio.api.pagination import PAGE_FIELDS, PageQuerySerializer, page_of
from portfolio.api.renderers import dumps, envelope
from portfolio.api.views import PublicApi, validated
from portfolio.publishing import next_publish_at

PAYLOAD_TIMEOUT = 3600
SHARED_MAX_BYTES = 1024 * 1024
SEARCH_MAX_BYTES = 16 * 1024
# The scope key of the list in which a view tells the ASGI edge cache "this answer may
# be reused".
EDGE_SCOPE_KEY = "portfolio.edge_cache"


# The due time stored when nothing is scheduled.
NOTHING_DUE = 0.0
# {namespace: [publishable models]}, filled by invalidate_on_change.
_scheduled: dict[str, list] = {}


def version_key(namespace):
    return f"list-version:{namespace}"


def due_key(namespace):
    return f"list-due:{namespace}"


def current_version(namespace):
    return version_and_due(namespace)[0]


def version_and_due(namespace):
    """(version, unix time of the next scheduled publish or None). The version is bumped
    first when that time has passed, so nothing built before it is served after it."""
    key = version_key(namespace)
    if namespace not in _scheduled:
        return _version_or_new(key, cache.get(key)), None
    found = cache.get_many([key, due_key(namespace)])
    version = found.get(key)
    # Kept as (the version it was computed under, due): a save bumps the version, so a
    # due time computed from rows the save changed is never trusted.
    computed_under, due = found.get(due_key(namespace), (None, None))
    if version is not None and computed_under == version and NOTHING_DUE < due <= time.time():
        version, computed_under = invalidate(namespace), None
    version = _version_or_new(key, version)
    if version is None:  # no cache: every read is built from the database anyway
        return None, None
    if computed_under != version:
        due = _next_due(namespace)
        cache.set(due_key(namespace), (version, due), timeout=None)
    return version, (due or None)


def _version_or_new(key, version):
    # A fresh number, never a reused one: entries cached under an evicted version key
    # must not come back to life. (add() is None, not a bool, when Redis is down.)
    if version is None and cache.add(key, time.time_ns(), timeout=None) is not None:
        version = cache.get(key)
    return version


def _next_due(namespace) -> float:
    due = next_publish_at(*_scheduled[namespace])
    return due.timestamp() if due is not None else NOTHING_DUE


def invalidate(namespace):
    """Bumps the namespace's version; returns the new one (None when unknown)."""
    key = version_key(namespace)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)
        return None


def invalidate_on_change(namespace, *models):
    """Bump the namespace whenever one of the models is saved or deleted, from anywhere;
    for publishable models, also when a scheduled item comes due."""
    publishable = [m for m in models if hasattr(m.objects, "scheduled")]
    if publishable:
        known = _scheduled.setdefault(namespace, [])
        known.extend(m for m in publishable if m not in known)

    def handler(**kwargs):
        invalidate(namespace)
        # Again once the transaction commits: a reader that ran between the
        # save and the commit may have cached the old rows under the new version.
        transaction.on_commit(lambda: invalidate(namespace))

    for model in models:
        uid = f"invalidate-{namespace}-{model._meta.label}"
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def cached_body(namespace, key, render) -> bytes:
    """`render()`, the body of a response that is not JSON (the generated resume PDF),
    kept like the JSON ones under the namespace's version (rendered every time when the
    cache is unreachable)."""
    version = current_version(namespace)
    full_key = f"{namespace}:{version}:body:{key}"
    body = cache.get(full_key) if version is not None else None
    if body is None:
        body = render()
        if version is not None:
            cache.set(full_key, body, timeout=PAYLOAD_TIMEOUT)
    return body


def cached_json_response(
    request, *, namespace, params, build, wrap=True, searched=False, edge_params=None
):
    """`build()` as JSON (in the envelope unless `wrap` is False), from the cache when
    it can be, as a conditional response: a matching If-None-Match is a 304 without
    building anything. Under ASGI the edge cache may repeat it for queries of
    `edge_params` alone (None: never), so a stranger cannot fill it with variants."""

    def render():
        body = dumps(envelope(build()) if wrap else build())
        return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"', body

    limit = SEARCH_MAX_BYTES if searched else SHARED_MAX_BYTES
    # Sorted and urlencoded, blanks left out: one spelling per meaning.
    query = urlencode(sorted((k, str(v)) for k, v in params.items() if v not in (None, "")))
    digest = hashlib.blake2b(query.encode(), digest_size=16).hexdigest()
    version, due = version_and_due(namespace)
    key = f"{namespace}:{version}:list:{digest}"
    found = cache.get(key) if version is not None else None
    etag, body = found or render()
    if found is None and version is not None and len(body) <= limit:
        cache.set(key, (etag, body), timeout=PAYLOAD_TIMEOUT)
    # Clients may keep a copy but must revalidate; the ETag makes that a 304.
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    response = HttpResponse(body, content_type="application/json", headers=headers)
    # The edge may answer this same request again while the namespace stays at `version`
    # (under ASGI with EDGE_CACHE on, it passes a list for that in the scope).
    marks = getattr(request, "scope", {}).get(EDGE_SCOPE_KEY)
    fits = None not in (version, marks, edge_params) and len(body) <= SHARED_MAX_BYTES
    if fits and all(name in edge_params for name in request.GET):
        marks.append((namespace, version, due))
    return get_conditional_response(request, etag=etag, response=response)


class CachedListApi(PublicApi):
    """A public list, cached per canonical query and namespace version, with an ETag;
    subclasses add `select(filters=)` -> the matching rows, which `page_of` pages."""

    query_serializer_class: type = PageQuerySerializer
    item_serializer_class: type
    cache_namespace: str

    def get(self, request):
        params = validated(self.query_serializer_class, request.query_params)
        filters = {k: v for k, v in params.items() if k not in PAGE_FIELDS}

        def build():
            return page_of(request, self.select(filters=filters), self.item_serializer_class)

        return cached_json_response(
            request,
            namespace=self.cache_namespace,
            params=params,
            build=build,
            searched=bool(filters.get("q")),
            edge_params=tuple(self.query_serializer_class().fields),
        )
