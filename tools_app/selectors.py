import django_filters
from django.db.models import Q

from tools_app.models import AITool

CACHE_NAMESPACE = "tools"
ALL = "All"


class AIToolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search")
    category = django_filters.CharFilter(method="exact_unless_all")
    status = django_filters.CharFilter(field_name="status")
    pricing = django_filters.CharFilter(field_name="pricing")

    class Meta:
        model = AITool
        fields = ["q", "category", "status", "pricing"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))

    def exact_unless_all(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(**{name: value})


def tool_list(*, filters=None, limit=None):
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    queryset = AIToolFilter(filters, queryset=AITool.objects.all()).qs
    total = queryset.count()
    items = list(queryset[:limit] if limit else queryset)
    return items, total
