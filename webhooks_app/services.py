"""Rebuild webhooks: recording content events into the outbox, and sending it.

Guarantees: an event is written in the same transaction as the change that caused
it, so a committed edit always has its delivery. Events within
WEBHOOK_BATCH_SECONDS of the first join one delivery per hook and event. A sender
claims a row with one conditional UPDATE before calling, so two senders never call
for the same row at once; a claim older than WEBHOOK_CLAIM_SECONDS (its sender was
killed) may be taken over. A failed call is retried with exponential backoff up to
WEBHOOK_MAX_ATTEMPTS, and the periodic sweep sends whatever a lost task left behind.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portfolio.api.renderers import dumps
from webhooks_app import client
from webhooks_app.client import WebhookError
from webhooks_app.models import Delivery
from webhooks_app.selectors import (
    delivery_claimable_q,
    delivery_list_due_ids,
    delivery_seconds_until_next,
    webhook_list_for_event,
)

logger = logging.getLogger(__name__)

ERROR_MAX = 2000


# --- Recording ----------------------------------------------------------------


def webhook_event_record(*, event: str, kind: str, id) -> int:
    """Adds `{kind, id}` to each subscribed hook's open batch for `event` (starting
    one when there is none); returns how many hooks it went to."""
    hooks = webhook_list_for_event(event=event)
    item = {"kind": kind, "id": str(id)}
    for hook in hooks:
        _delivery_add(hook=hook, event=event, item=item)
    return len(hooks)


def _delivery_add(*, hook, event, item) -> None:
    for _attempt in range(3):
        with transaction.atomic():
            batch = (
                Delivery.objects.select_for_update()
                .filter(webhook=hook, event=event, status=Delivery.Status.COLLECTING)
                .first()
            )
            if batch is not None:
                if item not in batch.items:
                    batch.items.append(item)
                    batch.save(update_fields=["items"])
                return
            try:
                with transaction.atomic():
                    batch = Delivery.objects.create(
                        webhook=hook,
                        event=event,
                        items=[item],
                        next_attempt_at=timezone.now()
                        + timedelta(seconds=settings.WEBHOOK_BATCH_SECONDS),
                    )
            except IntegrityError:
                # Another process opened the batch a moment ago: join it instead.
                continue
        transaction.on_commit(
            lambda pk=batch.pk: deliveries_enqueue(
                delivery_id=pk, countdown=settings.WEBHOOK_BATCH_SECONDS
            )
        )
        return
    raise IntegrityError(f"Could not open or join a webhook batch for {hook.pk}.")


def deliveries_enqueue(*, delivery_id, countdown) -> None:
    """Hands a delivery to a sender: a Celery task due after `countdown`, or with no
    broker, the embedded runner (woken so it re-reads when the next one falls due)."""
    # Imported here: the tasks module imports this one, and the runner is wiring.
    from cv_app import runner
    from portfolio.celery import app
    from webhooks_app.tasks import delivery_send_task

    if app.conf.task_always_eager:
        # An eager task would run now, inside the request, ignoring the countdown.
        runner.wake()
        return
    try:
        delivery_send_task.apply_async((str(delivery_id),), countdown=countdown)
    except Exception:
        # Broker down: the row is committed, and the sweep sends it.
        logger.warning("Could not enqueue webhook delivery %s", delivery_id, exc_info=True)


# --- Sending ------------------------------------------------------------------


def delivery_payload(delivery, *, sent_at) -> bytes:
    return dumps(
        {
            "id": str(delivery.id),
            "event": delivery.event,
            "items": delivery.items,
            "sent_at": sent_at.isoformat().replace("+00:00", "Z"),
        }
    )


def retry_delay(attempts: int) -> float:
    """Seconds before attempt `attempts + 1`: base, 2x base, 4x base, ... capped."""
    base, cap = settings.WEBHOOK_RETRY_BASE_SECONDS, settings.WEBHOOK_RETRY_MAX_SECONDS
    return min(cap, base * 2 ** max(0, attempts - 1))


def webhook_delivery_send(*, delivery_id) -> float | None:
    """Sends one delivery if it is due and nobody else has it. Returns the seconds until
    it should be tried again (still pending, or not yet due), or None when there is
    nothing more to do for it (sent, failed for good, taken by another sender, gone)."""
    now = timezone.now()
    delivery = _delivery_claim(delivery_id, now=now)
    if delivery is None:
        waiting = Delivery.objects.filter(
            pk=delivery_id, status__in=[Delivery.Status.COLLECTING, Delivery.Status.PENDING]
        ).values_list("next_attempt_at", flat=True)
        return max(0.0, (waiting[0] - now).total_seconds()) if waiting else None
    try:
        response = client.post(
            url=delivery.webhook.url,
            secret=delivery.webhook.secret,
            body=delivery_payload(delivery, sent_at=now),
        )
    except WebhookError as exc:
        return _delivery_failed(delivery, exc)
    except Exception as exc:
        # A bug, not the receiver: give the row back now rather than at claim expiry.
        _delivery_failed(delivery, exc)
        raise
    _delivery_update(
        delivery,
        status=Delivery.Status.SENT,
        sent_at=now,
        response_code=response.status_code,
        response_body=response.body,
        last_error="",
        claimed_at=None,
    )
    return None


def _delivery_claim(delivery_id, *, now) -> Delivery | None:
    # One conditional UPDATE: of two senders racing for the row, exactly one matches.
    claimed = Delivery.objects.filter(delivery_claimable_q(now=now), pk=delivery_id).update(
        status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("webhook").get(pk=delivery_id)


def _delivery_failed(delivery, exc) -> float | None:
    final = delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS
    delay = retry_delay(delivery.attempts)
    _delivery_update(
        delivery,
        status=Delivery.Status.FAILED if final else Delivery.Status.PENDING,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
        response_code=getattr(exc, "status_code", None),
        response_body=getattr(exc, "body", ""),
        last_error=(str(exc) or type(exc).__name__)[:ERROR_MAX],
        claimed_at=None,
    )
    log = logger.error if final else logger.warning
    log("Webhook delivery %s, attempt %s: %s", delivery.pk, delivery.attempts, exc)
    return None if final else delay


def _delivery_update(delivery, **fields) -> None:
    # Only while this sender still holds the claim: a stale claim taken over by
    # another sender is theirs to finish.
    Delivery.objects.filter(
        pk=delivery.pk, status=Delivery.Status.SENDING, claimed_at=delivery.claimed_at
    ).update(**fields)
    for name, value in fields.items():
        setattr(delivery, name, value)


def webhook_deliveries_send_due() -> float | None:
    """Sends every delivery that is due (the sweep: beat, or the embedded runner);
    returns the seconds until the next one falls due, None when nothing waits."""
    for delivery_id in delivery_list_due_ids():
        try:
            webhook_delivery_send(delivery_id=delivery_id)
        except Exception:
            logger.exception("Webhook delivery %s hit an error", delivery_id)
    return delivery_seconds_until_next()


def webhook_delivery_redeliver(*, delivery_id) -> bool:
    """Queues a delivery again with the same id, sent or failed ones included (the
    owner asked); one being sent right now is left alone. True when queued."""
    now = timezone.now()
    queued = (
        Delivery.objects.filter(pk=delivery_id)
        .exclude(status__in=[Delivery.Status.SENDING, Delivery.Status.COLLECTING])
        .update(status=Delivery.Status.PENDING, next_attempt_at=now, attempts=0)
    )
    if queued:
        transaction.on_commit(lambda: deliveries_enqueue(delivery_id=delivery_id, countdown=0))
    return bool(queued)
