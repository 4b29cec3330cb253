from django.contrib import admin

from chat_app.models import ChatHistory, LLMUsage
from chat_app.selectors import llm_daily_spend
from portfolio.admin_base import BaseAdmin


@admin.register(ChatHistory)
class ChatHistoryAdmin(BaseAdmin):
    list_display = ["timestamp", "session_id", "short_message", "mode", "responder", "latency_ms"]
    list_filter = ["mode", "responder", "language", "timestamp"]
    search_fields = ["session_id", "message", "response"]
    readonly_fields = [f.name for f in ChatHistory._meta.fields]
    date_hierarchy = "timestamp"

    @admin.display(description="message")
    def short_message(self, row):
        return row.message[:80]

    def has_add_permission(self, request):
        return False


@admin.register(LLMUsage)
class LLMUsageAdmin(BaseAdmin):
    list_display = [
        "created_at",
        "model",
        "purpose",
        "tokens_in",
        "tokens_out",
        "cost_usd",
        "latency_ms",
        "succeeded",
    ]
    list_filter = ["model", "provider", "purpose", "succeeded", "streamed"]
    readonly_fields = [f.name for f in LLMUsage._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        # Spend per day at the top of the list: what the daily budget is measured against.
        daily = reversed(llm_daily_spend(days=14))
        extra_context = {**(extra_context or {}), "daily_spend": list(daily)}
        return super().changelist_view(request, extra_context=extra_context)
