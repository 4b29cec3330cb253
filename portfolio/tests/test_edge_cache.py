"""The ASGI edge cache: repeats of cached reads are answered without entering Django."""

import logging

import httpx
import pytest
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.core.signals import request_started

from portfolio.asgi import http_application
from portfolio.services import seed_load
from portfolio.testing import cache_server_down
from tools_app.models import AITool

pytestmark = pytest.mark.django_db(transaction=True)

TOOLS = "/api/v1/tools/list"

__all__ = ["cache_server_down"]


@pytest.fixture
def django_requests():
    """How many requests reached Django's handler."""
    seen = []

    def count(**kwargs):
        seen.append(1)

    request_started.connect(count, weak=False, dispatch_uid="edge-test-counter")
    yield seen
    request_started.disconnect(dispatch_uid="edge-test-counter")


@pytest.fixture
async def http():
    await sync_to_async(seed_load)()
    transport = httpx.ASGITransport(app=http_application())
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_a_repeated_read_is_answered_without_entering_django(http, django_requests):
    first = await http.get(TOOLS)
    second = await http.get(TOOLS)
    assert len(django_requests) == 1
    assert second.status_code == 200
    assert second.content == first.content
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert second.headers["Content-Type"] == "application/json"


async def test_with_the_edge_switched_off_every_read_reaches_django(settings, django_requests):
    await sync_to_async(seed_load)()
    settings.EDGE_CACHE = False
    transport = httpx.ASGITransport(app=http_application())
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        first = await http.get(TOOLS)
        second = await http.get(TOOLS, headers={"If-None-Match": first.headers["ETag"]})
    assert len(django_requests) == 2
    # Django's response cache still answers it, with the same ETag.
    assert second.status_code == 304


async def test_a_matching_etag_is_a_304_from_the_edge(http, django_requests):
    etag = (await http.get(TOOLS)).headers["ETag"]
    response = await http.get(TOOLS, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag
    assert len(django_requests) == 1


async def test_an_edit_is_seen_at_once(http):
    before = await http.get(TOOLS)
    tool = await sync_to_async(AITool.objects.get)(name="Gamma")
    tool.name = "Gamma App"
    await sync_to_async(tool.save)()
    after = await http.get(TOOLS, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert "Gamma App" in after.text


async def test_queries_that_differ_only_in_encoding_are_different_entries(http):
    poisoned = await http.get(f"{TOOLS}?q=a%26status%3DPopular")
    real = await http.get(f"{TOOLS}?q=a&status=Popular")
    assert poisoned.json()["data"]["total"] == 0
    assert real.json()["data"]["total"] > 0


async def test_unknown_parameters_are_never_kept_at_the_edge(http, django_requests):
    await http.get(TOOLS, params={"junk": "1"})
    await http.get(TOOLS, params={"junk": "1"})
    assert len(django_requests) == 2


async def test_each_origin_gets_its_own_cors_answer(http):
    allowed = {"Origin": "http://localhost:3000"}
    await http.get(TOOLS, headers=allowed)
    assert (await http.get(TOOLS, headers=allowed)).headers[
        "Access-Control-Allow-Origin"
    ] == "http://localhost:3000"
    stranger = await http.get(TOOLS, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in stranger.headers


async def test_each_language_gets_its_own_answer(http):
    await http.get("/api/v1/projects/list", headers={"Accept-Language": "es"})
    spanish = await http.get("/api/v1/projects/list", headers={"Accept-Language": "es"})
    english = await http.get("/api/v1/projects/list")
    assert spanish.headers["Content-Language"] == "es"
    assert english.headers["Content-Language"] == "en"


@pytest.mark.parametrize("path", ["/api/resume_data", "/api/v1/resume/en", "/api/projects"])
async def test_content_reads_answer_304_from_the_edge(http, django_requests, path):
    etag = (await http.get(path)).headers["ETag"]
    assert (await http.get(path, headers={"If-None-Match": etag})).status_code == 304
    assert len(django_requests) == 1


async def test_errors_are_not_kept(http, django_requests):
    await http.get(TOOLS, params={"limit": "1000"})
    response = await http.get(TOOLS, params={"limit": "1000"})
    assert response.status_code == 400
    assert len(django_requests) == 2


def test_under_asgi_the_chain_switches_to_a_thread_once_at_its_innermost_middleware(
    settings, caplog
):
    settings.DEBUG = True  # Django then logs every sync/async adaptation it makes
    with caplog.at_level(logging.DEBUG, logger="django.request"):
        ASGIHandler()
    assert [r.getMessage() for r in caplog.records if "adapted" in r.getMessage()] == [
        "Asynchronous handler adapted for middleware "
        "portfolio.unavailable.DatabaseUnavailableMiddleware."
    ]


async def test_a_miss_through_the_middleware_answers_as_before(http):
    response = await http.get(TOOLS, headers={"Origin": "http://localhost:3000"})
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert response.headers["X-Request-ID"]


async def test_with_redis_down_the_edge_steps_aside_and_the_list_comes_from_the_database(
    http, cache_server_down
):
    first = await http.get(TOOLS)
    second = await http.get(TOOLS)
    assert first.status_code == second.status_code == 200
    assert second.json()["data"]["total"] == 12
