from django.contrib import admin

from portfolio.admin_base import BaseAdmin, PublishingAdminMixin, RevisionAdmin
from tools_app.models import AITool


@admin.register(AITool)
class AIToolAdmin(PublishingAdminMixin, RevisionAdmin, BaseAdmin):
    list_display = ["name", "category", "status", "pricing", "position", "updated_at"]
    list_editable = ["status", "position"]
    list_filter = ["category", "status", "pricing"]
    search_fields = ["name", "description"]
    readonly_fields = ["id", "created_at", "updated_at"]
    ordering = ["position", "name"]
