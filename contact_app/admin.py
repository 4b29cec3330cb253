from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contact_app import services
from contact_app.models import ContactSubmission, Notification
from portfolio.admin_base import BaseAdmin, ReadOnlyInline


class NotificationInline(ReadOnlyInline):
    model = Notification
    fields = ["kind", "recipient", "status", "attempts", "last_error", "sent_at"]


@admin.register(ContactSubmission)
class ContactSubmissionAdmin(BaseAdmin):
    list_display = [
        "submitted_at", "name", "email", "short_message", "status", "is_spam", "email_status",
    ]  # fmt: skip
    list_filter = ["status", "is_spam", "submitted_at"]
    search_fields = ["name", "email", "message"]
    date_hierarchy = "submitted_at"
    fields = [
        "id", "name", "email", "message", "submitted_at", "status",
        "is_spam", "spam_reason", "language", "ip_hash", "user_agent", "updated_at",
    ]  # fmt: skip
    # What the visitor sent is evidence; only the owner's triage is editable.
    readonly_fields = [
        "id", "name", "email", "message", "submitted_at",
        "spam_reason", "language", "ip_hash", "user_agent", "updated_at",
    ]  # fmt: skip
    inlines = [NotificationInline]
    actions = ["mark_processed", "mark_archived", "mark_spam", "resend_notification"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("notifications")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Message"))
    def short_message(self, submission):
        return Truncator(submission.message).chars(80)

    @admin.display(description=_("Owner email"))
    def email_status(self, submission):
        for notification in submission.notifications.all():
            if notification.kind == Notification.Kind.OWNER:
                return notification.get_status_display()
        return gettext("not sent") if submission.is_spam else gettext("none")

    @admin.action(description=_("Mark selected as processed"))
    def mark_processed(self, request, queryset):
        count = _set_status(queryset, ContactSubmission.Status.PROCESSED)
        message = gettext("%(count)d submission(s) marked processed.")
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Mark selected as archived"))
    def mark_archived(self, request, queryset):
        count = _set_status(queryset, ContactSubmission.Status.ARCHIVED)
        message = gettext("%(count)d submission(s) marked archived.")
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Mark selected as spam"))
    def mark_spam(self, request, queryset):
        count = services.submission_mark_spam(submission_ids=_ids(queryset))
        message = gettext("%(count)d submission(s) marked as spam.")
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Resend the owner notification"))
    def resend_notification(self, request, queryset):
        ids = _ids(queryset)
        queued = sum(services.notification_resend(submission_id=pk) for pk in ids)
        self.message_user(request, _queued_message(queued), messages.SUCCESS)
        if queued < len(ids):
            skipped = len(ids) - queued
            message = gettext("%(count)d skipped: being sent right now.")
            self.message_user(request, message % {"count": skipped}, messages.WARNING)


@admin.register(Notification)
class NotificationAdmin(BaseAdmin):
    list_display = [
        "created_at", "submission", "kind", "recipient", "status", "attempts", "sent_at",
    ]  # fmt: skip
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "submission__email", "submission__name", "last_error"]
    list_select_related = ["submission"]
    readonly_fields = [
        "submission", "kind", "recipient", "status", "attempts", "last_error",
        "claimed_at", "sent_at", "created_at", "updated_at",
    ]  # fmt: skip
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Queue the selected notifications again"))
    def send_again(self, request, queryset):
        queued = services.notifications_requeue(notification_ids=_ids(queryset))
        self.message_user(request, _queued_message(len(queued)), messages.SUCCESS)


def _set_status(queryset, status) -> int:
    return services.submission_set_status(submission_ids=_ids(queryset), status=status)


def _queued_message(count) -> str:
    message = gettext("%(count)d notification(s) queued.")
    return message % {"count": count}


def _ids(queryset):
    return list(queryset.values_list("pk", flat=True))
