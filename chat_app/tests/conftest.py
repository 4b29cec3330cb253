import pytest

from chat_app.testing.fake_openai import served_as_model
from portfolio.testing import rate_setter


@pytest.fixture
def fake_model(settings):
    """A real OpenAI-compatible server on 127.0.0.1, configured as the model."""
    reply = "Daniyal builds FastAPI backends, RAG systems and Next.js frontends."
    with served_as_model(settings, reply=reply) as server:
        yield server


@pytest.fixture
def chat_rate(monkeypatch):
    """Sets the chat throttle rate."""
    from portfolio.api.throttles import ChatRateThrottle

    return rate_setter(monkeypatch, ChatRateThrottle)
