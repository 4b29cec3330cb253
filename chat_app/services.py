"""The assistant: grounded answers from a model when one is configured and within
budget, from the offline responder otherwise. Shared by HTTP and WebSocket."""

import logging
import time
from dataclasses import dataclass, field

from channels.db import database_sync_to_async
from django.conf import settings

from chat_app.grounding import answer_sources, system_prompt, user_prompt
from chat_app.knowledge import Knowledge, knowledge_load, question_language
from chat_app.models import ChatHistory
from chat_app.offline import LOW_CONFIDENCE, REFUSED, Answer, offline_answer
from chat_app.selectors import chat_history_list
from chat_app.sessions import chat_session_resolve
from cv_app.selectors import acv_retrieve, cv_content_answer, cv_retrieve
from cv_app.services import NOT_COVERED, cv_chat_answer
from faq_app.grounding import FAQAnswer, faq_answer, faq_prompt_block, faq_sources_quoted
from faq_app.services import inbox_question_record
from portfolio import llm

logger = logging.getLogger(__name__)

HISTORY_TURNS = 6
CV_PASSAGES = 3


@dataclass
class Exchange:
    """Everything needed to answer one message, gathered before any token is produced.

    `history` is the server's stored record of the session: the only turns the model
    sees as its own. `claimed_history` is what a client says was said before; it
    reaches the model only as quoted user content.
    """

    message: str
    session_id: str
    mode: str
    language: str
    knowledge: Knowledge
    history: list[dict]
    passages: list[dict] = field(default_factory=list)
    page_context: str = ""
    claimed_history: list[dict] = field(default_factory=list)
    stored: list[dict] = field(default_factory=list)
    # `mode: "cv"` before any CV is uploaded: the answer from the content (cv_content_answer).
    content_answer: Answer | None = None
    use_model: bool = False
    # mode "cv": the CV's own answer (cv_app.services.CVAnswer), None without a CV.
    cv: object = None
    # The owner's own answer (faq_app) when a published FAQ entry answers the question.
    faq: FAQAnswer | None = None
    # The published FAQ for a model's prompt, read in chat_prepare (system() runs on the
    # event loop for the sockets, where the database is out of reach).
    faq_block: str = ""
    started: float = field(default_factory=time.perf_counter)

    def system(self) -> str:
        prompt = system_prompt(self.knowledge, passages=self.passages)
        return f"{prompt}\n\n{self.faq_block}" if self.faq_block else prompt

    def model_sources(self, reply: str) -> list[dict]:
        """What a model's reply drew on: the content it names and the FAQ it quotes."""
        quoted = faq_sources_quoted(reply=reply, language=self.language)
        return quoted + answer_sources(self.message, reply, self.knowledge, self.passages)

    def outcome(self) -> str:
        """How the answer stands for the owner's inbox (chat_app.offline's outcomes). A
        model's answer is judged by what the offline responder found to ground it on."""
        if self.faq is not None:
            return "answered"
        if self.content_answer is not None:
            return self.content_answer.outcome
        if self.mode == ChatHistory.Mode.CV:
            if self.cv is None or not self.cv.answered:
                return REFUSED
            below = self.cv.confidence < settings.CV_CONFIDENCE_THRESHOLD
            return LOW_CONFIDENCE if below else "answered"
        return self.offline().outcome

    def messages(self) -> list[dict]:
        known = {(m["role"], m["content"]) for m in self.history}
        claimed = [t for t in self.claimed_history if (t["role"], t["content"]) not in known]
        content = user_prompt(self.message, page_context=self.page_context, claimed_history=claimed)
        return [*self.history, {"role": "user", "content": content}]

    def offline(self) -> Answer:
        if self.faq is not None:
            return Answer(self.faq.text, self.faq.sources)
        if self.content_answer is not None:
            return self.content_answer
        if self.mode == ChatHistory.Mode.CV:
            # Questions about the CV are answered from the CV alone, or honestly not at all.
            if self.cv is None:  # no CV uploaded
                return Answer(NOT_COVERED, [])
            sources = [{"type": "cv", **s} for s in self.cv.sources] if self.cv.answered else []
            return Answer(self.cv.answer, sources)
        return offline_answer(self.message, self.knowledge, self.passages, history=self.stored)

    def offline_responder(self) -> str:
        """Who wrote what offline() returns: in mode "cv" the CV's answer may be the
        model's, already checked against the passages it was given."""
        if self.faq is None and self.cv is not None and self.cv.mode == "llm":
            return ChatHistory.Responder.MODEL
        return ChatHistory.Responder.OFFLINE


def session_exchanges(*, session_id: str, turns: int = HISTORY_TURNS) -> list[dict]:
    """The session's last stored exchanges, oldest first: what was asked, answered and cited."""
    return [
        {"message": row.message, "response": row.response, "sources": row.sources or []}
        for row in chat_history_list(session_id=session_id, limit=turns)
    ]


def _as_messages(exchanges) -> list[dict]:
    messages = []
    for exchange in exchanges:
        messages += [
            {"role": "user", "content": exchange["message"]},
            {"role": "assistant", "content": exchange["response"]},
        ]
    return messages


def answer_language(*, message, language="en", language_explicit=False) -> str:
    """An explicit choice (`?lang=`, a `lang` field) wins; else the language the question
    is written in, when that is clear; else the request's (Accept-Language) language."""
    if language_explicit:
        return language
    return question_language(message) or language


# chat_prepare's `cv` and `faq` when the caller has not looked them up yet.
ANSWER_HERE = object()


async def afaq_answer(*, message, language="en", language_explicit=False):
    """faq_answer for the sockets. On the shared database thread: it reads a few cached
    rows, and embeds the question only while published entries exist (one short
    encode). A thread of its own per message held a pooled connection each, and
    exhausted the PostgreSQL pool under many sockets."""
    language = answer_language(
        message=message, language=language, language_explicit=language_explicit
    )
    return await database_sync_to_async(faq_answer)(question=message, language=language)


async def acv_chat_answer(*, message, language="en", language_explicit=False):
    """cv_chat_answer for the sockets, on a worker thread of its own rather than the one
    database_sync_to_async shares between all connections: the query embedding, the
    search and a model call would hold that thread, and every socket's database work
    with it. The thread gets its own database connection, closed after, as there."""
    language = answer_language(
        message=message, language=language, language_explicit=language_explicit
    )
    answer = database_sync_to_async(cv_chat_answer, thread_sensitive=False)
    return await answer(question=message, language=language)


def chat_prepare(
    *,
    message,
    session_id=None,
    mode="home",
    language="en",
    language_explicit=False,
    history=None,
    page_context="",
    passages=None,
    cv=ANSWER_HERE,
    faq=ANSWER_HERE,
) -> Exchange:
    """`history`, when given, is the client's own account of the conversation (untrusted).
    In mode "cv", `cv` is the CV's answer when the caller already has it (acv_chat_answer);
    `faq` the owner's answer when the caller looked it up (afaq_answer)."""
    # A client may only continue a session the server issued; anything else starts one.
    session_id = chat_session_resolve(session_id)
    stored = session_exchanges(session_id=session_id)
    language = answer_language(
        message=message, language=language, language_explicit=language_explicit
    )
    if faq is ANSWER_HERE:
        faq = faq_answer(question=message, language=language)
    # What every exchange carries, whoever answers it.
    common = {
        "message": message,
        "session_id": session_id,
        "mode": mode,
        "knowledge": knowledge_load(language=language),
        "history": _as_messages(stored),
        "stored": stored,
    }
    if faq is not None:
        # The owner answered this question once: those words are the answer, whoever
        # would otherwise answer it (the CV, the content, a model).
        return Exchange(**common, language=language, faq=faq)
    if mode == ChatHistory.Mode.CV:
        # The CV answers for itself, with its own prompt and checks when a model is set;
        # before any CV is uploaded the content answers, saying so.
        if cv is ANSWER_HERE:
            cv = cv_chat_answer(question=message, language=language)
        return Exchange(
            **common,
            language=cv.language if cv is not None else language,
            page_context=page_context,
            cv=cv,
            content_answer=(
                None if cv is not None else cv_content_answer(question=message, language=language)
            ),
        )
    if passages is None:
        passages = cv_passages(question=message)
    return Exchange(
        **common,
        language=language,
        passages=passages,
        page_context=page_context,
        claimed_history=list(history or [])[-2 * HISTORY_TURNS :],
        use_model=llm.llm_available(),
        faq_block=faq_prompt_block(language=language),
    )


def cv_passages(*, question) -> list[dict]:
    """The CV passages confident enough to ground an answer ([] without an active CV).

    In `cv` mode they are the answer's material; in `home` mode they add to the
    content database for questions it does not cover.
    """
    return _confident(*cv_retrieve(question=question, k=CV_PASSAGES))


async def acv_passages(*, question) -> list[dict]:
    """cv_passages for the sockets: encoding runs off the event loop and off the
    single thread that database_sync_to_async shares between all connections."""
    return _confident(*await acv_retrieve(question=question, k=CV_PASSAGES))


def _confident(passages, confidence) -> list[dict]:
    return passages if confidence >= settings.CV_CONFIDENCE_THRESHOLD else []


def chat_record(
    *,
    exchange: Exchange,
    answer: str,
    sources: list[dict],
    responder: str,
    user_agent="",
    ip_hash="",
    outcome="answered",
) -> ChatHistory:
    """Stores the exchange; a refusal or a low-confidence answer also goes to the
    owner's inbox of unanswered questions (faq_app)."""
    record = ChatHistory.objects.create(
        session_id=exchange.session_id,
        message=exchange.message,
        response=answer,
        mode=exchange.mode,
        responder=responder,
        language=exchange.language,
        sources=sources,
        answered=outcome not in (REFUSED, LOW_CONFIDENCE),
        latency_ms=int((time.perf_counter() - exchange.started) * 1000),
        user_agent=user_agent,
        ip_hash=ip_hash,
    )
    if not record.answered:
        inbox_question_record(
            kind=exchange.mode,
            text=exchange.message,
            language=exchange.language,
            reason=outcome,
            answer_given=answer,
            answer_id=record.id,
        )
    return record


def chat_reply(*, user_agent="", ip_hash="", **prepare_kwargs) -> ChatHistory:
    """Answers one message in full (the HTTP path) and records the exchange."""
    exchange = chat_prepare(**prepare_kwargs)
    if exchange.use_model:
        try:
            reply = llm.llm_complete(
                system=exchange.system(), messages=exchange.messages(), purpose="chat"
            )
            return chat_record(
                exchange=exchange,
                answer=reply.text,
                sources=exchange.model_sources(reply.text),
                responder=ChatHistory.Responder.MODEL,
                user_agent=user_agent,
                ip_hash=ip_hash,
                outcome=exchange.outcome(),
            )
        except llm.LLMError as exc:
            logger.warning("Model unavailable, answering offline: %s", exc)
    answer = exchange.offline()
    return chat_record(
        exchange=exchange,
        answer=answer.text,
        sources=answer.sources,
        responder=exchange.offline_responder(),
        user_agent=user_agent,
        ip_hash=ip_hash,
        outcome=exchange.outcome(),
    )
