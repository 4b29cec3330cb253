"""Contact-form fixtures: a real SMTP server on 127.0.0.1 (aiosmtpd), a port where
nothing listens (the SMTP server is down), and a client that posts the form and
then runs what the request queued on commit, as a real commit would."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from portfolio.testing import redis_worker  # noqa: F401 - a fixture

OWNER = "daniyal@example.com"
URL = "/api/v1/contact/submit"


def valid_payload(**overrides):
    payload = {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "message": "Hello Daniyal, I would like to talk about a backend project.",
    }
    payload.update(overrides)
    return payload


@pytest.fixture(autouse=True)
def _owner_address(settings):
    settings.CONTACT_NOTIFY_EMAIL = OWNER
    settings.CONTACT_AUTO_REPLY = False


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST the form; what the view queued with on_commit runs afterwards."""

    def _submit(payload=None, *, url=URL, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                url,
                valid_payload() if payload is None else payload,
                content_type="application/json",
                **extra,
            )

    return _submit


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [
            email.message_from_bytes(e.content, policy=email.policy.default) for e in self.envelopes
        ]


class SmtpServer:
    def __init__(self, port):
        self.port = port
        self.inbox = Inbox()
        self._controller = None

    def start(self):
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Email goes over SMTP to 127.0.0.1:<port>; the server is down until started."""
    server = SmtpServer(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp):
    """A running SMTP server that keeps what it receives."""
    smtp.start()
    return smtp
