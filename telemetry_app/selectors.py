from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from telemetry_app.models import TelemetryEvent


def _recent(days):
    return TelemetryEvent.objects.filter(received_at__gte=timezone.now() - timedelta(days=days))


def telemetry_daily_counts(*, days=30) -> list[dict]:
    """[{day, events, sessions}], newest day first, by the server's clock (UTC)."""
    return list(
        _recent(days)
        .annotate(day=TruncDate("received_at"))
        .values("day")
        .annotate(events=Count("id"), sessions=Count("session_id", distinct=True))
        .order_by("-day")
    )


def telemetry_top_pages(*, days=30, limit=10) -> list[dict]:
    """[{page, events, sessions}], busiest first."""
    return list(
        _recent(days)
        .exclude(page="")
        .values("page")
        .annotate(events=Count("id"), sessions=Count("session_id", distinct=True))
        .order_by("-events", "page")[:limit]
    )
