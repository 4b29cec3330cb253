import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from portfolio.celery import app as celery_app
from telemetry_app.models import TelemetryEvent
from telemetry_app.tasks import telemetry_prune_task

pytestmark = pytest.mark.django_db


def record(days_ago):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return TelemetryEvent.objects.create(
        session_id="s", type="t", name=f"{days_ago} days", occurred_at=when, received_at=when
    )


def test_pruning_deletes_only_events_older_than_the_retention(settings):
    settings.TELEMETRY_RETENTION_DAYS = 30
    record(days_ago=31)
    kept = [record(days_ago=29), record(days_ago=0)]
    assert telemetry_prune_task.delay().get() == 1
    assert list(TelemetryEvent.objects.order_by("id")) == kept


def test_beat_schedules_the_prune_task_by_its_registered_name():
    entry = settings.CELERY_BEAT_SCHEDULE["telemetry-prune"]
    assert entry["task"] in celery_app.tasks
