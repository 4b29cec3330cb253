import pytest

from portfolio.api.pagination import MAX_LIMIT
from portfolio.testing import cache_server_down
from tools_app.models import AITool

pytestmark = pytest.mark.django_db

__all__ = ["cache_server_down"]

URL = "/api/v1/tools/list"


def names(response):
    return [item["name"] for item in response.json()["data"]["items"]]


def test_a_page_answers_its_rows_the_full_total_and_the_window(client, seeded):
    everything = names(client.get(URL))
    response = client.get(URL, {"limit": 5, "offset": 5})
    data = response.json()["data"]
    assert names(response) == everything[5:10]
    assert (data["total"], data["limit"], data["offset"]) == (12, 5, 5)


def add_tools(count):
    AITool.objects.bulk_create(
        AITool(name=f"Bulk {n:04}", description="d", category="Design", status="Trending",
               url="https://example.com", pricing="Free", position=1000 + n)
        for n in range(count)
    )  # fmt: skip


def test_rows_past_the_first_page_can_be_reached(client, seeded):
    add_tools(300)
    first = client.get(URL, {"limit": 200}).json()["data"]
    second = client.get(URL, {"limit": 200, "offset": 200}).json()["data"]
    assert first["total"] == second["total"] == 312
    assert len(first["items"]) == 200
    assert len(second["items"]) == 112
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_the_default_page_is_one_hundred_rows(client, seeded):
    assert client.get(URL).json()["data"]["limit"] == 100


@pytest.mark.parametrize("params", [{"limit": MAX_LIMIT + 1}, {"limit": 0}, {"offset": -1}])
def test_a_window_out_of_range_answers_400(client, seeded, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert next(iter(params)) in response.json()["details"]


def test_an_encoded_ampersand_cannot_poison_another_querys_cache_entry(client, seeded):
    # `q` is the literal text "a&status=Popular": nothing matches it.
    poisoned = client.get(f"{URL}?q=a%26status%3DPopular").json()["data"]
    assert poisoned["total"] == 0
    real = client.get(f"{URL}?q=a&status=Popular").json()["data"]
    assert real["total"] > 0
    assert {item["status"] for item in real["items"]} == {"Popular"}


def test_unknown_parameters_share_the_entry_of_the_query_without_them(client, seeded):
    plain = client.get(URL)
    assert client.get(URL, {"utm_source": "x"})["ETag"] == plain["ETag"]


@pytest.mark.parametrize("extra_rows", [0, 300])
def test_a_list_costs_three_queries_whatever_the_rows_and_filters(
    client, seeded, django_assert_num_queries, extra_rows
):
    add_tools(extra_rows)
    # The page, the total, and the next scheduled publish time (once per cache version).
    with django_assert_num_queries(3):
        response = client.get(URL, {"q": "a", "category": "Design", "limit": 200, "offset": 1})
    assert response.status_code == 200


def test_with_the_cache_server_down_the_list_comes_from_the_database(
    client, seeded, cache_server_down
):
    response = client.get(URL, {"category": "Design"})
    assert response.status_code == 200
    assert response.json()["data"]["total"] == AITool.objects.filter(category="Design").count()
    again = client.get(URL, {"category": "Design"}, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_with_the_cache_server_down_an_edit_still_saves(client, seeded, cache_server_down):
    tool = AITool.objects.get(name="Gamma")
    tool.name = "Gamma App"
    tool.save()
    assert "Gamma App" in names(client.get(URL))


@pytest.mark.postgres
def test_on_postgresql_a_search_is_answered_from_the_trigram_indexes(seeded):
    from django.db import connection

    from tools_app.selectors import AIToolFilter

    matching = AIToolFilter({"q": "image"}, queryset=AITool.objects.all()).qs
    with connection.cursor() as cursor:
        # Twelve rows are cheaper to scan; make the planner show what it could use.
        cursor.execute("SET LOCAL enable_seqscan = off")
    # The count: the half of the list that reads every match.
    plan = matching.order_by().explain()
    assert "ai_tools_name_trgm" in plan
    assert "ai_tools_description_trgm" in plan
