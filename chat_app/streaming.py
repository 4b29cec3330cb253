"""The streamed answer for WebSocket consumers: tokens as they are produced, then the record."""

import asyncio
import logging

from channels.db import database_sync_to_async
from django.utils.translation import gettext

from chat_app.models import ChatHistory
from chat_app.offline import stream_pieces
from chat_app.services import (
    acv_chat_answer,
    acv_passages,
    afaq_answer,
    chat_prepare,
    chat_record,
)
from portfolio import llm

logger = logging.getLogger(__name__)


class StreamInterruptedError(Exception):
    """The model stopped after part of the answer was already sent."""


async def chat_astream(*, user_agent="", ip_hash="", **prepare_kwargs):
    """Yields ("token", text) pieces, then ("done", ChatHistory).

    The model answers when available; if it fails before its first token the
    offline responder answers instead, so the visitor always gets an answer.
    """
    asked = {
        "message": prepare_kwargs["message"],
        "language": prepare_kwargs.get("language", "en"),
        "language_explicit": prepare_kwargs.get("language_explicit", False),
    }
    faq = await afaq_answer(**asked)
    if faq is not None:
        found = {"faq": faq}  # the owner's own answer: nothing else is looked up
    elif prepare_kwargs.get("mode") == ChatHistory.Mode.CV:
        # The CV answers for itself, off the shared database thread; the home mode
        # grounds on passages.
        cv = await acv_chat_answer(**asked)
        found = {"passages": [], "cv": cv, "faq": None}
    else:
        found = {"passages": await acv_passages(question=prepare_kwargs["message"]), "faq": None}
    exchange = await database_sync_to_async(chat_prepare)(**found, **prepare_kwargs)
    pieces: list[str] = []
    answer, sources, responder = None, None, ChatHistory.Responder.OFFLINE

    if exchange.use_model:
        try:
            async for piece in llm.llm_astream(
                system=exchange.system(), messages=exchange.messages(), purpose="chat"
            ):
                pieces.append(piece)
                yield "token", piece
            answer = "".join(pieces)
            sources = await database_sync_to_async(exchange.model_sources)(answer)
            responder = ChatHistory.Responder.MODEL
        except llm.LLMError as exc:
            if pieces:
                await database_sync_to_async(chat_record)(
                    exchange=exchange,
                    answer="".join(pieces),
                    sources=[],
                    responder=ChatHistory.Responder.MODEL,
                    user_agent=user_agent,
                    ip_hash=ip_hash,
                )
                raise StreamInterruptedError(
                    gettext("The answer was cut short. Please ask again.")
                ) from exc
            logger.warning("Model unavailable, answering offline: %s", exc)

    if answer is None:
        offline = exchange.offline()
        answer, sources, responder = offline.text, offline.sources, exchange.offline_responder()
        for piece in stream_pieces(answer):
            yield "token", piece
            # Let each frame go out before the next, as a model's would.
            await asyncio.sleep(0)

    record = await database_sync_to_async(chat_record)(
        exchange=exchange,
        answer=answer,
        sources=sources,
        responder=responder,
        user_agent=user_agent,
        ip_hash=ip_hash,
        outcome=await database_sync_to_async(exchange.outcome)(),
    )
    yield "done", record
