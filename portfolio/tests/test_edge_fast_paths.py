"""More reads on the edge fast path: a blog post, revalidations after an entry expired,
and the edits other workers make."""

import gc

import httpx
import pytest
from asgiref.sync import sync_to_async

from blog_app.models import BlogPost
from portfolio.asgi import http_application
from portfolio.services import seed_load
from portfolio.tests.test_edge_cache import django_requests

pytestmark = pytest.mark.django_db(transaction=True)

TOOLS = "/api/v1/tools/list"
POST = "/api/v1/news/generative-ai-beyond-text-and-images"

__all__ = ["django_requests"]


def client_of(edge):
    transport = httpx.ASGITransport(app=edge)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def workers():
    """Two workers' edges over one Django and one cache (Redis, when configured)."""
    await sync_to_async(seed_load)()
    edges = [http_application(), http_application()]
    async with client_of(edges[0]) as first, client_of(edges[1]) as second:
        yield edges, first, second


async def test_a_post_is_answered_and_revalidated_at_the_edge(workers, django_requests):
    _, http, _ = workers
    first = await http.get(POST)
    second = await http.get(POST)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert first.json()["data"]["slug"] == "generative-ai-beyond-text-and-images"
    assert first.headers["Cache-Control"] == "no-cache"
    response = await http.get(POST, headers={"If-None-Match": first.headers["ETag"]})
    assert response.status_code == 304
    assert len(django_requests) == 1


async def test_an_edit_of_a_post_shows_at_once_in_every_worker(workers):
    _, here, there = workers
    before = [await client.get(POST) for client in (here, there)]
    post = await BlogPost.objects.aget(slug="generative-ai-beyond-text-and-images")
    post.title = "Generative AI, revised"
    await sync_to_async(post.save)()
    for client, old in zip((here, there), before, strict=True):
        after = await client.get(POST, headers={"If-None-Match": old.headers["ETag"]})
        assert after.status_code == 200
        assert after.json()["data"]["title"] == "Generative AI, revised"


async def test_an_unknown_post_and_a_query_string_are_not_kept(workers, django_requests):
    _, http, _ = workers
    for _ in range(2):
        assert (await http.get("/api/v1/news/no-such-post")).status_code == 404
        assert (await http.get(POST, params={"x": "1"})).status_code == 200
    assert len(django_requests) == 4


async def test_revalidations_refill_an_expired_entry(workers, django_requests):
    (edge, _), http, _ = workers
    etag = (await http.get(TOOLS)).headers["ETag"]
    for entry in edge.entries.values():
        entry.expires = 0
    statuses = [
        (await http.get(TOOLS, headers={"If-None-Match": etag})).status_code for _ in range(3)
    ]
    assert statuses == [304, 304, 304]
    # Django answered the first (a 304, which cannot be kept) and was asked for the 200
    # by the second; the third came from the refilled entry.
    assert len(django_requests) == 3
    assert len(edge.entries) == 1


async def test_a_refilled_revalidation_that_no_longer_matches_gets_the_200(workers):
    (edge, _), http, _ = workers
    etag = (await http.get(TOOLS)).headers["ETag"]
    for entry in edge.entries.values():
        entry.expires = 0
    await http.get(TOOLS, headers={"If-None-Match": etag})
    response = await http.get(TOOLS, headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200
    assert response.json()["data"]["total"] == 12
    assert response.headers["X-Request-ID"]


def test_the_asgi_application_freezes_what_it_loaded():
    import portfolio.asgi  # noqa: F401

    assert gc.get_freeze_count() > 10_000
