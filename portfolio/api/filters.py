"""The public lists' shared filtering: `q` over a few text fields, `category`
where "All" means no filter, and a page (`limit`, `offset`) that still reports the
full count. Two queries per list whatever the page: the page and the count.

`q` is a case-insensitive substring match (`icontains`). On PostgreSQL the
search fields carry trigram indexes on `UPPER(field::text)`, the expression
Django's `icontains` compiles to, so the match is answered from the index
(migrations `0002_search_indexes`); SQLite scans, with the same results."""

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


def filtered_list(filterset_class, queryset, *, filters=None, limit=None, offset=0):
    """(the matches from `offset`, at most `limit` of them; how many match in all)."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    matching = filterset_class(filters, queryset=queryset).qs
    end = offset + limit if limit else None
    return list(matching[offset:end]), matching.count()
