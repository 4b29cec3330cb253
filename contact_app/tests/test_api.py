import hashlib
import hmac
from datetime import timedelta

import pytest
from django.core import mail

from contact_app.models import ContactSubmission, Notification
from contact_app.services import DEDUPE_WINDOW, submission_dedupe_key
from contact_app.tests.conftest import OWNER, URL, valid_payload

pytestmark = pytest.mark.django_db

THANK_YOU = "Thank you for your message! I'll get back to you soon."


def test_a_valid_message_is_stored_and_answered_with_its_id(submit):
    response = submit(HTTP_USER_AGENT="Mozilla/5.0 (test)", REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 201
    body = response.json()
    submission = ContactSubmission.objects.get()
    assert body == {
        "success": True,
        "data": {"message": THANK_YOU, "submission_id": str(submission.id)},
    }
    assert submission.name == "Jane Doe"
    assert submission.email == "jane@example.com"
    assert submission.message.startswith("Hello Daniyal")
    assert submission.status == ContactSubmission.Status.PENDING
    assert submission.is_spam is False
    assert submission.user_agent == "Mozilla/5.0 (test)"


def test_the_ip_is_stored_only_as_a_salted_hash(submit, settings):
    settings.IP_HASH_SALT = "pepper"
    submit(REMOTE_ADDR="203.0.113.7")

    submission = ContactSubmission.objects.get()
    expected = hmac.new(b"pepper", b"203.0.113.7", hashlib.sha256).hexdigest()
    assert submission.ip_hash == expected
    assert "203.0.113.7" not in str(ContactSubmission.objects.values().get())


def test_a_valid_message_emails_the_owner_with_reply_to_the_visitor(submit):
    response = submit()

    [sent] = mail.outbox
    submission_id = response.json()["data"]["submission_id"]
    assert sent.to == [OWNER]
    assert sent.reply_to == ["Jane Doe <jane@example.com>"]
    assert "Jane Doe" in sent.subject
    assert "jane@example.com" in sent.body
    assert "I would like to talk about a backend project." in sent.body
    assert submission_id in sent.body
    notification = Notification.objects.get()
    assert notification.kind == Notification.Kind.OWNER
    assert notification.status == Notification.Status.SENT
    assert notification.recipient == OWNER
    assert notification.attempts == 1


def test_the_seed_000_path_takes_messages_too(submit):
    response = submit(url="/contact/submit")

    assert response.status_code == 201
    assert response.json()["data"]["message"] == THANK_YOU
    assert ContactSubmission.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_form_encoded_post_works_like_json(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid_payload())

    assert response.status_code == 201
    assert ContactSubmission.objects.count() == 1


def test_html_is_stripped_from_what_is_stored(submit):
    submit(
        valid_payload(
            name="<b>Jane</b> Doe",
            message='<p>Hello <a href="http://x.test">there</a></p><script>alert(1)</script>'
            "<p>a &amp; b, x<y, mail me at <jane@example.com></p>",
        )
    )

    submission = ContactSubmission.objects.get()
    assert submission.name == "Jane Doe"
    assert submission.message == "Hello there\na & b, x<y, mail me at <jane@example.com>"


def test_an_auto_reply_goes_to_the_visitor_when_enabled(submit, settings):
    settings.CONTACT_AUTO_REPLY = True
    submit()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(["jane@example.com", OWNER])
    [reply] = [m for m in mail.outbox if m.to == ["jane@example.com"]]
    # Not an echo of what was typed: the form must not relay text to strangers.
    assert "backend project" not in reply.body
    assert set(Notification.objects.values_list("kind", "status")) == {
        ("owner", "sent"),
        ("auto_reply", "sent"),
    }


def test_no_auto_reply_by_default(submit):
    submit()

    assert [m.to for m in mail.outbox] == [[OWNER]]
    assert Notification.objects.filter(kind=Notification.Kind.AUTO_REPLY).count() == 0


# --- Validation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": None}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "<b></b>"}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "Jane\nBcc: victim@example.com"}, "name"),
        ({"email": None}, "email"),
        ({"email": ""}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "jane@"}, "email"),
        ({"email": "a" * 250 + "@example.com"}, "email"),
        ({"message": None}, "message"),
        ({"message": ""}, "message"),
        ({"message": "Too short"}, "message"),
        ({"message": "<p>Hi</p>" + "<br>" * 20}, "message"),
        ({"message": "x" * 5001}, "message"),
    ],
)
def test_bad_input_answers_400_naming_the_field(submit, overrides, field):
    payload = {k: v for k, v in valid_payload(**overrides).items() if v is not None}

    response = submit(payload)

    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert body["error"].startswith(f"{field}: ")
    assert list(body["details"]) == [field]
    assert ContactSubmission.objects.count() == 0
    assert mail.outbox == []


def test_every_field_error_is_reported_at_once(submit):
    response = submit({"name": "", "email": "nope", "message": "short"})

    assert response.status_code == 400
    assert set(response.json()["details"]) == {"name", "email", "message"}


def test_the_limits_themselves_are_accepted(submit):
    response = submit(valid_payload(name="J", message="x" * 5000))
    assert response.status_code == 201

    response = submit(valid_payload(name="x" * 100, message="0123456789", email="b@example.com"))
    assert response.status_code == 201
    assert ContactSubmission.objects.count() == 2


def test_a_json_array_is_a_400_not_a_crash(submit):
    response = submit([valid_payload()])

    assert response.status_code == 400
    assert response.json()["success"] is False


def test_malformed_json_is_a_400(client):
    response = client.post(URL, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["success"] is False


def test_get_answers_405_with_allow_post(client):
    response = client.get(URL)

    assert response.status_code == 405
    assert response.json()["success"] is False
    assert "POST" in response["Allow"]


def test_an_invalid_bearer_token_does_not_block_the_form(submit):
    response = submit(HTTP_AUTHORIZATION="Bearer expired.or.garbage")

    assert response.status_code == 201


# --- Spam defence -------------------------------------------------------------


def test_honeypot_filled_is_answered_like_a_success_stored_as_spam_and_never_emailed(submit):
    normal = submit(valid_payload(email="human@example.com")).json()
    mail.outbox.clear()

    response = submit(valid_payload(website="http://spam.example"))

    assert response.status_code == 201
    body = response.json()
    assert set(body["data"]) == set(normal["data"])
    assert body["data"]["message"] == THANK_YOU
    spam = ContactSubmission.objects.get(pk=body["data"]["submission_id"])
    assert spam.is_spam is True
    assert "Honeypot" in spam.spam_reason
    assert spam.notifications.count() == 0
    assert mail.outbox == []


def test_an_empty_honeypot_is_not_spam(submit):
    submit(valid_payload(website=""))

    assert ContactSubmission.objects.get().is_spam is False
    assert len(mail.outbox) == 1


def test_a_message_full_of_links_is_stored_as_spam_and_not_emailed(submit):
    links = " ".join(f"https://cheap{i}.example" for i in range(3))
    response = submit(valid_payload(message=f"Great deals here: {links}"))

    assert response.status_code == 201
    submission = ContactSubmission.objects.get()
    assert submission.is_spam is True
    assert "links" in submission.spam_reason
    assert mail.outbox == []


def test_a_known_spam_phrase_marks_spam(submit):
    submit(valid_payload(message="We offer SEO services to get you on the first page."))

    submission = ContactSubmission.objects.get()
    assert submission.is_spam is True
    assert "seo services" in submission.spam_reason
    assert mail.outbox == []


def test_a_message_with_one_link_is_not_spam(submit):
    submit(valid_payload(message="Here is my portfolio: https://jane.example - let's talk."))

    assert ContactSubmission.objects.get().is_spam is False
    assert len(mail.outbox) == 1


def test_the_sixth_message_within_an_hour_is_throttled_with_retry_after(submit):
    for i in range(5):
        response = submit(valid_payload(message=f"Message number {i} for the throttle test."))
        assert response.status_code == 201

    response = submit(valid_payload(message="Message number six, over the limit."))

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["success"] is False
    assert "Too many requests" in body["error"]
    assert ContactSubmission.objects.count() == 5
    assert len(mail.outbox) == 5


def test_the_throttle_counts_per_client_ip(submit):
    for i in range(5):
        payload = valid_payload(message=f"Message number {i} from one address.")
        submit(payload, REMOTE_ADDR="1.1.1.1")

    assert submit(REMOTE_ADDR="1.1.1.1").status_code == 429
    assert submit(REMOTE_ADDR="2.2.2.2").status_code == 201


# --- Duplicates ---------------------------------------------------------------


def test_the_same_message_again_is_answered_with_the_first_id_and_not_stored_twice(submit):
    first = submit().json()["data"]["submission_id"]
    again = submit()

    assert again.status_code == 201
    assert again.json()["data"] == {"message": THANK_YOU, "submission_id": first}
    assert ContactSubmission.objects.count() == 1
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_repeat_differing_only_in_case_and_spacing_is_a_duplicate(submit):
    first = submit().json()["data"]["submission_id"]
    payload = valid_payload(
        email="JANE@Example.com",
        message="  hello daniyal,   I would like to talk about\na backend project.  ",
    )

    assert submit(payload).json()["data"]["submission_id"] == first
    assert ContactSubmission.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_same_message_from_another_address_is_a_new_submission(submit):
    first = submit().json()["data"]["submission_id"]
    other = submit(valid_payload(email="john@example.com")).json()["data"]["submission_id"]

    assert other != first
    assert len(mail.outbox) == 2


def test_the_same_message_after_ten_minutes_is_a_new_submission(submit):
    first_id = submit().json()["data"]["submission_id"]
    first = ContactSubmission.objects.get(pk=first_id)
    earlier = first.submitted_at - DEDUPE_WINDOW - timedelta(minutes=1)
    ContactSubmission.objects.filter(pk=first_id).update(
        submitted_at=earlier, dedupe_key=submission_dedupe_key(first.fingerprint, earlier)
    )

    second_id = submit().json()["data"]["submission_id"]

    assert second_id != first_id
    assert ContactSubmission.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_repeated_spam_message_is_not_stored_twice_either(submit):
    payload = valid_payload(website="bot")
    first = submit(payload).json()["data"]["submission_id"]

    assert submit(payload).json()["data"]["submission_id"] == first
    assert ContactSubmission.objects.count() == 1


def test_schema_documents_the_endpoint_with_the_envelope(client):
    schema = client.get("/api/schema/?format=json").json()

    operation = schema["paths"]["/api/v1/contact/submit"]["post"]
    created = operation["responses"]["201"]["content"]["application/json"]["schema"]
    assert set(created["properties"]) == {"success", "data", "message"}
    assert "429" in operation["responses"]
    assert "/contact/submit" not in schema["paths"]


@pytest.mark.parametrize(
    ("language", "thanks", "one_line", "nul"),
    [
        ("es-ES,es;q=0.9", "¡Gracias por tu mensaje! Te responderé pronto.",
         "Escribe el nombre en una sola línea.",
         "El texto contiene un carácter NUL (\\u0000)."),
        ("en-GB,en;q=0.9", THANK_YOU, "Enter a name on one line.",
         "The text contains a NUL character (\\u0000)."),
    ],
)  # fmt: skip
def test_the_form_answers_in_the_requests_language(client, submit, language, thanks, one_line, nul):
    in_language = {"HTTP_ACCEPT_LANGUAGE": language}
    refused = submit(valid_payload(name="Jane\nDoe"), **in_language)
    assert refused.status_code == 400
    assert refused.json()["details"] == {"name": [one_line]}
    # A form body is not JSON: NUL reaches the field itself.
    form = "name=Jane%00Doe&email=jane%40example.com&message=Hello+there%2C+Daniyal."
    refused = client.post(URL, form, "application/x-www-form-urlencoded", **in_language)
    assert refused.json()["details"] == {"name": [nul]}
    stored = submit(**in_language)
    assert stored.json()["data"]["message"] == thanks
