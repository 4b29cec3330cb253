import pytest
from django.core.cache import caches

from portfolio.api.caching import version_key
from tools_app.models import AITool
from tools_app.selectors import CACHE_NAMESPACE

pytestmark = pytest.mark.django_db

URL = "/api/v1/tools/list"


def names(response):
    return [item["name"] for item in response.json()["data"]["items"]]


def test_list_returns_the_twelve_seeded_tools_in_the_frontends_order(client, seeded):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["total"] == 12
    assert names(response)[:3] == ["Midjourney", "Runway ML", "ChatGPT"]
    first = data["items"][0]
    assert first == {
        "id": first["id"],
        "name": "Midjourney",
        "description": "AI-powered image generation with stunning artistic results",
        "category": "Image Generation",
        "status": "Popular",
        "url": "https://www.midjourney.com",
        "pricing": "Paid",
        "image_url": "",
    }
    assert isinstance(first["id"], str)
    assert all(item["url"].startswith("https://") for item in data["items"])


def test_seed_000_path_serves_the_same_list(client, seeded):
    assert client.get("/tools/list").json() == client.get(URL).json()


def test_search_matches_the_name_case_insensitively(client, seeded):
    assert names(client.get(URL, {"q": "midJOURNEY"})) == ["Midjourney"]


def test_search_matches_the_description_too(client, seeded):
    assert names(client.get(URL, {"q": "virtual presenters"})) == ["Synthesia"]


def test_category_filter(client, seeded):
    assert names(client.get(URL, {"category": "Presentation"})) == [
        "Gamma", "Beautiful.ai", "Tome",
    ]  # fmt: skip


def test_category_all_means_no_filter(client, seeded):
    assert client.get(URL, {"category": "All"}).json()["data"]["total"] == 12


def test_status_filter(client, seeded):
    assert names(client.get(URL, {"status": "Open Source"})) == ["Stable Diffusion"]


def test_pricing_filter(client, seeded):
    assert names(client.get(URL, {"pricing": "Free"})) == ["Stable Diffusion"]


def test_filters_and_search_combine(client, seeded):
    response = client.get(URL, {"category": "Image Generation", "pricing": "Paid", "q": "image"})
    assert names(response) == ["Midjourney", "DALL-E 3"]


def test_limit_caps_the_items_but_total_counts_all_matches(client, seeded):
    data = client.get(URL, {"limit": 5}).json()["data"]
    assert len(data["items"]) == 5
    assert data["total"] == 12


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 201}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"category": "Music"}, "category"),
        ({"status": "Legendary"}, "status"),
        ({"pricing": "Cheap"}, "pricing"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_query_parameters_answer_400_naming_the_field(client, seeded, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert field in body["details"]


def test_no_match_is_an_empty_list_not_an_error(client, seeded):
    data = client.get(URL, {"q": "no such tool anywhere"}).json()["data"]
    assert data == {"items": [], "total": 0, "limit": 100, "offset": 0}


def test_list_answers_304_when_the_etag_still_matches(client, seeded):
    first = client.get(URL)
    etag = first["ETag"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_stale_etag_gets_the_full_list(client, seeded):
    response = client.get(URL, HTTP_IF_NONE_MATCH='"stale"')
    assert response.status_code == 200
    assert response.json()["data"]["total"] == 12


def test_each_filter_has_its_own_etag(client, seeded):
    assert client.get(URL)["ETag"] != client.get(URL, {"category": "Design"})["ETag"]


def test_a_save_changes_the_list_and_its_etag_at_once(client, seeded):
    before = client.get(URL)
    tool = AITool.objects.get(name="Gamma")
    tool.name = "Gamma App"
    tool.save()
    after = client.get(URL, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "Gamma App" in names(after)


def test_a_delete_changes_the_list_at_once(client, seeded):
    client.get(URL)
    AITool.objects.filter(name="Tome").delete()
    response = client.get(URL)
    assert "Tome" not in names(response)
    assert response.json()["data"]["total"] == 11


@pytest.mark.postgres
def test_search_is_case_insensitive_on_postgres(client, seeded):
    assert names(client.get(URL, {"q": "OPEN-SOURCE"})) == ["Stable Diffusion"]


@pytest.mark.redis
def test_invalidation_is_visible_to_every_process_through_redis(client, seeded):
    # A connection of its own, as another web process would have.
    other_process = caches.create_connection("default")
    key = version_key(CACHE_NAMESPACE)
    client.get(URL)
    before = other_process.get(key)
    tool = AITool.objects.get(name="Jasper")
    tool.status = AITool.Status.TRENDING
    tool.save()
    assert other_process.get(key) != before
    assert "Jasper" in names(client.get(URL, {"status": "Trending"}))
