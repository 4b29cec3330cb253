"""The outbox: email over real SMTP, and nothing lost when SMTP, the broker or the
process fails between storing a message and emailing it."""

import smtplib
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from kombu.exceptions import OperationalError

from contact_app import mailer
from contact_app.mailer import MailerError
from contact_app.models import ContactSubmission, Notification
from contact_app.selectors import STALE_CLAIM_AFTER
from contact_app.services import notification_send, submission_create
from contact_app.tasks import notification_send_task
from contact_app.tests.conftest import OWNER, URL, valid_payload

pytestmark = pytest.mark.django_db


def retry_notifications(*args):
    out = StringIO()
    call_command("retry_notifications", *args, stdout=out)
    return out.getvalue()


def stored_without_sending(**overrides):
    """A submission committed with its outbox row, whose send never ran."""
    payload = valid_payload(**overrides)
    submission, _ = submission_create(
        name=payload["name"], email=payload["email"], message=payload["message"]
    )
    return submission, submission.notifications.get(kind=Notification.Kind.OWNER)


# --- Real SMTP ----------------------------------------------------------------


def test_the_owner_notification_arrives_at_a_real_smtp_server(submit, smtp_server):
    response = submit()

    assert response.status_code == 201
    [envelope] = smtp_server.inbox.envelopes
    [message] = smtp_server.inbox.messages
    submission_id = response.json()["data"]["submission_id"]
    assert envelope.rcpt_tos == [OWNER]
    assert message["To"] == OWNER
    assert message["Reply-To"] == "Jane Doe <jane@example.com>"
    assert message["From"] == "portfolio@localhost"
    assert message["Subject"] == "Portfolio contact form: message from Jane Doe"
    body = message.get_content()
    assert "Name:    Jane Doe" in body
    assert "Email:   jane@example.com" in body
    assert f"ID:      {submission_id}" in body
    assert "Hello Daniyal, I would like to talk about a backend project." in body
    assert Notification.objects.get().status == Notification.Status.SENT


def test_non_ascii_names_and_messages_arrive_intact(submit, smtp_server):
    submit(valid_payload(name="José Müller 日本", message="¡Hola! Me gustaría hablar contigo. 😀"))

    [message] = smtp_server.inbox.messages
    assert "José Müller 日本" in message["Reply-To"]
    assert "¡Hola! Me gustaría hablar contigo. 😀" in message.get_content()


def test_smtp_down_keeps_the_message_and_retry_delivers_it_once_smtp_is_up(submit, smtp):
    response = submit()  # nothing listens on smtp.port yet

    assert response.status_code == 201
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert "Connection refused" in notification.last_error or "Errno" in notification.last_error

    output = retry_notifications()
    assert "still pending 1" in output
    assert Notification.objects.get().attempts == 2

    smtp.start()
    output = retry_notifications()

    assert "Sent 1" in output
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.last_error == ""
    assert notification.attempts == 3
    [message] = smtp.inbox.messages
    assert message["To"] == OWNER
    assert response.json()["data"]["submission_id"] in message.get_content()

    # A second run finds nothing to send: one email per submission.
    assert "Sent 0" in retry_notifications()
    assert len(smtp.inbox.envelopes) == 1


def test_the_auto_reply_reaches_the_visitor_over_smtp(submit, smtp_server, settings):
    settings.CONTACT_AUTO_REPLY = True
    submit()

    recipients = sorted(e.rcpt_tos[0] for e in smtp_server.inbox.envelopes)
    assert recipients == sorted([OWNER, "jane@example.com"])


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("en", "Thank you for your message", "Hi Jane Doe,"),
        ("es", "Gracias por tu mensaje", "Hola, Jane Doe:"),
    ],
)
def test_the_auto_reply_is_in_the_language_the_visitor_wrote_from(
    submit, smtp_server, settings, language, subject, greeting
):
    settings.CONTACT_AUTO_REPLY = True
    response = submit(HTTP_ACCEPT_LANGUAGE=language)

    [reply] = [m for m in smtp_server.inbox.messages if m["To"] == "Jane Doe <jane@example.com>"
               or m["To"] == "jane@example.com"]  # fmt: skip
    assert reply["Subject"] == subject
    assert reply.get_content().startswith(greeting)
    assert response.json()["data"]["submission_id"] in reply.get_content()
    assert ContactSubmission.objects.get().language == language


def test_the_owners_notification_stays_in_the_sites_language_whatever_the_visitors(
    submit, smtp_server
):
    submit(HTTP_ACCEPT_LANGUAGE="es")

    [message] = smtp_server.inbox.messages
    assert message["Subject"] == "Portfolio contact form: message from Jane Doe"
    assert "Name:    Jane Doe" in message.get_content()


def test_a_recipient_refused_for_good_is_marked_failed_and_not_retried(monkeypatch, settings):
    settings.CONTACT_NOTIFY_EMAIL = "nobody@example.com"
    refused = smtplib.SMTPRecipientsRefused({"nobody@example.com": (550, b"No such user")})
    monkeypatch.setattr(mail.EmailMessage, "send", mock.Mock(side_effect=refused))
    _, notification = stored_without_sending()

    assert "failed 1" in retry_notifications()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "550" in notification.last_error
    assert "Sent 0, still pending 0, failed 0" in retry_notifications()

    monkeypatch.undo()
    settings.CONTACT_NOTIFY_EMAIL = OWNER
    assert "Sent 1" in retry_notifications("--include-failed")
    assert mail.outbox[0].to == [OWNER]


def test_a_temporary_refusal_stays_pending(monkeypatch):
    refused = smtplib.SMTPRecipientsRefused({OWNER: (450, b"Mailbox busy")})
    monkeypatch.setattr(mail.EmailMessage, "send", mock.Mock(side_effect=refused))
    _, notification = stored_without_sending()

    with pytest.raises(MailerError):
        notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING


# --- Failures between commit and send -----------------------------------------


def test_a_broker_outage_at_enqueue_time_leaves_the_row_for_the_retry(submit, monkeypatch):
    monkeypatch.setattr(
        notification_send_task, "delay", mock.Mock(side_effect=OperationalError("Redis is down"))
    )

    response = submit()

    assert response.status_code == 201
    assert mail.outbox == []
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 0

    monkeypatch.undo()
    assert "Sent 1" in retry_notifications()
    assert [m.to for m in mail.outbox] == [[OWNER]]


def test_a_process_dying_right_after_commit_leaves_the_row_for_the_retry(
    client, django_capture_on_commit_callbacks
):
    # The commit happens; the on_commit callback that enqueues the email never runs.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(URL, valid_payload(), content_type="application/json")

    assert response.status_code == 201
    assert len(callbacks) == 1
    assert mail.outbox == []
    assert Notification.objects.get().status == Notification.Status.PENDING

    assert "Sent 1" in retry_notifications()
    assert len(mail.outbox) == 1


def test_a_worker_dying_mid_send_is_picked_up_after_the_stale_claim_timeout():
    _, notification = stored_without_sending()
    long_ago = timezone.now() - STALE_CLAIM_AFTER - timedelta(minutes=1)
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENDING, claimed_at=long_ago, attempts=1
    )

    assert "Sent 1" in retry_notifications()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 2
    assert len(mail.outbox) == 1


def test_a_send_in_progress_elsewhere_is_not_sent_twice():
    _, notification = stored_without_sending()
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENDING, claimed_at=timezone.now()
    )

    assert notification_send(notification_id=notification.pk) is None
    assert "Sent 0, still pending 0" in retry_notifications()
    assert mail.outbox == []


def test_a_notification_is_sent_once_however_often_it_is_triggered():
    _, notification = stored_without_sending()

    notification_send(notification_id=notification.pk)
    notification_send(notification_id=notification.pk)
    notification_send_task.delay(notification.pk)
    retry_notifications()

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1


def test_the_outbox_row_is_written_in_the_same_transaction_as_the_submission(monkeypatch):
    def broken_create(*args, **kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(Notification.objects, "create", broken_create)

    with pytest.raises(RuntimeError):
        stored_without_sending()

    # Neither half survives: no submission that would never be emailed.
    assert ContactSubmission.objects.count() == 0


def test_an_unexpected_error_while_sending_gives_the_row_back(monkeypatch):
    monkeypatch.setattr(mailer, "send", mock.Mock(side_effect=RuntimeError("bug")))
    _, notification = stored_without_sending()

    with pytest.raises(RuntimeError):
        notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.last_error == "bug"


# --- Owner address ------------------------------------------------------------


def test_the_owner_defaults_to_the_first_superusers_email(submit, settings, admin_user):
    settings.CONTACT_NOTIFY_EMAIL = ""
    submit()

    assert [m.to for m in mail.outbox] == [[admin_user.email]]


def test_without_any_owner_address_the_notification_waits_with_a_clear_error(
    submit, settings, django_user_model
):
    settings.CONTACT_NOTIFY_EMAIL = ""
    submit()

    notification = Notification.objects.get()
    assert notification.status == Notification.Status.PENDING
    assert "CONTACT_NOTIFY_EMAIL" in notification.last_error
    assert mail.outbox == []

    django_user_model.objects.create_superuser("owner", "later@example.com", "pw-12345-long")
    assert "Sent 1" in retry_notifications()
    assert mail.outbox[0].to == ["later@example.com"]


# --- The Celery task ----------------------------------------------------------


def test_in_eager_mode_a_failed_send_is_left_pending_not_retried_in_the_request(monkeypatch):
    send = mock.Mock(side_effect=MailerError("SMTP down"))
    monkeypatch.setattr(mailer, "send", send)
    _, notification = stored_without_sending()

    result = notification_send_task.delay(notification.pk)

    assert result.successful()
    assert send.call_count == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.last_error == "SMTP down"


def test_in_a_worker_a_failed_send_is_retried_with_exponential_backoff(monkeypatch):
    monkeypatch.setattr(mailer, "send", mock.Mock(side_effect=MailerError("SMTP down")))
    retry = mock.Mock(side_effect=Retry("retrying"))
    monkeypatch.setattr(notification_send_task, "retry", retry)
    _, notification = stored_without_sending()

    with pytest.raises(Retry):
        notification_send_task(notification.pk)  # called as a worker would, not eagerly

    [call] = retry.call_args_list
    assert isinstance(call.kwargs["exc"], MailerError)
    assert call.kwargs["countdown"] <= 1  # first retry: up to 2**0 s, with jitter
    assert notification_send_task.max_retries == 8
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING


def test_the_task_ignores_a_notification_that_no_longer_exists():
    assert notification_send_task.delay(999_999).successful()
    assert mail.outbox == []


# --- The command --------------------------------------------------------------


def test_retry_notifications_sends_every_pending_one_oldest_first():
    for i in range(3):
        stored_without_sending(email=f"visitor{i}@example.com")

    assert "Sent 3, still pending 0" in retry_notifications()
    assert [m.reply_to[0] for m in mail.outbox] == [
        f"Jane Doe <visitor{i}@example.com>" for i in range(3)
    ]
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_retry_notifications_stops_early_while_smtp_is_still_down(smtp):
    for i in range(5):
        stored_without_sending(email=f"visitor{i}@example.com")

    output = retry_notifications()

    assert "still pending 5" in output
    # Three refused connections in a row: the other two were not even tried.
    assert sorted(Notification.objects.values_list("attempts", flat=True)) == [0, 0, 1, 1, 1]
