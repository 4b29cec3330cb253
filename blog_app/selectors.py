import django_filters
from django.db.models import Q

from blog_app.models import BlogPost
from portfolio.api.errors import NotFoundError

CACHE_NAMESPACE = "news"
ALL = "All"


class BlogPostFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search")
    category = django_filters.CharFilter(method="exact_unless_all")
    featured = django_filters.BooleanFilter(field_name="featured")

    class Meta:
        model = BlogPost
        fields = ["q", "category", "featured"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(excerpt__icontains=value))

    def exact_unless_all(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(**{name: value})


def post_list(*, filters=None, limit=None):
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    queryset = BlogPostFilter(filters, queryset=BlogPost.objects.all()).qs
    total = queryset.count()
    items = list(queryset[:limit] if limit else queryset)
    return items, total


def post_get(*, slug) -> BlogPost:
    post = BlogPost.objects.filter(slug=slug).first()
    if post is None:
        raise NotFoundError(f"No blog post has the slug {slug!r}.")
    return post
