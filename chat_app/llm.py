"""The LLM gateway: the only module that talks to a chat model.

Any OpenAI-compatible server works (OpenAI, OpenRouter, a local server), through
langchain-openai's ChatOpenAI. Every call is recorded as an LLMUsage row; once
the day's spend reaches LLM_DAILY_BUDGET_USD the gateway reports itself
unavailable and callers answer offline.
"""

import functools
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as dtime
from decimal import Decimal

from channels.db import database_sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from chat_app.models import LLMUsage
from portfolio.metrics import record_llm_call

# A safety net only: saving an LLMUsage row drops the cached spend at once.
SPEND_CACHE_SECONDS = 300


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
    """Today's spend (UTC), from the shared cache when it can be. Every new LLMUsage
    row drops the cached figure (chat_app.apps), so no process reads a stale one."""
    key = spend_cache_key()
    cached = cache.get(key)
    if cached is not None:
        return Decimal(cached)
    midnight = datetime.combine(timezone.now().date(), dtime(), tzinfo=UTC)
    total = LLMUsage.objects.filter(created_at__gte=midnight).aggregate(total=Sum("cost_usd"))
    spent = total["total"] or Decimal(0)
    cache.set(key, str(spent), timeout=SPEND_CACHE_SECONDS)
    return spent


def spend_cache_key() -> str:
    return f"llm-spent:{timezone.now().date().isoformat()}"


def llm_available() -> bool:
    """A model is configured and today's budget is not spent."""
    if llm_provider() is None:
        return False
    return llm_spent_today() < Decimal(str(settings.LLM_DAILY_BUDGET_USD))


def llm_complete(*, system: str, messages: list[dict], purpose: str) -> Reply:
    provider = _require_provider()
    started = time.perf_counter()
    try:
        result = _client(provider, streaming=False).invoke(_to_messages(system, messages))
    except Exception as exc:
        _record_failure(provider, purpose, started, exc, streamed=False)
        raise LLMError(_describe(exc)) from exc
    text = _text_of(result)
    return _record_success(provider, purpose, started, system, messages, text, result, False)


async def llm_astream(*, system: str, messages: list[dict], purpose: str) -> AsyncIterator[str]:
    """Yields the answer piece by piece as the model produces it, for the WebSocket
    consumers: no thread is held while waiting for the model."""
    provider = _require_provider()
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
    except Exception as exc:
        await database_sync_to_async(_record_failure)(
            provider, purpose, started, exc, streamed=True
        )
        raise LLMError(_describe(exc)) from exc
    await database_sync_to_async(_record_success)(
        provider, purpose, started, system, messages, "".join(pieces), usage_chunk, True
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


def _record_success(provider, purpose, started, system, messages, text, result, streamed):
    usage = getattr(result, "usage_metadata", None) or {}
    prompt_text = system + "".join(m["content"] for m in messages)
    tokens_in = usage.get("input_tokens") or _estimate_tokens(prompt_text)
    tokens_out = usage.get("output_tokens") or _estimate_tokens(text)
    price_in, price_out = _price(provider.model)
    cost = Decimal(str((tokens_in * price_in + tokens_out * price_out) / 1_000_000)).quantize(
        Decimal("0.000001")
    )
    LLMUsage.objects.create(
        model=provider.model,
        provider=provider.name,
        purpose=purpose,
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        cost_usd=cost,
        latency_ms=_elapsed_ms(started),
        streamed=streamed,
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


def _record_failure(provider, purpose, started, exc, *, streamed):
    LLMUsage.objects.create(
        model=provider.model,
        provider=provider.name,
        purpose=purpose,
        latency_ms=_elapsed_ms(started),
        streamed=streamed,
        succeeded=False,
        error=_describe(exc)[:300],
    )
    record_llm_call(provider=provider.name, model=provider.model, outcome="error")


def _elapsed_ms(started) -> int:
    return int((time.perf_counter() - started) * 1000)


def _describe(exc) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
