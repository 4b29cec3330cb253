from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from contact_app.models import ContactSubmission, Notification

# A claim older than this belongs to a worker that died mid-send (sends time out
# after EMAIL_TIMEOUT seconds, far less than this).
STALE_CLAIM_AFTER = timedelta(minutes=15)


def submission_find_duplicate(*, fingerprint, since):
    return (
        ContactSubmission.objects.filter(fingerprint=fingerprint, submitted_at__gte=since)
        .order_by("submitted_at")
        .first()
    )


def notification_claimable_q(*, now=None) -> Q:
    """Rows a sender may take: waiting ones, and ones whose sender vanished."""
    now = now or timezone.now()
    return Q(status=Notification.Status.PENDING) | Q(
        status=Notification.Status.SENDING, claimed_at__lt=now - STALE_CLAIM_AFTER
    )


def notification_list_unsent_ids(*, limit=None) -> list[int]:
    queryset = (
        Notification.objects.filter(notification_claimable_q())
        .order_by("created_at", "id")
        .values_list("id", flat=True)
    )
    return list(queryset[:limit] if limit else queryset)


def submission_waiting_list(*, limit=10) -> tuple[int, list[ContactSubmission]]:
    """(how many, the oldest few) messages from people, not spam, still to be handled."""
    waiting = ContactSubmission.objects.filter(
        status=ContactSubmission.Status.PENDING, is_spam=False
    ).order_by("submitted_at")
    return waiting.count(), list(waiting[:limit])
