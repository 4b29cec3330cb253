from celery import shared_task
from django.conf import settings

from telemetry_app.services import telemetry_prune


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def telemetry_prune_task():
    """Scheduled by Celery beat (CELERY_BEAT_SCHEDULE): telemetry is kept for a bounded time."""
    return telemetry_prune(older_than_days=settings.TELEMETRY_RETENTION_DAYS)
