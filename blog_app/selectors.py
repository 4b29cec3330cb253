import django_filters

from blog_app.models import BlogPost
from portfolio.api.errors import NotFoundError
from portfolio.api.filters import SearchableFilterSet, filtered, filtered_list
from portfolio.preview import preview_item_get

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
        raise NotFoundError(f"No blog post has the slug {slug!r}.")
    return post
