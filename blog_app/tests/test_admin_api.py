import uuid

import pytest

from blog_app.models import BlogPost
from portfolio.testing import bearer

pytestmark = pytest.mark.django_db

LIST = "/api/v1/news/list"
ADMIN = "/api/v1/admin/posts"
NEW_POST = {
    "title": "Shipping a Django Monolith",
    "excerpt": "Why one process is enough",
    "content": "## One process\n\nIt is enough.<script>alert(1)</script>",
    "category": "Technology",
    "published": "2024-06-01",
    "featured": True,
}


def titles(response):
    return [item["title"] for item in response.json()["data"]["items"]]


def test_an_api_post_shows_in_the_cached_news_list_at_once(client, seeded, editor_user):
    client.get(LIST)
    response = client.post(ADMIN, NEW_POST, content_type="application/json", **bearer(editor_user))
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["slug"] == "shipping-a-django-monolith"
    assert "<h2" in data["content_html"]
    assert "<script>" not in data["content_html"]
    assert data["readTime"] == "1 min read"
    assert titles(client.get(LIST))[0] == "Shipping a Django Monolith"
    detail = client.get(f"/api/v1/news/{data['slug']}")
    assert detail.json()["data"]["title"] == "Shipping a Django Monolith"


def test_editing_the_content_re_renders_the_html(client, seeded, editor_user):
    post = BlogPost.objects.order_by("published").first()
    response = client.patch(
        f"{ADMIN}/{post.pk}", {"content": "# Rewritten"}, content_type="application/json",
        **bearer(editor_user),
    )  # fmt: skip
    assert response.status_code == 200
    post.refresh_from_db()
    assert post.content_html.startswith("<h1")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"category": "Sports"}, "category"),
        ({"published": "yesterday"}, "published"),
        ({"slug": "list"}, "slug"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_post_input_answers_400_and_creates_nothing(client, seeded, editor_user, change, field):
    response = client.post(
        ADMIN, {**NEW_POST, **change}, content_type="application/json", **bearer(editor_user)
    )
    assert response.status_code == 400
    assert field in response.json()["details"]
    assert BlogPost.objects.count() == 8


def test_a_duplicate_slug_answers_400(client, seeded, editor_user):
    existing = BlogPost.objects.first().slug
    response = client.post(
        ADMIN, {**NEW_POST, "slug": existing}, content_type="application/json",
        **bearer(editor_user),
    )  # fmt: skip
    assert response.status_code == 400
    assert "slug" in response.json()["details"]


def test_an_unknown_post_answers_404(client, editor_user):
    response = client.get(f"{ADMIN}/{uuid.uuid4()}", **bearer(editor_user))
    assert response.status_code == 404
