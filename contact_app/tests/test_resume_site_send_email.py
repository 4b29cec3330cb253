"""`POST /api/contact/send-email`, the resume site's newer client: the same contact
flow as `/api/v1/contact/submit`, in that client's raw shape."""

import pytest
from django.core import mail

from contact_app.models import ContactSubmission, Notification
from contact_app.tests.conftest import OWNER

pytestmark = pytest.mark.django_db

URL = "/api/contact/send-email"
MESSAGE = {
    "from_email": "Jane@Example.COM",
    "subject": "A backend project",
    "message": "Hello Daniyal, I would like to talk about a backend project.",
}


def test_a_message_is_stored_the_owner_notified_and_the_client_told_so(submit):
    response = submit(MESSAGE, url=URL)

    assert response.status_code == 200
    assert response.json() == {
        "message": "Thank you for your message! I'll get back to you soon.",
        "status_code": 200,
    }
    submission = ContactSubmission.objects.get()
    assert submission.email == "Jane@example.com"
    assert submission.name == "Jane"
    assert submission.message == f"A backend project\n\n{MESSAGE['message']}"
    [sent] = mail.outbox
    assert sent.to == [OWNER]
    assert "A backend project" in sent.body


def test_the_senders_address_is_never_mailed_even_with_auto_replies_on(submit, settings):
    settings.CONTACT_AUTO_REPLY = True
    submit(MESSAGE, url=URL)

    assert [m.to for m in mail.outbox] == [[OWNER]]
    assert list(Notification.objects.values_list("kind", flat=True)) == ["owner"]


def test_the_answer_is_in_the_visitors_language(submit):
    response = submit(MESSAGE, url=URL, HTTP_ACCEPT_LANGUAGE="es")

    assert response.json()["message"] == "¡Gracias por tu mensaje! Te responderé pronto."


def test_the_subject_may_be_left_out(submit):
    assert submit({**MESSAGE, "subject": ""}, url=URL).status_code == 200
    assert ContactSubmission.objects.get().message == MESSAGE["message"]


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"from_email": "not an address"}, "from_email: Enter a valid email address."),
        ({"message": "Too short"}, "message: Ensure this field has at least 10 characters."),
        ({"subject": "Two\nlines"}, "subject: Enter a subject on one line."),
        ({"name": "Jane"}, "Unknown field: name."),
    ],
)
def test_bad_input_is_a_400_with_one_sentence_in_detail_and_stores_nothing(
    submit, change, sentence
):
    response = submit({**MESSAGE, **change}, url=URL)

    assert response.status_code == 400
    assert response.json() == {"detail": sentence}
    assert not ContactSubmission.objects.exists()
    assert mail.outbox == []


def test_spam_is_stored_flagged_and_never_emailed(submit):
    spam = {**MESSAGE, "message": "Buy cheap viagra now http://a.example http://b.example"}
    assert submit(spam, url=URL).status_code == 200
    assert ContactSubmission.objects.get().is_spam is True
    assert mail.outbox == []


def test_the_contact_throttle_counts_both_paths_together(submit):
    for i in range(3):
        submit({**MESSAGE, "message": f"Message number {i} for the throttle."}, url=URL)
    for i in range(2):
        submit({"name": "Jane", "email": "jane@example.com", "message": f"Form message {i} here."})

    response = submit({**MESSAGE, "message": "One message too many."}, url=URL)

    assert response.status_code == 429
    assert response["Retry-After"]
    assert response.json()["detail"].startswith("Too many requests.")
    assert ContactSubmission.objects.count() == 5


def test_it_answers_post_only(client):
    response = client.get(URL)

    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


def test_a_stale_token_in_the_browser_never_turns_the_message_into_a_401(submit):
    response = submit(MESSAGE, url=URL, HTTP_AUTHORIZATION="Bearer expired.or.foreign")

    assert response.status_code == 200
    assert ContactSubmission.objects.count() == 1
