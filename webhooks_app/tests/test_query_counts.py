"""The webhook admin's lists cost a fixed number of queries, however many rows."""

import pytest

from webhooks_app.models import Webhook
from webhooks_app.services import webhook_event_record

pytestmark = pytest.mark.django_db

# The user (JWT), the count, the page; deliveries also read their hook.
HOOKS_QUERIES, DELIVERIES_QUERIES = 3, 4


def add_hooks_and_deliveries(count):
    for n in range(count):
        Webhook.objects.create(url=f"https://builds.example.com/{n}")
    for event in ("published", "changed", "unpublished"):
        webhook_event_record(event=event, kind="posts", id="1")


@pytest.mark.parametrize("rows", [1, 6])
def test_the_hooks_list_costs_the_same_queries_for_any_number_of_rows(
    client, staff_headers, django_assert_num_queries, rows
):
    add_hooks_and_deliveries(rows)
    with django_assert_num_queries(HOOKS_QUERIES):
        response = client.get("/api/v1/admin/webhooks", **staff_headers)
    assert len(response.json()["data"]["items"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_a_hooks_deliveries_cost_the_same_queries_for_any_number_of_rows(
    client, staff_headers, django_assert_num_queries, rows
):
    add_hooks_and_deliveries(rows)
    hook = Webhook.objects.first()
    with django_assert_num_queries(DELIVERIES_QUERIES):
        response = client.get(f"/api/v1/admin/webhooks/{hook.pk}/deliveries", **staff_headers)
    assert len(response.json()["data"]["items"]) == 3
