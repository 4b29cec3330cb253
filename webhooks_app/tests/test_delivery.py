"""Content events become batched, signed calls to a real receiver on 127.0.0.1."""

import hashlib
import hmac
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from blog_app.models import BlogPost
from portfolio.testing import bearer
from webhooks_app import client as webhook_client
from webhooks_app.models import Delivery
from webhooks_app.services import (
    retry_delay,
    webhook_deliveries_send_due,
    webhook_delivery_redeliver,
    webhook_delivery_send,
    webhook_event_record,
)
from webhooks_app.tests.conftest import SECRET, wait_for


def a_post():
    return BlogPost.objects.create(
        title="Batching", excerpt="x", content="y", category="Technology", published="2024-01-01"
    )


def verify(call):
    """What a receiver does: recompute the signature from the raw body."""
    header = call["headers"]["X-Portfolio-Signature"]
    parts = dict(part.split("=", 1) for part in header.split(","))
    signed = f"{parts['t']}.".encode() + call["body"]
    expected = hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(parts["v1"], expected)
    assert abs(int(parts["t"]) - time.time()) < 60


def one_delivery(hook_for, receiver, *, kind, id):
    """One hook to the receiver and one change recorded: its one delivery."""
    hook_for(receiver.url)
    webhook_event_record(event="changed", kind=kind, id=id)
    return Delivery.objects.get()


def due_now(delivery):
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_twenty_edits_through_the_api_sends_one_signed_call(
    client, admin_user, receiver, hook_for, fast_webhooks, settings, embedded_runner
):
    # Wide enough for 20 API writes on shared, loaded cores.
    settings.WEBHOOK_BATCH_SECONDS = 10.0
    post = a_post()
    hook_for(receiver.url)
    started = time.monotonic()
    for n in range(20):
        response = client.patch(
            f"/api/v1/admin/posts/{post.pk}", {"excerpt": f"Edit {n}"},
            content_type="application/json", **bearer(admin_user),
        )  # fmt: skip
        assert response.status_code == 200
    assert time.monotonic() - started < settings.WEBHOOK_BATCH_SECONDS
    assert receiver.calls == []  # the window is still open
    assert wait_for(lambda: receiver.calls)
    time.sleep(1.0)  # nothing else follows
    assert len(receiver.calls) == 1
    verify(receiver.calls[0])
    payload = receiver.payloads()[0]
    assert payload["event"] == "changed"
    assert payload["items"] == [{"kind": "posts", "id": str(post.pk)}]
    delivery = Delivery.objects.get()
    assert payload["id"] == str(delivery.pk)
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("sent", 204, 1)
    assert payload["sent_at"].startswith(delivery.sent_at.strftime("%Y-%m-%dT%H:%M:%S"))


@pytest.mark.django_db(transaction=True)
def test_a_receiver_that_was_down_gets_the_call_once_it_is_back(
    down_receiver, hook_for, fast_webhooks, embedded_runner
):
    hook_for(down_receiver.url)
    post = a_post()
    delivery = Delivery.objects.get()
    assert wait_for(lambda: Delivery.objects.get().attempts >= 3)
    assert Delivery.objects.get().status in {"pending", "sending"}
    assert "ConnectError" in Delivery.objects.get().last_error
    down_receiver.start()
    assert wait_for(lambda: Delivery.objects.get().status == "sent")
    assert [p["id"] for p in down_receiver.payloads()] == [str(delivery.pk)]
    assert down_receiver.payloads()[0]["items"] == [{"kind": "posts", "id": str(post.pk)}]
    assert down_receiver.payloads()[0]["event"] == "published"
    assert Delivery.objects.get().last_error == ""


def test_the_default_retries_outlast_a_receiver_down_for_five_minutes(settings):
    schedule = [retry_delay(n) for n in range(1, settings.WEBHOOK_MAX_ATTEMPTS)]
    assert sum(schedule) > 3600
    assert schedule[:3] == [10.0, 20.0, 40.0]
    assert max(schedule) == settings.WEBHOOK_RETRY_MAX_SECONDS


def test_edits_within_the_window_join_one_delivery_per_hook_and_event(
    db, receiver, hook_for, django_capture_on_commit_callbacks
):
    first, second = hook_for(receiver.url), hook_for(receiver.url + "?second")
    for n in range(5):
        webhook_event_record(event="changed", kind="projects", id=f"p{n % 2}")
    webhook_event_record(event="unpublished", kind="projects", id="p0")
    rows = Delivery.objects.order_by("webhook__created_at", "event")
    assert [(d.webhook_id, d.event, len(d.items)) for d in rows] == [
        (first.pk, "changed", 2), (first.pk, "unpublished", 1),
        (second.pk, "changed", 2), (second.pk, "unpublished", 1),
    ]  # fmt: skip
    assert receiver.calls == []  # not before the window closes


def test_inactive_hooks_and_unsubscribed_events_get_nothing(db, receiver, hook_for):
    hook_for(receiver.url, active=False)
    hook_for(receiver.url, events=["published"])
    assert webhook_event_record(event="changed", kind="posts", id="1") == 0
    assert webhook_event_record(event="published", kind="posts", id="1") == 1
    assert Delivery.objects.count() == 1


def test_a_receiver_answering_500_is_recorded_and_retried_later(db, receiver, hook_for):
    receiver.status = 500
    delivery = one_delivery(hook_for, receiver, kind="tools", id="t1")
    due_now(delivery)
    retry_in = webhook_delivery_send(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert retry_in == pytest.approx(10.0)
    assert (delivery.status, delivery.response_code) == ("pending", 500)
    assert delivery.response_body == "receiver says hi"
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=5)
    assert len(receiver.calls) == 1


def test_after_its_last_attempt_a_delivery_fails_for_good(db, receiver, hook_for, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.status = 503
    delivery = one_delivery(hook_for, receiver, kind="tools", id="t1")
    for _ in range(3):
        due_now(delivery)
        webhook_delivery_send(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    assert len(receiver.calls) == 2


def test_a_claim_left_by_a_killed_sender_is_taken_over_once_it_expires(
    db, receiver, hook_for, settings
):
    delivery = one_delivery(hook_for, receiver, kind="skills", id="s1")
    fresh = timezone.now()
    Delivery.objects.update(status="sending", claimed_at=fresh, next_attempt_at=fresh)
    webhook_deliveries_send_due()
    assert receiver.calls == []  # its sender may still be calling
    stale = fresh - timedelta(seconds=settings.WEBHOOK_CLAIM_SECONDS + 1)
    Delivery.objects.update(claimed_at=stale)
    assert webhook_deliveries_send_due() is None
    delivery.refresh_from_db()
    assert (delivery.status, len(receiver.calls)) == ("sent", 1)


def test_a_delivery_is_sent_once_however_many_senders_try(db, receiver, hook_for):
    delivery = one_delivery(hook_for, receiver, kind="skills", id="s1")
    due_now(delivery)
    results = [webhook_delivery_send(delivery_id=delivery.pk) for _ in range(3)]
    assert results == [None, None, None]
    assert len(receiver.calls) == 1


def test_a_redelivery_carries_the_same_id(
    db, receiver, hook_for, django_capture_on_commit_callbacks
):
    delivery = one_delivery(hook_for, receiver, kind="skills", id="s1")
    due_now(delivery)
    webhook_delivery_send(delivery_id=delivery.pk)
    assert webhook_delivery_redeliver(delivery_id=delivery.pk)
    webhook_deliveries_send_due()
    ids = [payload["id"] for payload in receiver.payloads()]
    assert ids == [str(delivery.pk), str(delivery.pk)]


def test_a_delivery_not_yet_due_is_left_for_later(db, receiver, hook_for):
    delivery = one_delivery(hook_for, receiver, kind="skills", id="s1")
    retry_in = webhook_delivery_send(delivery_id=delivery.pk)
    assert 25 < retry_in <= 30
    assert receiver.calls == []


def test_with_the_broker_down_the_delivery_waits_for_the_sweep(
    db, receiver, hook_for, broker_down, django_capture_on_commit_callbacks
):
    hook_for(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        webhook_event_record(event="changed", kind="skills", id="s1")
    due_now(Delivery.objects.get())
    webhook_deliveries_send_due()
    assert Delivery.objects.get().status == "sent"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1/", "ftp://x/"])
def test_only_http_urls_are_ever_called(url):
    with pytest.raises(webhook_client.WebhookError):
        webhook_client.post(url=url, secret="x", body=b"{}")


def test_a_redirect_is_not_followed(receiver):
    receiver.status = 302
    with pytest.raises(webhook_client.WebhookError) as caught:
        webhook_client.post(url=receiver.url, secret="x", body=b"{}")
    assert caught.value.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_drafts_edits_send_nothing_and_its_scheduled_time_sends_published(receiver, hook_for):
    from portfolio.publishing import publishing_sweep

    hook_for(receiver.url)
    post = a_post()  # published at once
    Delivery.objects.all().delete()
    post.status = "draft"
    post.save()
    assert list(Delivery.objects.values_list("event", flat=True)) == ["unpublished"]
    post.excerpt = "Edited while a draft"
    post.save()
    assert Delivery.objects.count() == 1
    post.status, post.publish_at = "published", timezone.now() + timedelta(hours=1)
    post.save()
    assert Delivery.objects.count() == 1  # scheduled, not yet visible
    BlogPost.objects.filter(pk=post.pk).update(publish_at=timezone.now())
    assert publishing_sweep() == 1
    published = Delivery.objects.get(event="published")
    assert published.items == [{"kind": "posts", "id": str(post.pk)}]


@pytest.mark.django_db(transaction=True)
def test_a_skill_edit_is_a_change(receiver, hook_for):
    from content_app.models import Skill

    hook_for(receiver.url)
    skill = Skill.objects.create(name_en="Django", category_en="Backend")
    item = {"kind": "skills", "id": str(skill.pk)}
    skill.delete()
    rows = Delivery.objects.order_by("event").values_list("event", "items")
    assert list(rows) == [("changed", [item]), ("unpublished", [item])]


@pytest.mark.django_db(transaction=True)
def test_a_new_batch_wakes_the_runner_so_it_is_sent_on_time_not_at_the_next_poll(
    receiver, hook_for, fast_webhooks
):
    import threading

    from cv_app import runner

    stop = threading.Event()
    thread = threading.Thread(
        target=runner.serve, kwargs={"stop": stop, "poll_seconds": 300}, daemon=True
    )
    thread.start()
    try:
        time.sleep(0.5)  # the runner is asleep for its long poll
        hook_for(receiver.url)
        started = time.monotonic()
        webhook_event_record(event="changed", kind="posts", id="1")
        assert wait_for(lambda: receiver.calls, seconds=20)
        # The batch window (0.5 s) and some slack for shared cores; the poll is 300 s.
        assert time.monotonic() - started < 10
    finally:
        stop.set()
        runner.wake()
        thread.join(10)
