import django_filters
from django.utils.translation import gettext

from blog_app.models import BlogPost
from portfolio.api.errors import NotFoundError
from portfolio.api.filters import SearchableFilterSet, filtered, filtered_list
from portfolio.preview import preview_item_get
from portfolio.structured_data import frontend_path, post_path

CACHE_NAMESPACE = "news"


class BlogPostFilter(SearchableFilterSet):
    search_fields = ("title", "excerpt")
    featured = django_filters.BooleanFilter(field_name="featured")

    class Meta:
        model = BlogPost
        fields = ["q", "category", "featured"]


def post_matching(*, filters=None):
    """The published posts the public list's filters match (unpaged: the list pages them)."""
    return filtered(BlogPostFilter, BlogPost.objects.published(), filters=filters)


def post_list(*, filters=None, limit=None, offset=0):
    return filtered_list(
        BlogPostFilter, BlogPost.objects.published(), filters=filters, limit=limit, offset=offset
    )


def post_preview_get(*, slug, token) -> BlogPost:
    """The post a preview token opens, whatever its status (portfolio/preview.py)."""
    find = BlogPost.objects.filter(slug=slug).first
    return preview_item_get(token=token, kind="posts", find=find)


def post_get(*, slug) -> BlogPost:
    post = BlogPost.objects.published().filter(slug=slug).first()
    if post is None:
        raise NotFoundError(gettext("No blog post has the slug %(slug)r.") % {"slug": slug})
    return post


# How many posts the assistant knows: the newest, enough for "what has he written about X"
# without letting a prolific blog crowd the content out of a model's prompt.
KNOWLEDGE_POSTS = 30


def post_knowledge_list() -> list[dict]:
    """[{id, slug, title, excerpt, category, published, path}] of the visible posts, newest
    first, for the assistant. Read from the database each time (no value cache below the
    response cache): a scheduled post is known from its publish time on."""
    posts = BlogPost.objects.published().order_by("-published", "-created_at")
    fields = ("id", "slug", "title", "excerpt", "category", "published")
    return [
        {
            **row,
            "id": str(row["id"]),
            "published": row["published"].isoformat(),
            "path": frontend_path(post_path(row["slug"])),
        }
        for row in posts.values(*fields)[:KNOWLEDGE_POSTS]
    ]
