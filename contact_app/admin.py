from django.contrib import admin, messages
from django.utils.text import Truncator

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
        "is_spam", "spam_reason", "ip_hash", "user_agent", "updated_at",
    ]  # fmt: skip
    # What the visitor sent is evidence; only the owner's triage is editable.
    readonly_fields = [
        "id", "name", "email", "message", "submitted_at",
        "spam_reason", "ip_hash", "user_agent", "updated_at",
    ]  # fmt: skip
    inlines = [NotificationInline]
    actions = ["mark_processed", "mark_archived", "mark_spam", "resend_notification"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("notifications")

    def has_add_permission(self, request):
        return False

    @admin.display(description="Message")
    def short_message(self, submission):
        return Truncator(submission.message).chars(80)

    @admin.display(description="Owner email")
    def email_status(self, submission):
        for notification in submission.notifications.all():
            if notification.kind == Notification.Kind.OWNER:
                return notification.get_status_display()
        return "not sent" if submission.is_spam else "none"

    @admin.action(description="Mark selected as processed")
    def mark_processed(self, request, queryset):
        self._set_status(request, queryset, ContactSubmission.Status.PROCESSED)

    @admin.action(description="Mark selected as archived")
    def mark_archived(self, request, queryset):
        self._set_status(request, queryset, ContactSubmission.Status.ARCHIVED)

    @admin.action(description="Mark selected as spam")
    def mark_spam(self, request, queryset):
        count = services.submission_mark_spam(submission_ids=_ids(queryset))
        self.message_user(request, f"{count} submission(s) marked as spam.", messages.SUCCESS)

    @admin.action(description="Resend the owner notification")
    def resend_notification(self, request, queryset):
        ids = _ids(queryset)
        queued = sum(services.notification_resend(submission_id=pk) for pk in ids)
        self.message_user(request, f"{queued} notification(s) queued.", messages.SUCCESS)
        if queued < len(ids):
            self.message_user(
                request,
                f"{len(ids) - queued} skipped: being sent right now.",
                messages.WARNING,
            )

    def _set_status(self, request, queryset, status):
        count = services.submission_set_status(submission_ids=_ids(queryset), status=status)
        self.message_user(request, f"{count} submission(s) marked {status}.", messages.SUCCESS)


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

    @admin.action(description="Queue the selected notifications again")
    def send_again(self, request, queryset):
        queued = services.notifications_requeue(notification_ids=_ids(queryset))
        self.message_user(request, f"{len(queued)} notification(s) queued.", messages.SUCCESS)


def _ids(queryset):
    return list(queryset.values_list("pk", flat=True))
