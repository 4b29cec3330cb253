"""The public lists' shared filtering: `q` over a few text fields, `category`
where "All" means no filter, and a `limit` that still reports the full count."""

import functools
import operator

import django_filters
from django.db.models import Q

ALL = "All"


class SearchableFilterSet(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search")
    category = django_filters.CharFilter(method="exact_unless_all")

    def search(self, queryset, name, value):
        matches = [Q(**{f"{field}__icontains": value}) for field in self.search_fields]
        return queryset.filter(functools.reduce(operator.or_, matches))

    def exact_unless_all(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(**{name: value})


def filtered_list(filterset_class, queryset, *, filters=None, limit=None):
    """(the first `limit` matches, how many match in all)."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    matching = filterset_class(filters, queryset=queryset).qs
    return list(matching[:limit] if limit else matching), matching.count()
