"""The LLM gateway: the only module that talks to a chat model.

Any OpenAI-compatible server works (OpenAI, OpenRouter, a local server), through
langchain-openai's ChatOpenAI. Every call is recorded as an LLMUsage row; once
the day's spend reaches LLM_DAILY_BUDGET_USD the gateway reports itself
unavailable and callers answer offline.

The budget cannot be overshot by calls running at once: each call first reserves
its worst case (the prompt plus LLM_MAX_TOKENS of answer) as its LLMUsage row, in
a transaction that holds the budget lock, and only then talks to the model; the
row is settled to the real cost afterwards. A call whose worst case no longer fits
is refused before it is made.

It lives in portfolio, below the apps, because both answer engines call it and cv_app
may not import chat_app (docs/architecture.md, "Between apps: one direction"). Its
ledger, the LLMUsage rows, stays in chat_app (where its table and migrations are): the
gateway names it by label, as Django's get_user_model() names the user model, rather
than importing the app.
"""

import functools
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as dtime
from decimal import Decimal

from channels.db import database_sync_to_async
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from portfolio.metrics import record_llm_call

# The model of the ledger: one row per call, read for the daily budget and the admin.
USAGE_MODEL = "chat_app.LLMUsage"

# What an LLMUsage row says while its call is still running.
IN_FLIGHT = "In flight: the worst-case cost is reserved."
# pg_advisory_xact_lock key for reserving from the daily budget.
BUDGET_LOCK = 0x4C4C4D42  # "LLMB"


class LLMError(Exception):
    """The model could not answer (not configured, over budget, timed out, refused)."""


@dataclass(frozen=True)
class Provider:
    name: str
    api_key: str
    base_url: str | None
    model: str


@dataclass(frozen=True)
class Reply:
    text: str
    tokens_in: int
    tokens_out: int
    cost_usd: Decimal


# USD per million tokens (input, output). Unknown models use LLM_PRICE_*_PER_MTOK,
# deliberately on the high side so the daily budget errs towards stopping early.
PRICES = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-3.5-turbo": (0.50, 1.50),
}


def llm_provider() -> Provider | None:
    if settings.OPENAI_API_KEY:
        return Provider(
            "openai", settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL or None, settings.LLM_MODEL
        )
    if settings.OPENROUTER_API_KEY:
        return Provider(
            "openrouter",
            settings.OPENROUTER_API_KEY,
            settings.OPENROUTER_BASE_URL,
            settings.LLM_MODEL,
        )
    return None


def llm_spent_today() -> Decimal:
    """Today's spend (UTC): settled calls at their cost, calls in flight at their
    reservation. Read from the database every time: a cached figure could be stale."""
    midnight = datetime.combine(timezone.now().date(), dtime(), tzinfo=UTC)
    total = _usage().objects.filter(created_at__gte=midnight).aggregate(total=Sum("cost_usd"))
    return total["total"] or Decimal(0)


def _usage():
    return apps.get_model(USAGE_MODEL)


def _budget() -> Decimal:
    return Decimal(str(settings.LLM_DAILY_BUDGET_USD))


def _reserve(provider, purpose, system, messages, *, streamed) -> int:
    """The id of a new in-flight LLMUsage row holding the call's worst-case cost;
    LLMError when that no longer fits in today's budget."""
    prompt_tokens = _estimate_tokens(system + "".join(m["content"] for m in messages))
    worst_case = _cost(provider.model, prompt_tokens, settings.LLM_MAX_TOKENS)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One reserver at a time: each sees the others' reservations.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BUDGET_LOCK])
        # SQLite takes its write lock when the transaction begins (IMMEDIATE).
        if llm_spent_today() + worst_case > _budget():
            raise LLMError("The daily budget for the language model is spent.")
        return (
            _usage()
            .objects.create(
                model=provider.model,
                provider=provider.name,
                purpose=purpose,
                cost_usd=worst_case,
                streamed=streamed,
                succeeded=False,
                error=IN_FLIGHT,
            )
            .pk
        )


def llm_available() -> bool:
    """A model is configured and today's budget is not spent."""
    if llm_provider() is None:
        return False
    return llm_spent_today() < _budget()


def llm_complete(*, system: str, messages: list[dict], purpose: str) -> Reply:
    provider = _require_provider()
    usage_id = _reserve(provider, purpose, system, messages, streamed=False)
    started = time.perf_counter()
    try:
        result = _client(provider, streaming=False).invoke(_to_messages(system, messages))
    except Exception as exc:
        _record_failure(usage_id, provider, started, exc)
        raise LLMError(_describe(exc)) from exc
    text = _text_of(result)
    return _record_success(usage_id, provider, started, system, messages, text, result)


async def llm_astream(*, system: str, messages: list[dict], purpose: str) -> AsyncIterator[str]:
    """Yields the answer piece by piece as the model produces it, for the WebSocket
    consumers: no thread is held while waiting for the model."""
    provider = _require_provider()
    usage_id = await database_sync_to_async(_reserve)(
        provider, purpose, system, messages, streamed=True
    )
    started = time.perf_counter()
    pieces, usage_chunk = [], None
    try:
        async for chunk in _client(provider, streaming=True).astream(
            _to_messages(system, messages)
        ):
            usage_chunk = chunk if getattr(chunk, "usage_metadata", None) else usage_chunk
            piece = _text_of(chunk)
            if piece:
                pieces.append(piece)
                yield piece
    except BaseException as exc:
        # Cancelled too (the visitor closed the socket): settle rather than keep the
        # worst case reserved. What was produced may have been billed.
        await database_sync_to_async(_record_failure)(
            usage_id, provider, started, exc, tokens_out=_estimate_tokens("".join(pieces))
        )
        if not isinstance(exc, Exception):
            raise
        raise LLMError(_describe(exc)) from exc
    await database_sync_to_async(_record_success)(
        usage_id, provider, started, system, messages, "".join(pieces), usage_chunk
    )


def _require_provider() -> Provider:
    provider = llm_provider()
    if provider is None:
        raise LLMError("No language model is configured.")
    return provider


@functools.lru_cache(maxsize=8)
def _cached_client(name, api_key, base_url, model, streaming, timeout, retries, max_tokens):
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=model,
        api_key=api_key,
        base_url=base_url,
        timeout=timeout,
        # The OpenAI client retries connection errors, 429 and 5xx with exponential backoff.
        max_retries=retries,
        streaming=streaming,
        stream_usage=True,
        temperature=0.2,
        max_completion_tokens=max_tokens,
    )


def _client(provider: Provider, *, streaming: bool):
    return _cached_client(
        provider.name,
        provider.api_key,
        provider.base_url,
        provider.model,
        streaming,
        settings.LLM_TIMEOUT_SECONDS,
        settings.LLM_MAX_RETRIES,
        settings.LLM_MAX_TOKENS,
    )


def _to_messages(system, messages):
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    converted = [SystemMessage(content=system)]
    for message in messages:
        kind = AIMessage if message["role"] == "assistant" else HumanMessage
        converted.append(kind(content=message["content"]))
    return converted


def _text_of(message) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def _price(model: str) -> tuple[float, float]:
    if model in PRICES:
        return PRICES[model]
    return settings.LLM_PRICE_INPUT_PER_MTOK, settings.LLM_PRICE_OUTPUT_PER_MTOK


def _estimate_tokens(text: str) -> int:
    # Roughly four characters a token, for servers that report no usage.
    return max(1, len(text) // 4)


def _cost(model, tokens_in, tokens_out) -> Decimal:
    price_in, price_out = _price(model)
    return Decimal(str((tokens_in * price_in + tokens_out * price_out) / 1_000_000)).quantize(
        Decimal("0.000001")
    )


def _record_success(usage_id, provider, started, system, messages, text, result):
    usage = getattr(result, "usage_metadata", None) or {}
    prompt_text = system + "".join(m["content"] for m in messages)
    tokens_in = usage.get("input_tokens") or _estimate_tokens(prompt_text)
    tokens_out = usage.get("output_tokens") or _estimate_tokens(text)
    cost = _cost(provider.model, tokens_in, tokens_out)
    # Settles the reservation: the real cost replaces the worst case.
    _usage().objects.filter(pk=usage_id).update(
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        cost_usd=cost,
        latency_ms=_elapsed_ms(started),
        succeeded=True,
        error="",
    )
    record_llm_call(
        provider=provider.name,
        model=provider.model,
        outcome="success",
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        cost_usd=cost,
    )
    return Reply(text=text, tokens_in=tokens_in, tokens_out=tokens_out, cost_usd=cost)


def _record_failure(usage_id, provider, started, exc, *, tokens_out=0):
    _usage().objects.filter(pk=usage_id).update(
        tokens_out=tokens_out,
        cost_usd=_cost(provider.model, 0, tokens_out),
        latency_ms=_elapsed_ms(started),
        succeeded=False,
        error=_describe(exc)[:300],
    )
    record_llm_call(provider=provider.name, model=provider.model, outcome="error")


def _elapsed_ms(started) -> int:
    return int((time.perf_counter() - started) * 1000)


def _describe(exc) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
