"""What only shows with the real services: concurrent senders and double clicks on
PostgreSQL, and the task going through Redis to a worker that retries it."""

import threading
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections

from contact_app import mailer
from contact_app.models import ContactSubmission, Notification
from contact_app.services import notification_send, submission_create
from contact_app.tests.conftest import OWNER, URL, valid_payload
from portfolio.celery import app as celery_app


def run_at_once(target, count):
    """Run target in `count` threads released together; returns their results."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # reported below, with the thread's own error
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def wait_until(condition, *, seconds):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Gave up waiting after {seconds} s")
        time.sleep(0.1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_senders_racing_for_one_notification_send_it_once(monkeypatch):
    submission = ContactSubmission.objects.create(
        name="Jane", email="jane@example.com", message="Hello there, a message.", fingerprint="x"
    )
    notification = Notification.objects.create(submission=submission, kind="owner")
    sent = []

    def slow_send(**message):
        sent.append(message["to"])
        time.sleep(0.2)  # the SMTP conversation: long enough for the others to try

    monkeypatch.setattr(mailer, "send", slow_send)

    run_at_once(lambda: notification_send(notification_id=notification.pk), 6)

    assert sent == [OWNER]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_click_stores_one_submission_and_sends_one_email():
    ids = run_at_once(lambda: submission_create(**valid_payload())[0].pk, 5)

    assert len(set(ids)) == 1
    assert ContactSubmission.objects.count() == 1
    assert Notification.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[OWNER]]


@pytest.mark.redis
def test_beat_retries_notifications_every_five_minutes_with_a_registered_task(db):
    entry = settings.CELERY_BEAT_SCHEDULE["contact-retry-notifications"]
    celery_app.loader.import_default_modules()

    assert entry["schedule"] == 300.0
    assert entry["task"] in celery_app.tasks

    submission, _ = submission_create(**valid_payload())  # its send never ran
    result = celery_app.tasks[entry["task"]].apply()

    assert result.get()["sent"] == 1
    assert [m.to for m in mail.outbox] == [[OWNER]]
    assert submission.notifications.get().status == Notification.Status.SENT


@pytest.mark.redis
def test_through_redis_the_worker_retries_until_smtp_is_back(client, smtp, redis_worker):
    response = client.post(URL, valid_payload(), content_type="application/json")
    assert response.status_code == 201

    def failed_once():
        row = Notification.objects.get()
        return row.attempts >= 1 and row.status == Notification.Status.PENDING

    wait_until(failed_once, seconds=30)
    assert smtp.inbox.envelopes == []

    smtp.start()
    wait_until(lambda: Notification.objects.get().status == "sent", seconds=120)

    notification = Notification.objects.get()
    assert notification.attempts >= 2
    [envelope] = smtp.inbox.envelopes
    assert envelope.rcpt_tos == [OWNER]
    assert response.json()["data"]["submission_id"] in smtp.inbox.messages[0].get_content()
