"""Every list takes `limit` / `offset` and answers `total` with the page."""

import pytest

from chat_app.models import ChatHistory
from chat_app.sessions import chat_session_issue
from portfolio.testing import bearer

pytestmark = pytest.mark.django_db

ADMIN_LISTS = [
    "/api/v1/admin/tools",
    "/api/v1/admin/posts",
    "/api/v1/admin/projects",
    "/api/v1/admin/experiences",
    "/api/v1/admin/skills",
    "/api/v1/admin/media",
]
PUBLIC_LISTS = [
    "/api/v1/tools/list",
    "/api/v1/news/list",
    "/api/v1/projects/list",
    "/api/v1/experiences/list",
    "/api/v1/skills/list",
]


def _bearer(client, user):
    client.defaults.update(bearer(user))
    return client


@pytest.mark.parametrize("path", ADMIN_LISTS + PUBLIC_LISTS)
def test_a_list_answers_a_page_and_the_total(client, admin_user, seeded, path):
    client = _bearer(client, admin_user)
    everything = client.get(path).json()["data"]
    page = client.get(path, {"limit": 1, "offset": 1}).json()["data"]
    assert page["total"] == everything["total"]
    assert (page["limit"], page["offset"]) == (1, 1)
    assert page["items"] == everything["items"][1:2]


@pytest.mark.parametrize("path", ADMIN_LISTS + PUBLIC_LISTS)
def test_a_limit_above_two_hundred_answers_400(client, admin_user, seeded, path):
    response = _bearer(client, admin_user).get(path, {"limit": 201})
    assert response.status_code == 400
    assert "limit" in response.json()["details"]


@pytest.mark.parametrize("path", ADMIN_LISTS)
def test_an_admin_list_costs_a_constant_number_of_queries(
    client, admin_user, seeded, path, django_assert_max_num_queries
):
    client = _bearer(client, admin_user)
    client.get(path)  # the user's permissions, once
    with django_assert_max_num_queries(4):
        assert client.get(path, {"limit": 200}).status_code == 200


def test_chat_history_is_paged_oldest_first(client):
    session_id = chat_session_issue()
    for n in range(5):
        ChatHistory.objects.create(session_id=session_id, message=f"m{n}", response="r")
    data = client.get(
        "/api/v1/chat/history", {"session_id": session_id, "limit": 2, "offset": 1}
    ).json()["data"]
    assert data["total"] == 5
    assert [item["message"] for item in data["items"]] == ["m1", "m2"]


@pytest.mark.parametrize("path", [*ADMIN_LISTS, *PUBLIC_LISTS, "/api/v1/chat/history"])
@pytest.mark.parametrize(
    "query",
    [
        "limit=%EF%BC%95",
        "limit=",
        "offset=",
        "offset=%D9%A3",
        "limit=+5",
        "limit=5_0",
        "limit=%205",
    ],
)
def test_limit_and_offset_take_ascii_digits_only(client, admin_user, seeded, path, query):
    response = _bearer(client, admin_user).get(f"{path}?session_id=anyone&{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert response.json()["details"][name] in (
        ["Use ASCII digits only (0-9)."],
        ["A valid integer is required."],
    )
