import pytest
from django.core import mail

from contact_app.models import ContactSubmission, Notification
from contact_app.services import submission_create
from contact_app.tests.conftest import OWNER, valid_payload

pytestmark = pytest.mark.django_db

LIST = "/admin/contact_app/contactsubmission/"


def stored(**overrides):
    payload = valid_payload(**overrides)
    submission, _ = submission_create(**payload)
    return submission


@pytest.fixture
def owner_client(client, admin_user):
    client.force_login(admin_user)
    return client


def action(client, name, submissions):
    return client.post(
        LIST,
        {"action": name, "_selected_action": [str(s.pk) for s in submissions]},
        follow=True,
    )


def test_the_list_shows_submissions_with_their_email_status(owner_client):
    stored(name="Jane Doe")

    response = owner_client.get(LIST)

    assert response.status_code == 200
    assert b"Jane Doe" in response.content
    assert b"jane@example.com" in response.content


def test_the_list_filters_spam(owner_client):
    stored(name="Real Person", email="real@example.com")
    stored(name="Spam Bot", email="bot@example.com", website="x")

    spam = owner_client.get(LIST, {"is_spam__exact": "1"})
    real = owner_client.get(LIST, {"is_spam__exact": "0"})

    assert b"Spam Bot" in spam.content and b"Real Person" not in spam.content
    assert b"Real Person" in real.content and b"Spam Bot" not in real.content


def test_the_list_filters_by_status(owner_client):
    done = stored(name="Done Already", email="done@example.com")
    ContactSubmission.objects.filter(pk=done.pk).update(status="processed")
    stored(name="Still Open", email="open@example.com")

    response = owner_client.get(LIST, {"status__exact": "processed"})

    assert b"Done Already" in response.content
    assert b"Still Open" not in response.content


def test_the_search_looks_in_messages(owner_client):
    stored(name="Alpha", email="a@example.com", message="Let's discuss a FastAPI migration.")
    stored(name="Beta", email="b@example.com", message="Question about your blog post.")

    response = owner_client.get(LIST, {"q": "fastapi"})

    assert b"Alpha" in response.content
    assert b"Beta" not in response.content


@pytest.mark.parametrize(
    ("name", "status"),
    [("mark_processed", "processed"), ("mark_archived", "archived")],
)
def test_status_actions_change_the_selected_submissions_only(owner_client, name, status):
    chosen = stored(email="chosen@example.com")
    other = stored(email="other@example.com")

    response = action(owner_client, name, [chosen])

    assert response.status_code == 200
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.status == status
    assert other.status == "pending"


def test_mark_spam_flags_the_submission(owner_client):
    submission = stored()

    action(owner_client, "mark_spam", [submission])

    submission.refresh_from_db()
    assert submission.is_spam is True
    assert "owner" in submission.spam_reason


def test_resend_emails_the_owner_again(owner_client, django_capture_on_commit_callbacks):
    submission = stored()
    Notification.objects.filter(submission=submission).update(status="sent")

    with django_capture_on_commit_callbacks(execute=True):
        response = action(owner_client, "resend_notification", [submission])

    assert b"1 notification(s) queued" in response.content
    assert [m.to for m in mail.outbox] == [[OWNER]]
    assert Notification.objects.get(submission=submission).status == "sent"


def test_resend_of_a_spam_submission_emails_the_owner_for_the_first_time(
    owner_client, django_capture_on_commit_callbacks
):
    submission = stored(message="Buy backlinks now, the best offer in town.")
    assert submission.is_spam and not submission.notifications.exists()

    with django_capture_on_commit_callbacks(execute=True):
        action(owner_client, "resend_notification", [submission])

    assert len(mail.outbox) == 1
    assert "backlinks" in mail.outbox[0].body


def test_the_submission_page_shows_the_outbox_and_keeps_the_message_read_only(owner_client):
    submission = stored()
    page = f"{LIST}{submission.pk}/change/"

    response = owner_client.get(page)
    assert response.status_code == 200
    assert b"Owner notification" in response.content

    owner_client.post(
        page,
        {
            "status": "processed",
            "is_spam": "",
            "message": "tampered",
            "notifications-TOTAL_FORMS": "1",
            "notifications-INITIAL_FORMS": "1",
            "notifications-MIN_NUM_FORMS": "0",
            "notifications-MAX_NUM_FORMS": "1000",
            "notifications-0-id": str(submission.notifications.get().pk),
            "notifications-0-submission": str(submission.pk),
        },
    )
    submission.refresh_from_db()
    assert submission.status == "processed"
    assert submission.message == valid_payload()["message"]


def test_submissions_cannot_be_added_by_hand(owner_client):
    assert owner_client.get(f"{LIST}add/").status_code == 403


def test_the_admin_is_for_staff_only(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("language", "done"),
    [
        ("es", "1 mensaje(s) marcado(s) como archivado(s)."),
        ("en", "1 submission(s) marked archived."),
    ],
)
def test_the_owner_reads_the_actions_outcome_in_the_admins_language(owner_client, language, done):
    owner_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    response = action(owner_client, "mark_archived", [stored()])
    assert [str(message) for message in response.context["messages"]] == [done]
