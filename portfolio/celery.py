import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")

app = Celery("portfolio")
# CELERY_* settings; without REDIS_URL they make every task run eagerly in-process.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def serve_worker_metrics(**kwargs):
    """A worker has no Django HTTP server: its counters get a port of their own."""
    from django.conf import settings

    if settings.CELERY_METRICS_PORT:
        from portfolio.metrics import start_worker_metrics_server

        start_worker_metrics_server(settings.CELERY_METRICS_PORT)
