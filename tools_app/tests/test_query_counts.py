"""The tools list costs three queries (the page, the total, and the next scheduled
publish time the cache looks up once per version) however many rows there are, on
both mounts, uncached (the cache is cleared before each request). There is no public
tool detail endpoint."""

import pytest
from django.core.cache import cache

from tools_app.models import AITool

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/tools/list", "/tools/list"])
def test_the_tools_list_costs_three_queries_with_more_rows(
    client, seeded, django_assert_num_queries, url
):
    for extra in (0, 50):
        AITool.objects.bulk_create(
            AITool(name=f"More {extra}-{n}", description="d", category="Design",
                   status="Trending", url="https://example.com", pricing="Free")
            for n in range(extra)
        )  # fmt: skip
        cache.clear()
        with django_assert_num_queries(3):
            response = client.get(url)
        assert response.json()["data"]["total"] == 12 + extra
