"""The contact form: storing submissions, and the outbox that emails them.

Delivery guarantee: a submission and its outbox rows commit together; the send
task is only enqueued after that commit. Whatever fails afterwards (broker,
worker, SMTP server) leaves a pending row that `retry_notifications` and the
beat schedule keep retrying, and a sender claims a row before sending so two
senders never send the same row.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from contact_app import emails, mailer
from contact_app.mailer import MailerError
from contact_app.models import ContactSubmission, Notification
from contact_app.selectors import (
    STALE_CLAIM_AFTER,
    notification_claimable_q,
    notification_list_unsent_ids,
    submission_find_duplicate,
)
from contact_app.spam import spam_reason
from portfolio.api.clients import ip_hash
from portfolio.api.errors import ServiceUnavailableError
from portfolio.metrics import record_contact_notification

logger = logging.getLogger(__name__)

DEDUPE_WINDOW = timedelta(minutes=10)
HONEYPOT_REASON = "Honeypot field filled in."
USER_AGENT_MAX = 512
ERROR_MAX = 2000


# --- Submissions --------------------------------------------------------------


def submission_fingerprint(*, email: str, message: str) -> str:
    # Case and spacing differences do not make a resend a new message.
    normalised = f"{email.casefold()}\n{' '.join(message.split()).casefold()}"
    return hashlib.sha256(normalised.encode()).hexdigest()


def submission_dedupe_key(fingerprint, when) -> str:
    bucket = int(when.timestamp() // DEDUPE_WINDOW.total_seconds())
    return f"{fingerprint}:{bucket}"


def submission_create(
    *,
    name,
    email,
    message,
    website="",
    ip_address="",
    user_agent="",
    auto_reply=True,
    language="",
) -> tuple[ContactSubmission, bool]:
    """Store a submission and queue its emails; returns (submission, created).

    The same email and message within DEDUPE_WINDOW returns the earlier
    submission instead (created is False). Spam, honeypot included, is stored
    but gets no outbox rows, so it is never emailed. `auto_reply=False`: the
    visitor's address is never mailed, whatever CONTACT_AUTO_REPLY says. `language`
    (the request's) is the auto-reply's; the site's default when empty. With the
    database unreachable nothing is stored: ServiceUnavailableError, never a success.
    """
    try:
        return _submission_store(
            name=name, email=email, message=message, website=website,
            ip_address=ip_address, user_agent=user_agent, auto_reply=auto_reply,
            language=language or settings.LANGUAGE_CODE,
        )  # fmt: skip
    except (OperationalError, InterfaceError) as exc:
        logger.error("Contact message not stored, the database is unavailable: %s", exc)
        raise ServiceUnavailableError(
            gettext("Your message could not be saved right now. Please try again in a few minutes.")
        ) from exc


def _submission_store(
    *, name, email, message, website, ip_address, user_agent, auto_reply, language
):
    now = timezone.now()
    fingerprint = submission_fingerprint(email=email, message=message)
    duplicate = submission_find_duplicate(fingerprint=fingerprint, since=now - DEDUPE_WINDOW)
    if duplicate is not None:
        return duplicate, False

    reason = HONEYPOT_REASON if website else spam_reason(name=name, message=message)
    dedupe_key = submission_dedupe_key(fingerprint, now)
    try:
        with transaction.atomic():
            submission = ContactSubmission.objects.create(
                name=name,
                email=email,
                message=message,
                submitted_at=now,
                is_spam=bool(reason),
                spam_reason=reason,
                ip_hash=ip_hash(ip_address),
                user_agent=user_agent[:USER_AGENT_MAX],
                language=language,
                fingerprint=fingerprint,
                dedupe_key=dedupe_key,
            )
            if not reason:
                _outbox_create(submission, auto_reply=auto_reply)
    except IntegrityError:
        # The same message arrived twice at once (a double click): the other
        # request stored it first.
        existing = ContactSubmission.objects.filter(dedupe_key=dedupe_key).first()
        if existing is None:
            raise
        return existing, False
    return submission, True


def _outbox_create(submission, *, auto_reply) -> None:
    kinds = [Notification.Kind.OWNER]
    if auto_reply and settings.CONTACT_AUTO_REPLY:
        kinds.append(Notification.Kind.AUTO_REPLY)
    ids = [
        Notification.objects.create(
            submission=submission,
            kind=kind,
            recipient=submission.email if kind == Notification.Kind.AUTO_REPLY else "",
        ).id
        for kind in kinds
    ]
    transaction.on_commit(lambda: notifications_enqueue(notification_ids=ids))


def submission_set_status(*, submission_ids, status) -> int:
    return ContactSubmission.objects.filter(pk__in=submission_ids).update(
        status=status, updated_at=timezone.now()
    )


def submission_mark_spam(*, submission_ids, reason="Marked as spam by the owner.") -> int:
    return ContactSubmission.objects.filter(pk__in=submission_ids).update(
        is_spam=True, spam_reason=reason, updated_at=timezone.now()
    )


# --- The outbox ---------------------------------------------------------------


def notifications_enqueue(*, notification_ids) -> None:
    # Imported here: the tasks module imports this one.
    from contact_app.tasks import notification_send_task

    for notification_id in notification_ids:
        try:
            notification_send_task.delay(notification_id)
        except Exception:
            # Broker down. The row is committed as pending, so nothing is lost:
            # retry_notifications / the beat schedule sends it later.
            logger.warning(
                "Could not enqueue contact notification %s; it stays pending for the retry.",
                notification_id,
                exc_info=True,
            )


def notification_send(*, notification_id) -> Notification | None:
    """Send one outbox row if nobody else has it; returns it, or None when there was
    nothing to do (already sent, being sent elsewhere, failed for good, deleted).

    A retryable failure puts the row back to pending and raises MailerError; a
    permanent one (recipient refused) marks it failed and returns it.
    """
    notification = _notification_claim(notification_id)
    if notification is None:
        return None
    try:
        recipient = _deliver(notification)
    except MailerError as exc:
        _notification_release(notification, error=exc, permanent=exc.permanent)
        record_contact_notification(outcome="failed" if exc.permanent else "retry")
        if exc.permanent:
            logger.error("Contact notification %s failed for good: %s", notification.pk, exc)
            return notification
        raise
    except Exception as exc:
        # A bug, not the mail server: give the row back rather than leaving it
        # claimed until the stale-claim timeout.
        _notification_release(notification, error=exc, permanent=False)
        raise
    _notification_mark_sent(notification, recipient=recipient)
    record_contact_notification(outcome="sent")
    return notification


def _notification_claim(notification_id) -> Notification | None:
    # One conditional UPDATE: of two senders racing for the row, the database
    # lets exactly one match `status = pending`.
    now = timezone.now()
    claimed = Notification.objects.filter(
        notification_claimable_q(now=now), pk=notification_id
    ).update(
        status=Notification.Status.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not claimed:
        return None
    return Notification.objects.select_related("submission").get(pk=notification_id)


def _deliver(notification) -> str:
    submission = notification.submission
    if notification.kind == Notification.Kind.OWNER:
        to = mailer.owner_address()
        subject, body = emails.owner_notification(submission)
        reply_to = emails.visitor_address(submission)
    else:
        to = notification.recipient
        subject, body = emails.auto_reply(submission)
        reply_to = None
    mailer.send(to=to, subject=subject, body=body, reply_to=reply_to)
    return to


def _notification_mark_sent(notification, *, recipient) -> None:
    now = timezone.now()
    fields = {
        "status": Notification.Status.SENT,
        "sent_at": now,
        "recipient": recipient,
        "last_error": "",
        "claimed_at": None,
        "updated_at": now,
    }
    Notification.objects.filter(pk=notification.pk).update(**fields)
    for name, value in fields.items():
        setattr(notification, name, value)


def _notification_release(notification, *, error, permanent) -> None:
    now = timezone.now()
    fields = {
        "status": Notification.Status.FAILED if permanent else Notification.Status.PENDING,
        "last_error": str(error)[:ERROR_MAX] or type(error).__name__,
        "claimed_at": None,
        "updated_at": now,
    }
    Notification.objects.filter(pk=notification.pk, status=Notification.Status.SENDING).update(
        **fields
    )
    for name, value in fields.items():
        setattr(notification, name, value)
    logger.warning(
        "Contact notification %s not sent (attempt %s): %s",
        notification.pk,
        notification.attempts,
        fields["last_error"],
    )


def notifications_send_unsent(*, include_failed=False, max_failures_in_a_row=3) -> dict:
    """Send every notification still waiting, oldest first; what `retry_notifications`
    and the beat schedule run.

    Stops early after `max_failures_in_a_row` retryable failures: the mail server
    is most likely still down, and the rest wait for the next run rather than
    each waiting out its own timeout.
    """
    if include_failed:
        Notification.objects.filter(status=Notification.Status.FAILED).update(
            status=Notification.Status.PENDING, updated_at=timezone.now()
        )
    ids = notification_list_unsent_ids()
    counts = {"sent": 0, "failed": 0, "pending": 0, "skipped": 0}
    failures_in_a_row = 0
    for position, notification_id in enumerate(ids):
        if failures_in_a_row >= max_failures_in_a_row:
            counts["pending"] += len(ids) - position
            break
        try:
            notification = notification_send(notification_id=notification_id)
        except MailerError:
            counts["pending"] += 1
            failures_in_a_row += 1
            continue
        if notification is None:
            counts["skipped"] += 1
        elif notification.status == Notification.Status.SENT:
            counts["sent"] += 1
            failures_in_a_row = 0
        else:
            counts["failed"] += 1
    return counts


def notifications_requeue(*, notification_ids) -> list[int]:
    """Put notifications back in the queue, sent or failed ones included (a person
    asked for it); rows a sender is busy with right now are left alone.
    Returns the ids queued."""
    with transaction.atomic():
        queued = list(
            Notification.objects.select_for_update()
            .filter(pk__in=notification_ids)
            .exclude(status=Notification.Status.SENDING, claimed_at__gte=_stale_before())
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=queued).update(
            status=Notification.Status.PENDING,
            last_error="",
            claimed_at=None,
            updated_at=timezone.now(),
        )
        transaction.on_commit(lambda: notifications_enqueue(notification_ids=queued))
    return queued


def notification_resend(*, submission_id) -> bool:
    """Email the owner about a submission again, even if that was done before (or
    never, as for spam). False while a sender is busy with it."""
    with transaction.atomic():
        notification, _ = Notification.objects.get_or_create(
            submission_id=submission_id, kind=Notification.Kind.OWNER
        )
        return bool(notifications_requeue(notification_ids=[notification.pk]))


def _stale_before():
    return timezone.now() - STALE_CLAIM_AFTER
