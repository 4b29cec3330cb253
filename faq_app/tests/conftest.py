import pytest
from rest_framework_simplejwt.tokens import RefreshToken

from chat_app.testing.fake_openai import served_as_model
from faq_app.services import asked_questions_group_pending
from portfolio.testing import rate_setter

SEND = "/api/v1/chat/send"
FEEDBACK = "/api/v1/chat/feedback"
INBOX = "/api/v1/admin/unanswered"
REFUSED = "I don't have information about that"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {RefreshToken.for_user(user).access_token}"}


@pytest.fixture
def staff_headers(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="editor", email="editor@example.com", password="pw-editor-123", is_staff=True
    )
    return bearer(user)


@pytest.fixture
def visitor_headers(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="visitor", email="visitor@example.com", password="pw-visitor-123"
    )
    return bearer(user)


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Asks the home assistant (HTTP) and returns the answer's data, after the
    background work (grouping the question in the inbox) has run as the runner would."""

    def send(message, **body):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                SEND, {"message": message, **body}, content_type="application/json"
            )
        asked_questions_group_pending()
        assert response.status_code == 200, response.content
        return response.json()["data"]

    return send


@pytest.fixture
def feedback(client, django_capture_on_commit_callbacks):
    def post(answer_id, helpful, headers=None, **extra):
        body = {"answer_id": answer_id, "helpful": helpful, **extra}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                FEEDBACK, body, content_type="application/json", **(headers or {})
            )
        asked_questions_group_pending()
        return response

    return post


@pytest.fixture
def answer_group(client, staff_headers):
    def post(group_id, **body):
        return client.post(
            f"{INBOX}/{group_id}/answer", body, content_type="application/json", **staff_headers
        )

    return post


@pytest.fixture
def inbox(client, staff_headers):
    def get(**params):
        response = client.get(INBOX, params, **staff_headers)
        assert response.status_code == 200, response.content
        return response.json()["data"]

    return get


@pytest.fixture
def fake_model(settings):
    with served_as_model(settings, reply="He has no pets that the portfolio mentions.") as server:
        yield server


@pytest.fixture
def feedback_rate(monkeypatch):
    from faq_app.throttles import FeedbackRateThrottle

    return rate_setter(monkeypatch, FeedbackRateThrottle)
