import datetime

import pytest

from blog_app.models import BlogPost
from portfolio.testing import assert_error_envelope

pytestmark = pytest.mark.django_db

URL = "/api/v1/news/list"


def titles(response):
    return [item["title"] for item in response.json()["data"]["items"]]


def test_list_returns_the_eight_posts_featured_first_then_newest(client, seeded):
    response = client.get(URL)
    assert response.status_code == 200
    items = response.json()["data"]["items"]
    assert len(items) == 8
    assert [i["featured"] for i in items] == [True, True] + [False] * 6
    assert {i["category"] for i in items[:2]} == {"Healthcare", "Technology"}
    for group in (items[:2], items[2:]):
        dates = [i["published"] for i in group]
        assert dates == sorted(dates, reverse=True)


def test_a_post_has_every_field_of_the_contract(client, seeded):
    post = next(
        i for i in client.get(URL).json()["data"]["items"] if i["published"] == "2024-01-15"
    )
    assert set(post) == {
        "id", "slug", "title", "excerpt", "category", "published",
        "readTime", "featured", "content", "content_html", "json_ld",
    }  # fmt: skip
    assert post["title"] == "AI in Healthcare: Revolutionizing Patient Care"
    assert post["readTime"] == "5 min read"
    assert post["excerpt"].startswith("How artificial intelligence is transforming diagnosis")
    assert post["content_html"].startswith("<")


def test_seed_000_path_serves_the_same_list(client, seeded):
    assert client.get("/news/list").json() == client.get(URL).json()


def test_search_matches_title_or_excerpt_case_insensitively(client, seeded):
    assert titles(client.get(URL, {"q": "AUTONOMOUS"})) == [
        "Computer Vision in Autonomous Vehicles"
    ]
    excerpt_word = BlogPost.objects.get(category="Finance").excerpt.split()[3]
    assert "Machine Learning in Finance: Risk Assessment and Trading" in titles(
        client.get(URL, {"q": excerpt_word})
    )


def test_search_does_not_look_into_the_article_body(client, seeded):
    post = BlogPost.objects.get(category="Ethics")
    post.content += "\n\nzyzzyva"
    post.save()
    assert titles(client.get(URL, {"q": "zyzzyva"})) == []


def test_category_filter_and_all(client, seeded):
    assert len(titles(client.get(URL, {"category": "Technology"}))) == 2
    assert len(titles(client.get(URL, {"category": "All"}))) == 8


@pytest.mark.parametrize(("value", "count"), [("true", 2), ("false", 6)])
def test_featured_filter(client, seeded, value, count):
    items = client.get(URL, {"featured": value}).json()["data"]["items"]
    assert len(items) == count
    assert all(i["featured"] is (value == "true") for i in items)


def test_limit(client, seeded):
    data = client.get(URL, {"limit": 3}).json()["data"]
    assert len(data["items"]) == 3
    assert data["total"] == 8


@pytest.mark.parametrize(
    "params",
    [{"category": "Sports"}, {"featured": "maybe"}, {"limit": 0}, {"limit": 201}],
)
def test_bad_query_parameters_answer_400(client, seeded, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json()["success"] is False


def test_detail_by_slug(client, seeded):
    response = client.get("/api/v1/news/computer-vision-in-autonomous-vehicles")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["title"] == "Computer Vision in Autonomous Vehicles"
    assert data["readTime"] == "6 min read"


def test_detail_of_an_unknown_slug_is_404_in_the_envelope(client, seeded):
    response = client.get("/api/v1/news/no-such-post")
    assert_error_envelope(response, 404, "No blog post has the slug 'no-such-post'.")


def test_list_etag_and_304(client, seeded):
    etag = client.get(URL)["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_new_post_appears_in_the_list_at_once(client, seeded):
    client.get(URL)
    BlogPost.objects.create(
        title="Fresh post",
        excerpt="Brand new.",
        content="Hello",
        category="Technology",
        published=datetime.date(2024, 12, 1),
    )
    assert "Fresh post" in titles(client.get(URL))


def test_an_admin_edit_of_a_post_shows_in_the_api_at_once(client, seeded, admin_user):
    client.get(URL)
    post = BlogPost.objects.get(category="Finance")
    client.force_login(admin_user)
    response = client.post(
        f"/admin/blog_app/blogpost/{post.pk}/change/",
        {
            "title": "Machine Learning in Finance (updated)",
            "slug": post.slug,
            "excerpt": post.excerpt,
            "content": post.content,
            "category": post.category,
            "published": post.published.isoformat(),
            "read_time": post.read_time,
            "featured": "on",
            "status": "published",
        },
    )
    assert response.status_code == 302, response.content[:500]
    client.logout()
    featured = titles(client.get(URL, {"featured": "true"}))
    assert "Machine Learning in Finance (updated)" in featured


def test_rss_feed_lists_the_posts_newest_first(client, seeded):
    response = client.get("/feed/news.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert body.count("<item>") == 8
    newest = body.index("Natural Language Processing")
    oldest = body.index("AI in Healthcare")
    assert newest < oldest
    assert "http://localhost:3000/blog/ai-in-healthcare-revolutionizing-patient-care" in body


def test_rss_feed_title_is_the_profile_owners(client, seeded):
    from content_app.models import Profile

    profile = Profile.objects.get()
    profile.name = "Ana"
    profile.save()
    assert "<title>Ana's blog</title>" in client.get("/feed/news.xml").content.decode()
