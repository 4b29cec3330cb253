from datetime import timedelta

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone

from webhooks_app.models import Delivery, Webhook

OPEN = (Delivery.Status.COLLECTING, Delivery.Status.PENDING)


def webhook_list_for_event(*, event) -> list[Webhook]:
    # In Python: SQLite cannot look inside a JSON list, and hooks are few.
    return [hook for hook in Webhook.objects.filter(active=True) if event in hook.events]


def delivery_claimable_q(*, now) -> Q:
    """Due rows, and rows whose sender vanished mid-call (a killed worker) longer
    ago than a call can last."""
    stale = now - timedelta(seconds=settings.WEBHOOK_CLAIM_SECONDS)
    return Q(status__in=OPEN, next_attempt_at__lte=now) | Q(
        status=Delivery.Status.SENDING, claimed_at__lt=stale
    )


def delivery_list_due_ids(*, now=None, limit=100) -> list:
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(delivery_claimable_q(now=now))
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )


def delivery_seconds_until_next(*, now=None) -> float | None:
    """How long until some delivery falls due (0: one is due now); None when none waits.
    A claimed row counts from when its claim goes stale."""
    now = now or timezone.now()
    waiting = Delivery.objects.filter(status__in=OPEN).aggregate(at=Min("next_attempt_at"))["at"]
    claimed = Delivery.objects.filter(status=Delivery.Status.SENDING).aggregate(
        at=Min("claimed_at")
    )["at"]
    times = [waiting] if waiting else []
    if claimed:
        times.append(claimed + timedelta(seconds=settings.WEBHOOK_CLAIM_SECONDS))
    if not times:
        return None
    return max(0.0, (min(times) - now).total_seconds())


def delivery_list(*, webhook):
    return Delivery.objects.filter(webhook=webhook).order_by("-created_at")
