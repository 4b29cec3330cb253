"""The public lists' filtering: `q` (`icontains`, answered on PostgreSQL from the trigram
indexes of `search_indexes.py`) over a few text fields, and `category`, where "All" means
no filter. Two queries per list whatever the page: the page and the count."""

import django_filters
from django.db.models import Q

ALL = "All"


class SearchableFilterSet(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search")
    category = django_filters.CharFilter(method="exact_unless_all")

    def search(self, queryset, name, value):
        matches = [(f"{field}__icontains", value) for field in self.search_fields]
        return queryset.filter(Q(*matches, _connector=Q.OR))

    def exact_unless_all(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(**{name: value})


def filtered(filterset_class, queryset, *, filters=None):
    """The rows of `queryset` that `filters` match (blank filters left out)."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    return filterset_class(filters, queryset=queryset).qs


def filtered_list(filterset_class, queryset, *, filters=None, limit=None, offset=0):
    """(the matches from `offset`, at most `limit` of them; how many match in all), for
    callers outside a request (the API's lists page `filtered()` with LimitOffsetPage)."""
    matching = filtered(filterset_class, queryset, filters=filters)
    end = offset + limit if limit else None
    return list(matching[offset:end]), matching.count()
