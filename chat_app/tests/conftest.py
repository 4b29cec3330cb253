import pytest

from chat_app.testing.fake_openai import FakeOpenAI


@pytest.fixture
def fake_model(settings):
    """A real OpenAI-compatible server on 127.0.0.1, configured as the model."""
    with FakeOpenAI(
        reply="Daniyal builds FastAPI backends, RAG systems and Next.js frontends."
    ) as server:
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = server.base_url
        settings.LLM_MODEL = "gpt-4o-mini"
        settings.LLM_MAX_RETRIES = 0
        settings.LLM_TIMEOUT_SECONDS = 10
        yield server


@pytest.fixture
def chat_rate(monkeypatch):
    """Sets the chat throttle rate (DRF reads the rates once, at import)."""
    from portfolio.api.throttles import ChatRateThrottle

    def set_rate(rate):
        monkeypatch.setitem(ChatRateThrottle.THROTTLE_RATES, "chat", rate)

    return set_rate
