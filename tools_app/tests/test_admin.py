import pytest

from tools_app.models import AITool

pytestmark = pytest.mark.django_db

URL = "/api/v1/tools/list"


def test_an_admin_edit_shows_in_the_api_at_once(client, seeded, admin_user):
    client.get(URL)  # the list is now cached
    client.force_login(admin_user)
    tool = AITool.objects.get(name="Midjourney")
    response = client.post(
        f"/admin/tools_app/aitool/{tool.pk}/change/",
        {
            "name": "Midjourney v7",
            "description": tool.description,
            "category": tool.category,
            "status": "Trending",
            "url": tool.url,
            "pricing": tool.pricing,
            "image_url": "",
            "position": tool.position,
            "publish_status": "published",
        },
    )
    assert response.status_code == 302, response.content[:500]
    client.logout()
    items = client.get(URL, {"q": "Midjourney"}).json()["data"]["items"]
    assert [(i["name"], i["status"]) for i in items] == [("Midjourney v7", "Trending")]


def test_status_is_editable_from_the_admin_list(client, seeded, admin_user):
    client.get(URL)
    client.force_login(admin_user)
    tools = list(AITool.objects.all())
    form = {
        "form-TOTAL_FORMS": str(len(tools)),
        "form-INITIAL_FORMS": str(len(tools)),
        "_save": "Save",
    }
    for i, tool in enumerate(tools):
        form[f"form-{i}-id"] = str(tool.pk)
        form[f"form-{i}-status"] = "Professional" if tool.name == "Tome" else tool.status
        form[f"form-{i}-position"] = str(tool.position)
    response = client.post("/admin/tools_app/aitool/", form)
    assert response.status_code == 302, response.content[:500]
    client.logout()
    professional = client.get(URL, {"status": "Professional"}).json()["data"]["items"]
    assert {i["name"] for i in professional} == {"Synthesia", "Tome"}


def test_admin_search_finds_tools_by_description(client, seeded, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/tools_app/aitool/", {"q": "virtual presenters"})
    assert response.status_code == 200
    assert b"Synthesia" in response.content
    assert b"Midjourney" not in response.content
