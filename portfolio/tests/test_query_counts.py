"""Health, the home page and auth/me cost a fixed number of queries, uncached (the
health result and the cache are cleared before each request)."""

import pytest
from django.core.cache import cache

from portfolio.health import health_cache_clear
from portfolio.testing import bearer
from tools_app.models import AITool

pytestmark = pytest.mark.django_db


# Health's `SELECT 1` runs on a thread of its own (bounded in time, portfolio/health.py),
# outside the request's connection: not counted here.
# "/": 5 (its content reads are not cached: no scheduled publish time to look up).
@pytest.mark.parametrize(("url", "expected"), [("/api/v1/health", 1), ("/api/health", 0), ("/", 5)])
def test_a_plumbing_read_costs_the_same_queries_with_more_rows(
    client, seeded, django_assert_num_queries, url, expected
):
    for extra in (0, 30):
        AITool.objects.bulk_create(
            AITool(name=f"T{extra}-{n}", description="d", category="Design", status="New",
                   url="https://example.com", pricing="Free")
            for n in range(extra)
        )  # fmt: skip
        cache.clear()
        health_cache_clear()
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200


def test_me_costs_two_queries(client, admin_user, django_assert_num_queries):
    headers = bearer(admin_user)  # minting the token records it: not part of the request
    # The user, and its groups (the answer lists them).
    with django_assert_num_queries(2):
        response = client.get("/api/v1/auth/me", **headers)
    assert response.status_code == 200
