"""Drafts and schedules through the admin write API and the Django admin."""

import datetime

import pytest
from django.utils import timezone

from blog_app.models import BlogPost
from content_app.models import Experience, Project
from portfolio.testing import bearer
from tools_app.models import AITool

pytestmark = pytest.mark.django_db

NEW_POST = {
    "title": "Written ahead",
    "excerpt": "Later",
    "content": "Text",
    "category": "Technology",
}


def post_slugs(client):
    return [i["slug"] for i in client.get("/api/v1/news/list").json()["data"]["items"]]


def test_a_post_written_as_a_draft_stays_out_of_the_list(client, seeded, editor_user):
    response = client.post(
        "/api/v1/admin/posts", {**NEW_POST, "status": "draft"}, content_type="application/json",
        **bearer(editor_user),
    )  # fmt: skip
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["status"] == "draft"
    assert data["published"] == timezone.localdate().isoformat()
    assert data["slug"] not in post_slugs(client)


def test_a_scheduled_post_takes_its_shown_date_from_its_publish_time(client, seeded, editor_user):
    when = timezone.now() + datetime.timedelta(days=2)
    response = client.post(
        "/api/v1/admin/posts", {**NEW_POST, "publish_at": when.isoformat()},
        content_type="application/json", **bearer(editor_user),
    )  # fmt: skip
    data = response.json()["data"]
    assert data["status"] == "published"
    assert data["published"] == timezone.localdate(when).isoformat()
    assert data["slug"] not in post_slugs(client)


def test_a_post_defaults_to_published_at_once(client, seeded, editor_user):
    response = client.post(
        "/api/v1/admin/posts", NEW_POST, content_type="application/json", **bearer(editor_user)
    )
    data = response.json()["data"]
    assert (data["status"], data["publish_at"]) == ("published", None)
    assert data["slug"] in post_slugs(client)


def test_an_unknown_status_is_a_400_that_changes_nothing(client, seeded, editor_user):
    post = BlogPost.objects.first()
    response = client.patch(
        f"/api/v1/admin/posts/{post.pk}", {"status": "hidden"}, content_type="application/json",
        **bearer(editor_user),
    )  # fmt: skip
    assert response.status_code == 400
    assert "status" in response.json()["details"]
    assert BlogPost.objects.get(pk=post.pk).status == "published"


@pytest.mark.parametrize(
    ("kind", "model", "field", "list_url"),
    [
        ("projects", Project, "status", "/api/v1/projects/list"),
        ("experiences", Experience, "status", "/api/v1/experiences/list"),
        ("tools", AITool, "publish_status", "/api/v1/tools/list"),
    ],
)
def test_a_draft_through_the_admin_api_leaves_the_public_list(
    client, seeded, editor_user, kind, model, field, list_url
):
    item = model.objects.first()
    response = client.patch(
        f"/api/v1/admin/{kind}/{item.pk}", {field: "draft"}, content_type="application/json",
        **bearer(editor_user),
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["data"][field] == "draft"
    ids = [i["id"] for i in client.get(list_url).json()["data"]["items"]]
    assert str(item.pk) not in ids
    assert len(ids) == model.objects.count() - 1


def test_the_django_admin_lists_visibility_and_filters_by_it(client, seeded, admin_user):
    draft = BlogPost.objects.first()
    draft.status = "draft"
    draft.save()
    later = BlogPost.objects.exclude(pk=draft.pk).first()
    later.publish_at = timezone.now() + datetime.timedelta(days=1)
    later.save()
    client.force_login(admin_user)
    page = client.get("/admin/blog_app/blogpost/", {"visibility": "draft"}).content.decode()
    assert draft.title in page and later.title not in page
    page = client.get("/admin/blog_app/blogpost/", {"visibility": "scheduled"}).content.decode()
    assert later.title in page and draft.title not in page
    assert "Scheduled for" in page
    page = client.get("/admin/blog_app/blogpost/", {"visibility": "live"}).content.decode()
    assert draft.title not in page and later.title not in page
