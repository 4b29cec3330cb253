"""Degrade, never lose: with Redis, the broker or the SMTP server really down (a port
where nothing listens), a message is still stored (201), and its email goes out once
they are back."""

import pytest

from contact_app.models import ContactSubmission, Notification
from contact_app.services import notifications_send_unsent
from contact_app.tests.conftest import OWNER, valid_payload

pytestmark = pytest.mark.django_db


def test_with_redis_down_the_message_is_stored_and_its_email_sent(submit, redis_down, mailoutbox):
    response = submit()

    assert response.status_code == 201
    submission = ContactSubmission.objects.get()
    assert response.json()["data"]["submission_id"] == str(submission.pk)
    assert [m.to for m in mailoutbox] == [[OWNER]]


def test_with_redis_down_the_throttle_still_limits_locally(submit, redis_down, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "contact": "2/hour",
        },
    }
    from portfolio.api.throttles import local_limits

    local_limits.clear()
    statuses = [
        submit(valid_payload(message=f"Message number {n} for the owner.")).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]
    assert ContactSubmission.objects.count() == 2


def test_with_the_broker_down_the_message_waits_and_is_sent_by_the_retry(
    submit, broker_down, mailoutbox
):
    response = submit()

    assert response.status_code == 201
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.PENDING
    assert mailoutbox == []

    # What beat runs every five minutes once the broker is back.
    assert notifications_send_unsent()["sent"] == 1
    assert [m.to for m in mailoutbox] == [[OWNER]]


def test_with_smtp_and_redis_down_nothing_is_lost(submit, smtp, redis_down):
    responses = [
        submit(valid_payload(message=f"Message number {n} for the owner.")) for n in range(3)
    ]

    assert [r.status_code for r in responses] == [201, 201, 201]
    assert Notification.objects.filter(status=Notification.Status.PENDING).count() == 3
    assert smtp.inbox.envelopes == []

    smtp.start()
    assert notifications_send_unsent()["sent"] == 3
    assert len(smtp.inbox.envelopes) == 3
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 3
