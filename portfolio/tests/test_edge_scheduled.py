"""Scheduled publishing across workers: two edges over one Django and one cache (Redis,
when configured) show a scheduled post at its time with no edit, hide an unpublished
one at once, and never keep a preview."""

import asyncio
import datetime
import time

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from blog_app.models import BlogPost
from portfolio.preview import preview_link_create
from portfolio.tests.test_edge_cache import django_requests
from portfolio.tests.test_edge_fast_paths import workers

pytestmark = pytest.mark.django_db(transaction=True)

NEWS = "/api/v1/news/list"

__all__ = ["django_requests", "workers"]


def slugs(response):
    return [item["slug"] for item in response.json()["data"]["items"]]


@sync_to_async
def scheduled_post(seconds):
    return BlogPost.objects.create(
        title="On the dot", excerpt="e", content="c", category="Technology",
        publish_at=timezone.now() + datetime.timedelta(seconds=seconds),
    )  # fmt: skip


async def test_a_scheduled_post_appears_in_every_worker_at_its_time(workers):
    _, here, there = workers
    post = await scheduled_post(1.5)
    detail = f"/api/v1/news/{post.slug}"
    for client in (here, there):
        for _ in range(2):  # the second answer comes from the edge
            assert post.slug not in slugs(await client.get(NEWS))
            assert (await client.get(detail)).status_code == 404
    await asyncio.sleep(1.6)
    for client in (here, there):
        assert post.slug in slugs(await client.get(NEWS))
        assert (await client.get(detail)).status_code == 200


async def test_the_edge_keeps_no_entry_past_the_next_scheduled_time(workers):
    (edge, _), http, _ = workers
    await scheduled_post(30)
    await http.get(NEWS)
    [entry] = edge.entries.values()
    assert entry.expires <= time.monotonic() + 30


async def test_unpublishing_hides_a_post_in_every_worker_at_once(workers):
    _, here, there = workers
    post = await BlogPost.objects.afirst()
    for client in (here, there):
        assert post.slug in slugs(await client.get(NEWS))
        await client.get(NEWS)
    post.status = "draft"
    await sync_to_async(post.save)()
    for client in (here, there):
        assert post.slug not in slugs(await client.get(NEWS))


async def test_a_preview_is_never_kept_at_the_edge(workers, django_requests):
    (edge, _), http, _ = workers
    post = await BlogPost.objects.afirst()
    post.status = "draft"
    await sync_to_async(post.save)()
    token = preview_link_create(kind="posts", pk=post.pk)["token"]
    for _ in range(2):
        response = await http.get(f"/api/v1/news/{post.slug}", params={"preview": token})
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store, private"
    assert len(django_requests) == 2
    assert not edge.entries
