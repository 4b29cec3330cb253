from django.conf import settings
from django.contrib import admin

from portfolio.admin_base import BaseAdmin
from telemetry_app.models import TelemetryEvent
from telemetry_app.selectors import telemetry_daily_counts, telemetry_top_pages

STATS_DAYS = 30


@admin.register(TelemetryEvent)
class TelemetryEventAdmin(BaseAdmin):
    """Read-only: events are what browsers reported, not something to edit.
    The list page opens with counts per day and the top pages."""

    list_display = ["received_at", "source", "type", "name", "page", "session_id"]
    list_filter = ["source", "type"]
    search_fields = ["name", "page", "session_id"]
    date_hierarchy = "received_at"
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "stats_days": STATS_DAYS,
            "retention_days": settings.TELEMETRY_RETENTION_DAYS,
            "daily_counts": telemetry_daily_counts(days=STATS_DAYS),
            "top_pages": telemetry_top_pages(days=STATS_DAYS),
        }
        return super().changelist_view(request, extra_context=extra_context)
