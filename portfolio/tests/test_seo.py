"""What search engines and tools read: /sitemap.xml (both languages, hreflang
alternates), /robots.txt, JSON-LD on the API's posts, projects and resume and in the
page at `/`."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from blog_app.models import BlogPost
from content_app.models import Project

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "https://daniyal.example.com"


@pytest.fixture(autouse=True)
def _frontend(settings):
    settings.FRONTEND_URL = SITE


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_every_page_in_both_languages_with_alternates(client, seeded):
    urls = sitemap(client)
    post = BlogPost.objects.order_by("slug").first()
    project = Project.objects.order_by("slug").first()
    for path in ("", "/blog", f"/blog/{post.slug}", f"/projects/{project.slug}"):
        english, spanish = f"{SITE}{path or '/'}", f"{SITE}{path or '/'}?lang=es"
        assert english in urls, english
        assert spanish in urls, spanish
        alternates = {"en": english, "es": spanish, "x-default": english}
        assert urls[english] == alternates
        assert urls[spanish] == alternates
    pages = 3 + BlogPost.objects.count() + Project.objects.count()
    assert len(urls) == 2 * pages


def test_a_deleted_post_leaves_the_sitemap_and_a_new_one_joins_it(client, seeded):
    post = BlogPost.objects.first()
    path = f"{SITE}/blog/{post.slug}"
    assert path in sitemap(client)
    post.delete()
    assert path not in sitemap(client)
    BlogPost.objects.create(
        title="Fresh", excerpt="x", content="y", category="Technology", published="2024-05-01"
    )
    assert f"{SITE}/blog/fresh?lang=es" in sitemap(client)


def test_a_post_has_its_last_modification(client, seeded):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    post = BlogPost.objects.first()
    entry = next(
        url for url in root.findall("s:url", NS)
        if url.find("s:loc", NS).text == f"{SITE}/blog/{post.slug}"
    )  # fmt: skip
    assert entry.find("s:lastmod", NS).text == post.updated_at.date().isoformat()


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert lines[0] == "User-agent: *"


def test_robots_txt_refuses_a_post(client):
    assert client.post("/robots.txt").status_code == 405


# --- JSON-LD -------------------------------------------------------------------


def test_each_post_carries_a_blog_posting(client, seeded):
    post = BlogPost.objects.first()
    data = client.get(f"/api/v1/news/{post.slug}").json()["data"]["json_ld"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == post.title
    assert data["datePublished"] == post.published.isoformat()
    assert data["url"] == f"{SITE}/blog/{post.slug}"
    assert data["author"] == {"@type": "Person", "name": "Daniyal", "url": f"{SITE}/"}
    listed = client.get("/api/v1/news/list").json()["data"]["items"]
    assert all(item["json_ld"]["@type"] == "BlogPosting" for item in listed)


def test_an_admin_read_of_a_post_has_no_json_ld(client, seeded, admin_user):
    from portfolio.testing import bearer

    post = BlogPost.objects.first()
    data = client.get(f"/api/v1/admin/posts/{post.pk}", **bearer(admin_user)).json()["data"]
    assert "json_ld" not in data


@pytest.mark.parametrize(("language", "suffix"), [("en", ""), ("es", "?lang=es")])
def test_each_project_carries_a_creative_work_in_its_language(client, seeded, language, suffix):
    project = Project.objects.get(slug="interactive-chatbot")
    data = client.get(f"/api/v1/projects/{project.slug}", {"lang": language}).json()["data"]
    ld = data["json_ld"]
    assert ld["@type"] == "CreativeWork"
    assert ld["name"] == data["title"]
    assert ld["description"] == data["description"]
    assert ld["keywords"] == ["LLM", "FastAPI", "r3f"]
    assert ld["inLanguage"] == language
    assert ld["url"] == f"{SITE}/projects/{project.slug}{suffix}"
    listed = client.get("/api/v1/projects/list", {"lang": language}).json()["data"]["items"]
    assert listed[0]["json_ld"] == ld


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_resume_carries_the_owner_as_a_person(client, seeded, language):
    data = client.get(f"/api/v1/resume/{language}").json()["data"]
    person = data["json_ld"]
    assert person["@type"] == "Person"
    assert person["name"] == "Daniyal"
    assert person["jobTitle"] == data["profile"]["title"]
    assert person["sameAs"] == [
        "https://daniyal.example.com", "https://github.com/daniyal",
        "https://www.linkedin.com/in/daniyal",
    ]  # fmt: skip
    assert person["knowsAbout"][0] == data["skills"][0]["name"]
    assert person["worksFor"]["@type"] == "Organization"
    assert "telephone" not in person  # blank in the seed: left out, not ""


def test_the_resume_json_ld_is_null_before_there_is_a_profile(client, db):
    assert client.get("/api/v1/resume/en").json()["data"]["json_ld"] is None


def embedded(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_the_home_page_embeds_the_owner_as_json_ld(client, seeded):
    person = embedded(client.get("/").content.decode())
    assert (person["@type"], person["name"]) == ("Person", "Daniyal")
    spanish = embedded(client.get("/", {"lang": "es"}).content.decode())
    assert spanish["jobTitle"].startswith("Ingeniero de software")
    assert spanish["url"] == f"{SITE}/?lang=es"


def test_text_in_the_json_ld_cannot_close_the_script(client, seeded):
    from content_app.models import Profile

    Profile.objects.filter(pk=1).update(about_en="</script><script>alert(1)</script> & more")
    html = client.get("/").content.decode()
    assert "<script>alert(1)" not in html
    assert embedded(html)["description"] == "</script><script>alert(1)</script> & more"


def test_the_home_page_has_no_json_ld_before_there_is_a_profile(client, db):
    assert "application/ld+json" not in client.get("/").content.decode()


def test_the_sitemap_costs_the_same_queries_with_more_posts(
    client, seeded, django_assert_num_queries
):
    from django.core.cache import cache

    def count():
        cache.clear()
        # Posts, their count, projects (read uncached: no scheduled publish time).
        with django_assert_num_queries(3):
            assert client.get("/sitemap.xml").status_code == 200

    count()
    for n in range(10):
        BlogPost.objects.create(
            title=f"More {n}", excerpt="x", content="y", category="Ethics", published="2024-02-01"
        )
    count()


def test_drafts_and_scheduled_posts_are_not_in_the_sitemap_until_their_time(client, seeded):
    from datetime import timedelta

    from django.utils import timezone

    def post(title, **fields):
        return BlogPost.objects.create(
            title=title, excerpt="x", content="y", category="Ethics", published="2024-02-01",
            **fields,
        )  # fmt: skip

    post("A draft", status="draft")
    soon = post("Soon", publish_at=timezone.now() + timedelta(hours=1))
    urls = sitemap(client)
    assert f"{SITE}/blog/a-draft" not in urls
    assert f"{SITE}/blog/soon" not in urls
    BlogPost.objects.filter(pk=soon.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert f"{SITE}/blog/soon" in sitemap(client)
