import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")

app = Celery("portfolio")
# CELERY_* settings; without REDIS_URL they make every task run eagerly in-process.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
