"""Preview links: `POST admin/<kind>/<id>/preview` and `?preview=<token>` on details."""

import time

import pytest
from django.core import signing
from django.core.cache import cache

from blog_app.models import BlogPost
from content_app.models import Experience, Project
from portfolio.testing import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_post(seeded):
    return BlogPost.objects.create(
        title="Unfinished", excerpt="e", content="Body", category="Technology", status="draft"
    )


def preview(client, user, kind, pk):
    return client.post(f"/api/v1/admin/{kind}/{pk}/preview", **bearer(user))


def token_for(client, user, kind, pk):
    response = preview(client, user, kind, pk)
    assert response.status_code == 200, response.content
    return response.json()["data"]["token"]


def test_a_preview_link_names_the_frontend_page_and_when_it_expires(
    client, draft_post, editor_user, settings
):
    settings.PREVIEW_URL = "https://site.example/preview/{kind}/{slug}?preview={token}"
    data = preview(client, editor_user, "posts", draft_post.pk).json()["data"]
    assert data["url"] == f"https://site.example/preview/posts/unfinished?preview={data['token']}"
    assert data["expires"] > data["url"][:0]  # an ISO time string
    assert set(data) == {"token", "url", "expires"}


def test_a_preview_shows_a_draft_once_and_never_caches_it(client, draft_post, editor_user):
    token = token_for(client, editor_user, "posts", draft_post.pk)
    url = f"/api/v1/news/{draft_post.slug}"
    assert client.get(url).status_code == 404
    cache.clear()
    response = client.get(url, {"preview": token})
    assert response.status_code == 200
    assert response.json()["data"]["title"] == "Unfinished"
    assert response["Cache-Control"] == "no-store, private"
    assert "ETag" not in response
    # Nothing was stored for anyone else to read.
    assert not [k for k in cache._cache if b"Unfinished" in repr(cache._cache[k]).encode()]
    assert client.get(url).status_code == 404
    slugs = [i["slug"] for i in client.get("/api/v1/news/list").json()["data"]["items"]]
    assert draft_post.slug not in slugs


def test_an_altered_token_is_a_403(client, draft_post, editor_user):
    token = token_for(client, editor_user, "posts", draft_post.pk)
    altered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    response = client.get(f"/api/v1/news/{draft_post.slug}", {"preview": altered})
    assert response.status_code == 403
    assert response.json()["success"] is False


def test_an_expired_token_is_a_403(client, draft_post, editor_user, settings):
    token = token_for(client, editor_user, "posts", draft_post.pk)
    settings.PREVIEW_MAX_AGE = 1
    time.sleep(2.1)
    response = client.get(f"/api/v1/news/{draft_post.slug}", {"preview": token})
    assert response.status_code == 403
    assert "expired" in response.json()["error"]


def test_a_token_for_another_item_is_a_403_and_does_not_say_whether_it_exists(
    client, draft_post, editor_user
):
    other = BlogPost.objects.exclude(pk=draft_post.pk).first()
    token = token_for(client, editor_user, "posts", other.pk)
    assert client.get(f"/api/v1/news/{draft_post.slug}", {"preview": token}).status_code == 403
    assert client.get("/api/v1/news/no-such-post", {"preview": token}).status_code == 403
    forged = signing.dumps({"kind": "posts", "id": str(draft_post.pk)}, salt="another.salt")
    response = client.get(f"/api/v1/news/{draft_post.slug}", {"preview": forged})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/projects/{slug}",
        "/api/v1/projects/{id}",
        "/api/projects/{id}",
    ],
)
def test_a_draft_project_is_previewed_on_its_detail_endpoints(client, seeded, editor_user, url):
    project = Project.objects.create(title="Hidden gem", description="Soon.", status="draft")
    token = token_for(client, editor_user, "projects", project.pk)
    path = url.format(slug=project.slug, id=project.pk)
    assert client.get(path).status_code == 404
    response = client.get(path, {"preview": token})
    assert response.status_code == 200
    body = response.json()
    assert (body.get("data") or body)["title"] == "Hidden gem"


def test_a_draft_experience_is_previewed_in_the_asked_language(client, seeded, editor_user):
    experience = Experience.objects.create(
        title="Chief tinkerer", title_es="Jefe de pruebas", company="Lab",
        description="d", start="2020-01-01", status="draft",
    )  # fmt: skip
    token = token_for(client, editor_user, "experiences", experience.pk)
    path = f"/api/v1/experiences/{experience.pk}"
    response = client.get(path, {"preview": token, "lang": "es"})
    assert response.json()["data"]["title"] == "Jefe de pruebas"


def test_creating_a_preview_needs_credentials(client, draft_post):
    assert client.post(f"/api/v1/admin/posts/{draft_post.pk}/preview").status_code == 401


def test_creating_a_preview_needs_the_change_permission(client, draft_post, member_user):
    assert preview(client, member_user, "posts", draft_post.pk).status_code == 403


def test_a_preview_of_an_unknown_item_is_a_404(client, seeded, editor_user):
    unknown = "00000000-0000-0000-0000-000000000000"
    assert preview(client, editor_user, "posts", unknown).status_code == 404


def test_the_admin_preview_button_opens_the_frontend_preview(
    client, draft_post, admin_user, settings
):
    settings.PREVIEW_URL = "https://site.example/p/{kind}/{id}?preview={token}"
    client.force_login(admin_user)
    change = client.get(f"/admin/blog_app/blogpost/{draft_post.pk}/change/").content.decode()
    button = f"/admin/blog_app/blogpost/{draft_post.pk}/preview/"
    assert "Preview" in change and button in change
    response = client.get(button)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"https://site.example/p/posts/{draft_post.pk}?preview=")
    token = location.split("preview=", 1)[1]
    assert client.get(f"/api/v1/news/{draft_post.slug}", {"preview": token}).status_code == 200
