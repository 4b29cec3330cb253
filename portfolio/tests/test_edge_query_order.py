"""The edge keys a query as sent: Django reads the last of a repeated parameter."""

import pytest

from portfolio.tests.test_edge_cache import http

pytestmark = pytest.mark.django_db(transaction=True)

__all__ = ["http"]

TOOLS = "/api/v1/tools/list"


async def test_a_repeated_parameter_in_another_order_is_another_answer(http):
    assert len((await http.get(f"{TOOLS}?limit=5&limit=1")).json()["data"]["items"]) == 1
    assert len((await http.get(f"{TOOLS}?limit=1&limit=5")).json()["data"]["items"]) == 5
