import django_filters

from portfolio.api.filters import SearchableFilterSet, filtered, filtered_list
from tools_app.models import AITool

CACHE_NAMESPACE = "tools"


class AIToolFilter(SearchableFilterSet):
    search_fields = ("name", "description")
    status = django_filters.CharFilter(field_name="status")
    pricing = django_filters.CharFilter(field_name="pricing")

    class Meta:
        model = AITool
        fields = ["q", "category", "status", "pricing"]


def tool_matching(*, filters=None):
    """The published tools the public list's filters match (unpaged: the list pages them)."""
    return filtered(AIToolFilter, AITool.objects.published(), filters=filters)


def tool_list(*, filters=None, limit=None, offset=0):
    return filtered_list(
        AIToolFilter, AITool.objects.published(), filters=filters, limit=limit, offset=offset
    )
