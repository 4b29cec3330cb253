import logging

from celery import shared_task

from contact_app.mailer import MailerError
from contact_app.services import notification_send, notifications_send_unsent

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="contact_app.send_notification",
    # Acknowledged once sent: a killed worker's message goes back to the queue, and
    # the row's stale claim (contact_app/selectors.py) lets the next sender take it.
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(MailerError,),
    retry_backoff=True,  # 1 s, 2 s, 4 s, ... with jitter
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def notification_send_task(self, notification_id):
    """Send one outbox row. When the retries run out the row is still pending, and
    the beat schedule picks it up."""
    try:
        notification_send(notification_id=notification_id)
    except MailerError as exc:
        if self.request.is_eager:
            # Eager mode runs inside the web request, where Celery would retry at
            # once, back to back, ignoring the backoff. The row is pending again;
            # retry_notifications (or beat, once Redis is configured) sends it.
            logger.warning("Contact notification %s left pending: %s", notification_id, exc)
            return
        raise


@shared_task(name="contact_app.retry_notifications")
def notifications_retry_task():
    counts = notifications_send_unsent()
    logger.info("Contact notifications retried: %s", counts)
    return counts
