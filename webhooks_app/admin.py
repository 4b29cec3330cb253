from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portfolio.admin_base import BaseAdmin, ReadOnlyInline
from webhooks_app import services
from webhooks_app.models import Delivery, Event, Webhook

DELIVERY_FIELDS = [
    "id", "event", "items", "status", "attempts", "response_code", "response_body",
    "last_error", "next_attempt_at", "sent_at", "created_at",
]  # fmt: skip


class DeliveryInline(ReadOnlyInline):
    model = Delivery
    fields = ["created_at", "event", "status", "attempts", "response_code", "sent_at"]
    show_change_link = True

    def get_queryset(self, request):
        # The latest few; the deliveries page has them all.
        return super().get_queryset(request).order_by("-created_at")


@admin.register(Webhook)
class WebhookAdmin(BaseAdmin):
    list_display = ["url", "events", "active", "created_at"]
    list_filter = ["active"]
    search_fields = ["url"]
    fields = ["url", "secret", "events", "active"]
    inlines = [DeliveryInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "events":
            return forms.TypedMultipleChoiceField(
                choices=Event.choices,
                widget=forms.CheckboxSelectMultiple,
                label=_("Events"),
                initial=list(Event.values),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Delivery)
class DeliveryAdmin(BaseAdmin):
    list_display = [
        "created_at", "webhook", "event", "item_count", "status", "attempts", "response_code",
        "sent_at",
    ]  # fmt: skip
    list_filter = ["status", "event", "webhook"]
    list_select_related = ["webhook"]
    fields = ["webhook", *DELIVERY_FIELDS]
    readonly_fields = fields
    actions = ["redeliver"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Items"))
    def item_count(self, delivery):
        return len(delivery.items)

    @admin.action(description=_("Send again (same id)"))
    def redeliver(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        queued = sum(services.webhook_delivery_redeliver(delivery_id=pk) for pk in ids)
        message = ngettext("%(count)d delivery queued.", "%(count)d deliveries queued.", queued) % {
            "count": queued
        }
        self.message_user(request, message, messages.SUCCESS)
