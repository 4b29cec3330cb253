"""The gateway against a real OpenAI-compatible HTTP server on 127.0.0.1."""

from decimal import Decimal

import pytest

from chat_app import llm
from chat_app.models import LLMUsage
from chat_app.testing.fake_openai import FakeOpenAI

pytestmark = pytest.mark.django_db

MESSAGES = [{"role": "user", "content": "What does he build?"}]


def test_without_a_key_no_model_is_available(settings):
    settings.OPENAI_API_KEY = ""
    settings.OPENROUTER_API_KEY = ""
    assert llm.llm_provider() is None
    assert llm.llm_available() is False
    with pytest.raises(llm.LLMError):
        llm.llm_complete(system="s", messages=MESSAGES, purpose="chat")


def test_openrouter_key_selects_openrouters_base_url(settings):
    settings.OPENAI_API_KEY = ""
    settings.OPENROUTER_API_KEY = "or-key"
    provider = llm.llm_provider()
    assert provider.name == "openrouter"
    assert provider.base_url == "https://openrouter.ai/api/v1"


def test_a_completion_is_returned_and_recorded_with_tokens_and_cost(fake_model):
    reply = llm.llm_complete(system="You are helpful.", messages=MESSAGES, purpose="chat")
    assert reply.text == fake_model.reply
    sent = fake_model.requests[-1]
    assert sent["model"] == "gpt-4o-mini"
    assert sent["messages"][0] == {"role": "system", "content": "You are helpful."}
    assert sent["messages"][-1]["content"] == "What does he build?"
    usage = LLMUsage.objects.get()
    assert (usage.tokens_in, usage.tokens_out, usage.succeeded) == (120, 30, True)
    # gpt-4o-mini: $0.15 in / $0.60 out per million tokens
    assert usage.cost_usd == Decimal("0.000036")


@pytest.mark.django_db(transaction=True)
async def test_streaming_yields_the_answer_in_pieces_and_records_usage(fake_model):
    pieces = [p async for p in llm.llm_astream(system="s", messages=MESSAGES, purpose="chat")]
    assert len(pieces) == len(fake_model.tokens()) > 3
    assert "".join(pieces) == fake_model.reply
    assert fake_model.requests[-1]["stream"] is True
    usage = await LLMUsage.objects.aget()
    assert usage.streamed and usage.tokens_out == 30


def test_a_failing_server_raises_the_gateways_error_and_records_the_failure(settings):
    with FakeOpenAI(fail_status=500) as server:
        settings.OPENAI_API_KEY = "k"
        settings.OPENAI_BASE_URL = server.base_url
        settings.LLM_MAX_RETRIES = 1
        with pytest.raises(llm.LLMError):
            llm.llm_complete(system="s", messages=MESSAGES, purpose="chat")
        # the first attempt and one retry (with the client's backoff in between)
        assert len(server.requests) == 2
    failure = LLMUsage.objects.get()
    assert failure.succeeded is False
    assert "500" in failure.error


def test_an_exhausted_daily_budget_makes_the_model_unavailable(fake_model, settings):
    settings.LLM_DAILY_BUDGET_USD = 0.01
    assert llm.llm_available() is True
    LLMUsage.objects.create(model="gpt-4o-mini", provider="openai", purpose="chat", cost_usd="0.02")
    assert llm.llm_available() is False


def test_the_days_spend_is_read_once_and_refreshed_by_every_new_call(
    fake_model, django_assert_num_queries
):
    llm.llm_spent_today()
    with django_assert_num_queries(0):
        assert llm.llm_spent_today() == Decimal(0)
    llm.llm_complete(system="s", messages=MESSAGES, purpose="chat")
    assert llm.llm_spent_today() == Decimal("0.000036")
