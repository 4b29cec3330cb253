import uuid

import pytest

from portfolio.testing import bearer
from tools_app.models import AITool

pytestmark = pytest.mark.django_db

LIST = "/api/v1/tools/list"
ADMIN = "/api/v1/admin/tools"
NEW_TOOL = {
    "name": "Claude",
    "description": "Assistant for writing, analysis and code",
    "category": "Text Generation",
    "status": "Trending",
    "url": "https://claude.ai",
    "pricing": "Freemium",
}


def names(response):
    return [item["name"] for item in response.json()["data"]["items"]]


def test_an_api_write_shows_in_the_cached_tools_list_at_once(client, seeded, editor_user):
    before = client.get(LIST, {"category": "Text Generation"})
    assert "Claude" not in names(before)
    response = client.post(ADMIN, NEW_TOOL, content_type="application/json", **bearer(editor_user))
    assert response.status_code == 201
    assert response.json()["data"]["name"] == "Claude"
    after = client.get(LIST, {"category": "Text Generation"}, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "Claude" in names(after)
    assert client.get(LIST).json()["data"]["total"] == 13


def test_an_api_update_and_delete_show_at_once(client, seeded, editor_user):
    headers = bearer(editor_user)
    client.get(LIST)
    tool = AITool.objects.get(name="Tome")
    patched = client.patch(
        f"{ADMIN}/{tool.pk}", {"status": "Popular"}, content_type="application/json", **headers
    )
    assert patched.status_code == 200
    assert "Tome" in names(client.get(LIST, {"status": "Popular"}))
    assert client.delete(f"{ADMIN}/{tool.pk}", **headers).status_code == 204
    assert "Tome" not in names(client.get(LIST))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"category": "Music"}, "category"),
        ({"status": "Legendary"}, "status"),
        ({"pricing": "Cheap"}, "pricing"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_tool_input_answers_400_and_changes_nothing(client, seeded, editor_user, change, field):
    tool = AITool.objects.get(name="Gamma")
    response = client.put(
        f"{ADMIN}/{tool.pk}", {**NEW_TOOL, **change}, content_type="application/json",
        **bearer(editor_user),
    )  # fmt: skip
    assert response.status_code == 400
    assert field in response.json()["details"]
    tool.refresh_from_db()
    assert tool.name == "Gamma"


def test_an_unknown_tool_answers_404(client, editor_user):
    response = client.delete(f"{ADMIN}/{uuid.uuid4()}", **bearer(editor_user))
    assert response.status_code == 404
    assert response.json()["success"] is False
