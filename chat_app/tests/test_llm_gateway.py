"""The gateway against a real OpenAI-compatible HTTP server on 127.0.0.1."""

from decimal import Decimal

import pytest

from chat_app.models import LLMUsage
from chat_app.testing.fake_openai import FakeOpenAI
from portfolio import llm

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


def test_the_days_spend_is_read_fresh_after_every_call(fake_model):
    assert llm.llm_spent_today() == Decimal(0)
    llm.llm_complete(system="s", messages=MESSAGES, purpose="chat")
    assert llm.llm_spent_today() == Decimal("0.000036")


@pytest.mark.django_db(transaction=True)
async def test_a_call_reserves_its_worst_case_before_it_is_made_and_settles_after(
    fake_model, settings
):
    settings.LLM_MAX_TOKENS = 1000
    fake_model.gated = True
    stream = llm.llm_astream(system="s", messages=MESSAGES, purpose="chat")
    fake_model.release_token()
    await anext(stream)
    # While the model answers: one row holding the prompt plus 1000 tokens of answer.
    in_flight = await LLMUsage.objects.aget()
    assert (in_flight.succeeded, in_flight.error) == (False, llm.IN_FLIGHT)
    assert in_flight.cost_usd == Decimal("0.000601")  # 5 tokens in, 1000 out (gpt-4o-mini)
    for _ in fake_model.tokens():
        fake_model.release_token()
    async for _ in stream:
        pass
    usage = await LLMUsage.objects.aget()
    assert (usage.cost_usd, usage.succeeded, usage.error) == (Decimal("0.000036"), True, "")


def test_a_call_whose_worst_case_does_not_fit_is_never_made(fake_model, settings):
    settings.LLM_DAILY_BUDGET_USD = 0.0005
    settings.LLM_MAX_TOKENS = 1000  # worst case $0.000601
    with pytest.raises(llm.LLMError, match="budget"):
        llm.llm_complete(system="s", messages=MESSAGES, purpose="chat")
    assert fake_model.requests == []
    assert LLMUsage.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_calls_cannot_overshoot_the_daily_budget(fake_model, settings):
    from contact_app.tests.test_with_services import run_at_once

    settings.LLM_MAX_TOKENS = 1000  # each call reserves $0.000601 and costs $0.000036
    settings.LLM_DAILY_BUDGET_USD = 0.000601 * 3 + 0.0001  # room for three worst cases
    fake_model.delay = 2.0  # all of them are in flight at once

    def call():
        try:
            llm.llm_complete(system="s", messages=MESSAGES, purpose="chat")
        except llm.LLMError:
            return "refused"
        return "answered"

    outcomes = run_at_once(call, 8)
    assert sorted(outcomes) == ["answered"] * 3 + ["refused"] * 5
    assert len(fake_model.requests) == 3
    assert llm.llm_spent_today() <= Decimal(str(settings.LLM_DAILY_BUDGET_USD))
