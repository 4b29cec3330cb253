"""News reads cost a fixed number of queries however many posts there are, uncached
(the cache is cleared before each request)."""

import datetime

import pytest
from django.core.cache import cache

from blog_app.models import BlogPost

pytestmark = pytest.mark.django_db


def add_posts(count):
    for n in range(count):
        BlogPost.objects.create(
            title=f"Post {n}", excerpt="e", content="Some *markdown*.", category="Technology",
            published=datetime.date(2020, 1, 1 + n % 28),
        )  # fmt: skip


def get(client, url, expected, django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


# A cold read also looks up the next scheduled publish time (one query per cache
# version, portfolio/api/caching.py).
DUE = 1
# The API's answers also read the owner, the author of every post's JSON-LD.
AUTHOR = 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/v1/news/list", 2 + DUE + AUTHOR),
        ("/news/list", 2 + DUE + AUTHOR),
        ("/feed/news.xml", 2),
    ],
)
def test_a_news_list_costs_the_same_queries_with_more_posts(
    client, seeded, django_assert_num_queries, url, expected
):
    get(client, url, expected, django_assert_num_queries)
    add_posts(30)
    get(client, url, expected, django_assert_num_queries)


def test_a_post_costs_a_fixed_number_of_queries(client, seeded, django_assert_num_queries):
    add_posts(30)
    for post in BlogPost.objects.all()[:3]:
        get(client, f"/api/v1/news/{post.slug}", 1 + DUE + AUTHOR, django_assert_num_queries)
