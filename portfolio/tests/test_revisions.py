"""Revisions (django-reversion): recorded on admin and API saves, listed and restored
through `admin/<kind>/<id>/revisions[/<rev>/restore]` and the Django admin."""

import pytest
from reversion.models import Version

from blog_app.models import BlogPost
from content_app.models import Profile, Project, Skill
from portfolio.testing import bearer
from tools_app.models import AITool

pytestmark = pytest.mark.django_db


def patch(client, user, kind, pk, body):
    response = client.patch(
        f"/api/v1/admin/{kind}/{pk}", body, content_type="application/json", **bearer(user)
    )
    assert response.status_code == 200, response.content
    return response


def revisions(client, user, kind, pk, **params):
    return client.get(f"/api/v1/admin/{kind}/{pk}/revisions", params, **bearer(user))


def test_an_api_save_keeps_a_revision_with_who_and_when(client, seeded, editor_user):
    post = BlogPost.objects.first()
    patch(client, editor_user, "posts", post.pk, {"title": "Second thoughts"})
    response = revisions(client, editor_user, "posts", post.pk)
    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["total"], data["limit"], data["offset"]) == (1, 100, 0)
    [item] = data["items"]
    assert item["user"] == "editor"
    assert item["comment"] == "Updated by the API."
    assert set(item) == {"id", "created", "user", "comment"}


def test_restoring_a_revision_shows_in_the_api_at_once(client, seeded, editor_user):
    post = BlogPost.objects.first()
    original = post.title
    patch(client, editor_user, "posts", post.pk, {"title": original})  # revision 1: as seeded
    patch(client, editor_user, "posts", post.pk, {"title": "Rewritten"})
    assert client.get(f"/api/v1/news/{post.slug}").json()["data"]["title"] == "Rewritten"
    items = revisions(client, editor_user, "posts", post.pk).json()["data"]["items"]
    oldest = items[-1]["id"]
    response = client.post(
        f"/api/v1/admin/posts/{post.pk}/revisions/{oldest}/restore", **bearer(editor_user)
    )
    assert response.status_code == 200
    assert response.json()["data"]["title"] == original
    assert client.get(f"/api/v1/news/{post.slug}").json()["data"]["title"] == original
    newest = revisions(client, editor_user, "posts", post.pk).json()["data"]["items"][0]
    assert newest["comment"] == f"Restored revision {oldest}."


def test_a_restore_reaches_the_assistants_knowledge(client, seeded, editor_user):
    from chat_app.knowledge import knowledge_load

    project = Project.objects.first()
    patch(client, editor_user, "projects", project.pk, {"title_en": "Before"})
    patch(client, editor_user, "projects", project.pk, {"title_en": "After"})
    assert "After" in [p.title for p in knowledge_load(language="en").projects]
    first = revisions(client, editor_user, "projects", project.pk).json()["data"]["items"][-1]
    client.post(
        f"/api/v1/admin/projects/{project.pk}/revisions/{first['id']}/restore",
        **bearer(editor_user),
    )
    titles = [p.title for p in knowledge_load(language="en").projects]
    assert "Before" in titles and "After" not in titles


@pytest.mark.parametrize(
    ("kind", "model", "body"),
    [
        ("skills", Skill, {"name_en": "Renamed skill"}),
        ("tools", AITool, {"name": "Renamed tool"}),
        ("experiences", None, {"title_en": "Renamed role"}),
    ],
)
def test_every_kind_keeps_revisions(client, seeded, editor_user, kind, model, body):
    from content_app.models import Experience

    item = (model or Experience).objects.first()
    patch(client, editor_user, kind, item.pk, body)
    assert revisions(client, editor_user, kind, item.pk).json()["data"]["total"] == 1


def test_the_profile_keeps_revisions_under_id_1(client, seeded, admin_user):
    profile = Profile.objects.get()
    client.force_login(admin_user)
    client.post(
        f"/admin/content_app/profile/{profile.pk}/change/",
        {"name": profile.name, "title_en": "New headline", "about_en": profile.about_en,
         "email": profile.email},
    )  # fmt: skip
    client.logout()
    response = revisions(client, admin_user, "profile", 1)
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["total"] == 1 and data["items"][0]["user"] == "owner"
    restored = client.post(
        f"/api/v1/admin/profile/1/revisions/{data['items'][0]['id']}/restore",
        **bearer(admin_user),
    )
    assert restored.status_code == 200
    assert restored.json()["data"]["title_en"] == "New headline"


def midjourney_and_its_admin_form():
    tool = AITool.objects.get(name="Midjourney")
    form = {
        "name": "Midjourney", "description": tool.description, "category": tool.category,
        "status": tool.status, "url": tool.url, "pricing": tool.pricing, "image_url": "",
        "position": tool.position, "publish_status": "published",
    }  # fmt: skip
    return tool, form


def test_an_admin_save_keeps_a_revision_and_the_history_shows_a_diff(client, seeded, admin_user):
    client.force_login(admin_user)
    tool, form = midjourney_and_its_admin_form()
    for name in ("Midjourney v6", "Midjourney v7"):
        response = client.post(f"/admin/tools_app/aitool/{tool.pk}/change/", {**form, "name": name})
        assert response.status_code == 302
    versions = Version.objects.get_for_object(tool)
    assert versions.count() == 2
    assert versions.first().revision.user == admin_user
    history = client.get(f"/admin/tools_app/aitool/{tool.pk}/history/")
    assert history.status_code == 200
    older, newer = versions.last(), versions.first()
    compare = client.get(
        f"/admin/tools_app/aitool/{tool.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert compare.status_code == 200
    page = compare.content.decode()
    assert "Midjourney v6" in page and "Midjourney v7" in page


def test_the_admin_restores_a_revision(client, seeded, admin_user):
    client.force_login(admin_user)
    tool, form = midjourney_and_its_admin_form()
    client.post(f"/admin/tools_app/aitool/{tool.pk}/change/", form)
    client.post(f"/admin/tools_app/aitool/{tool.pk}/change/", {**form, "name": "Renamed"})
    first = Version.objects.get_for_object(tool).last()
    url = f"/admin/tools_app/aitool/{tool.pk}/history/{first.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, form).status_code == 302
    names = [t["name"] for t in client.get("/api/v1/tools/list").json()["data"]["items"]]
    assert "Midjourney" in names and "Renamed" not in names


def test_revisions_need_credentials(client, seeded):
    post = BlogPost.objects.first()
    assert client.get(f"/api/v1/admin/posts/{post.pk}/revisions").status_code == 401
    assert client.post(f"/api/v1/admin/posts/{post.pk}/revisions/1/restore").status_code == 401


def test_revisions_need_the_models_permissions(client, seeded, member_user):
    post = BlogPost.objects.first()
    assert revisions(client, member_user, "posts", post.pk).status_code == 403
    restore = f"/api/v1/admin/posts/{post.pk}/revisions/1/restore"
    assert client.post(restore, **bearer(member_user)).status_code == 403


def test_an_unknown_revision_or_item_is_a_404(client, seeded, editor_user):
    post = BlogPost.objects.first()
    restore = f"/api/v1/admin/posts/{post.pk}/revisions/999999/restore"
    assert client.post(restore, **bearer(editor_user)).status_code == 404
    unknown = "00000000-0000-0000-0000-000000000000"
    assert revisions(client, editor_user, "posts", unknown).status_code == 404


def test_a_revision_that_no_longer_fits_is_a_400_and_changes_nothing(client, seeded, editor_user):
    first, second = BlogPost.objects.all()[:2]
    patch(client, editor_user, "posts", first.pk, {"slug": "taken-later"})
    rev = revisions(client, editor_user, "posts", first.pk).json()["data"]["items"][0]["id"]
    patch(client, editor_user, "posts", first.pk, {"slug": "moved-on"})
    patch(client, editor_user, "posts", second.pk, {"slug": "taken-later"})
    response = client.post(
        f"/api/v1/admin/posts/{first.pk}/revisions/{rev}/restore", **bearer(editor_user)
    )
    assert response.status_code == 400
    assert "slug" in response.json()["details"]
    assert BlogPost.objects.get(pk=first.pk).slug == "moved-on"


def test_a_bad_page_of_revisions_is_a_400(client, seeded, editor_user):
    post = BlogPost.objects.first()
    assert revisions(client, editor_user, "posts", post.pk, limit=1000).status_code == 400


def test_the_profile_has_no_id_but_1(client, seeded, admin_user):
    for pk in ("2", "abc"):
        assert revisions(client, admin_user, "profile", pk).status_code == 404
