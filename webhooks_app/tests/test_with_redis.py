"""Through a real Redis broker and a Celery worker: the batch's task waits out the
window, and retries itself with backoff until the receiver is back."""

import pytest
from django.conf import settings

from blog_app.models import BlogPost
from portfolio.celery import app as celery_app
from webhooks_app.models import Delivery
from webhooks_app.tests.conftest import wait_for

pytestmark = pytest.mark.redis


def test_a_burst_through_celery_is_one_call_and_a_down_receiver_gets_it_later(
    down_receiver, hook_for, fast_webhooks, settings, redis_worker
):
    # Long enough for 20 saves on shared cores: the burst must fit in one window.
    settings.WEBHOOK_BATCH_SECONDS = 5.0
    hook_for(down_receiver.url)
    post = BlogPost.objects.create(
        title="Celery", excerpt="x", content="y", category="Technology", published="2024-01-01"
    )
    for n in range(20):
        post.excerpt = f"Edit {n}"
        post.save()
    assert Delivery.objects.filter(event="changed").count() == 1
    assert wait_for(lambda: Delivery.objects.get(event="changed").attempts >= 2, seconds=60)
    down_receiver.start()
    assert wait_for(lambda: Delivery.objects.filter(status="sent").count() == 2, seconds=60)
    events = sorted(payload["event"] for payload in down_receiver.payloads())
    assert events == ["changed", "published"]
    changed = next(p for p in down_receiver.payloads() if p["event"] == "changed")
    assert changed["items"] == [{"kind": "posts", "id": str(post.pk)}]


def test_beat_sweeps_webhook_deliveries_every_minute_with_a_registered_task():
    entry = settings.CELERY_BEAT_SCHEDULE["webhooks-send-due"]
    celery_app.loader.import_default_modules()
    assert entry["schedule"] == 60.0
    assert entry["task"] in celery_app.tasks
