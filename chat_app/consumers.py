"""WebSocket chat: /ws/chat (canonical protocol) and /ws/<client_id> (seed 002's client).

Frames are JSON objects dispatched on `type`. A bad frame gets an error frame
and the socket stays open; database work goes through database_sync_to_async
(inside the chat services).
"""

import json
import logging
import re
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.http.cookie import parse_cookie
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from chat_app.limits import SocketRate
from chat_app.sessions import chat_session_resolve
from chat_app.streaming import StreamInterruptedError, chat_astream
from portfolio.api.clients import client_ip_from_scope, ip_hash
from portfolio.api.language import normalize_language, scope_language
from portfolio.api.parsers import JSONDocumentError, json_frame_load

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
MAX_HISTORY_TURNS = 100
MAX_CONTEXT_CHARS = 20_000
STREAM_ON = {"1", "true", "yes", "on"}


def query_param(scope, name, default=None):
    values = parse_qs(scope.get("query_string", b"").decode()).get(name)
    return values[0] if values else default


class FrameError(Exception):
    """A frame the socket cannot act on; the sentence goes back to the client."""


def slow_down(wait) -> str:
    message = ngettext(
        "You are sending messages too fast. Please slow down and try again in %(wait)s second.",
        "You are sending messages too fast. Please slow down and try again in %(wait)s seconds.",
        wait,
    )
    return message % {"wait": wait}


class BaseChatConsumer(AsyncWebsocketConsumer):
    handlers: dict[str, str] = {}
    # These sockets only ever talk to their own client, never through groups: with
    # no channel layer they keep answering while Redis is down.
    channel_layer_alias = None

    async def connect(self):
        headers = dict(self.scope.get("headers", []))
        lang = query_param(self.scope, "lang")
        self.language = scope_language(self.scope)
        self.language_explicit = normalize_language(lang) is not None
        self.user_agent = headers.get(b"user-agent", b"").decode("latin1")[:512]
        self.ip_hash = ip_hash(client_ip_from_scope(self.scope))
        self.limits = SocketRate(self.ip_hash)
        # A browser sends the HttpOnly session cookie on the handshake too.
        cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin1"))
        self.cookie_session = cookies.get(settings.CHAT_SESSION_COOKIE_NAME)
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None):
        # No LocaleMiddleware here: the socket's own language, for its sentences.
        with translation.override(self.language):
            await self._receive(text_data, bytes_data)

    async def _receive(self, text_data, bytes_data):
        try:
            raw = self._checked_size(text_data, bytes_data)
            # Counted before it is parsed: a flood of frames costs no parsing, no logging.
            if wait := self.limits.frame_wait():
                raise FrameError(slow_down(wait))
            payload = self._decode(raw)
            handler = self.handlers.get(payload.get("type"))
            if handler is None:
                known = ", ".join(sorted(self.handlers))
                message = gettext("Unknown frame type; use one of: %(known)s.")
                raise FrameError(message % {"known": known})
            await getattr(self, handler)(payload)
        except FrameError as exc:
            await self.send_error(str(exc))
        except StreamInterruptedError as exc:
            await self.send_error(str(exc))
        except Exception:
            logger.exception("Chat socket failed on a frame")
            await self.send_error(gettext("Something went wrong answering that. Please try again."))

    @staticmethod
    def _checked_size(text_data, bytes_data) -> str:
        raw = text_data if text_data is not None else (bytes_data or b"").decode("utf-8", "replace")
        if len(raw.encode("utf-8", "surrogatepass")) > settings.WS_MAX_FRAME_BYTES:
            raise FrameError(
                gettext("Frames are limited to %(count)s bytes.")
                % {"count": settings.WS_MAX_FRAME_BYTES}
            )
        return raw

    @staticmethod
    def _decode(raw) -> dict:
        """The HTTP body's checks (JSON, depth, NUL, lone surrogates) on one frame."""
        try:
            payload = json_frame_load(raw)
        except JSONDocumentError as exc:
            raise FrameError(capfirst(str(exc))) from None
        except ValueError:
            raise FrameError(gettext("Frames must be JSON objects.")) from None
        if not isinstance(payload, dict):
            raise FrameError(gettext("Frames must be JSON objects."))
        return payload

    async def check_rate(self):
        if wait := await self.limits.wait():
            raise FrameError(slow_down(wait))

    @staticmethod
    def message_text(payload, key="content") -> str:
        content = payload.get(key)
        if not isinstance(content, str) or not content.strip():
            raise FrameError(gettext("The message must be a non-empty string."))
        if len(content) > settings.CHAT_MAX_MESSAGE_CHARS:
            raise FrameError(
                gettext("The message is too long: at most %(count)s characters.")
                % {"count": settings.CHAT_MAX_MESSAGE_CHARS}
            )
        return content.strip()

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))

    async def send_error(self, sentence):
        raise NotImplementedError


class ChatConsumer(BaseChatConsumer):
    """`/ws/chat`: {"type": "message"} in; token frames, then a done frame, out."""

    handlers = {"message": "on_message"}

    async def connect(self):
        self.session_id = None
        await super().connect()

    async def on_message(self, payload):
        content = self.message_text(payload)
        session_id = payload.get("session_id") or self.session_id
        if session_id is not None and (
            not isinstance(session_id, str) or not SESSION_ID.match(session_id)
        ):
            raise FrameError(gettext("session_id must be 1-128 letters, digits or . _ : -"))
        mode = payload.get("mode", "home")
        if mode not in ("home", "cv"):
            raise FrameError(gettext('mode must be "home" or "cv".'))
        # Only an id the server issued continues a session; the done frame carries it.
        session_id = chat_session_resolve(session_id, self.session_id, self.cookie_session)
        await self.check_rate()
        async for kind, value in chat_astream(
            message=content,
            session_id=session_id,
            mode=mode,
            language=self.language,
            language_explicit=self.language_explicit,
            user_agent=self.user_agent,
            ip_hash=self.ip_hash,
        ):
            if kind == "token":
                await self.send_json({"type": "token", "content": value})
            else:
                self.session_id = value.session_id
                await self.send_json(
                    {
                        "type": "done",
                        "answer": value.response,
                        "timestamp": value.timestamp.isoformat().replace("+00:00", "Z"),
                        "session_id": value.session_id,
                        "sources": value.sources,
                        "answer_id": str(value.id),
                    }
                )

    async def send_error(self, sentence):
        await self.send_json({"type": "error", "error": sentence})


class ResumeChatConsumer(BaseChatConsumer):
    """`/ws/<client_id>`: the resume site's protocol, with page context and client history.

    Older clients of this protocol show every frame as one message, so by default
    each answer is one `is_chunk: false` frame. `?stream=1` asks for `is_chunk: true`
    chunks first; the final frame then still carries the whole answer, which is what
    the newer client shows.
    """

    handlers = {"message": "on_message", "context": "on_context", "history": "on_history"}

    async def connect(self):
        self.client_id = self.scope["url_route"]["kwargs"]["client_id"]
        self.stream = query_param(self.scope, "stream", "0").lower() in STREAM_ON
        self.page_context = ""
        self.history = None  # None: the server's stored history for this session
        await super().connect()
        # The client picks client_id, so it is no key to anyone's history: the
        # connection gets a server-issued session (the cookie's, or a new one),
        # unless client_id is itself an id the server issued.
        self.session_id = chat_session_resolve(self.client_id, self.cookie_session)

    async def on_context(self, payload):
        content = payload.get("content")
        if not isinstance(content, str):
            raise FrameError(gettext("Context content must be a string."))
        # A longer page is cut to the cap, not refused: the start of it is the useful part.
        self.page_context = content[:MAX_CONTEXT_CHARS]

    async def on_history(self, payload):
        messages = payload.get("messages")
        if not isinstance(messages, list) or len(messages) > MAX_HISTORY_TURNS:
            raise FrameError(
                gettext("History must be a list of at most %(count)s turns.")
                % {"count": MAX_HISTORY_TURNS}
            )
        history = []
        for turn in messages:
            if (
                not isinstance(turn, dict)
                or turn.get("role") not in ("user", "assistant")
                or not isinstance(turn.get("content"), str)
            ):
                raise FrameError(
                    gettext('Each history turn needs a role ("user" or "assistant") and content.')
                )
            history.append({"role": turn["role"], "content": turn["content"][:5000]})
        self.history = history

    async def on_message(self, payload):
        content = self.message_text(payload)
        await self.check_rate()
        answer = ""
        async for kind, value in chat_astream(
            message=content,
            session_id=self.session_id,
            language=self.language,
            language_explicit=self.language_explicit,
            history=self.history,
            page_context=self.page_context,
            user_agent=self.user_agent,
            ip_hash=self.ip_hash,
        ):
            if kind == "token" and self.stream:
                await self.send_json({"message": value, "sender": "assistant", "is_chunk": True})
            elif kind == "done":
                answer = value.response
        await self.send_json({"message": answer, "sender": "assistant", "is_chunk": False})
        if self.history is not None:
            self.history += [
                {"role": "user", "content": content},
                {"role": "assistant", "content": answer},
            ]

    async def send_error(self, sentence):
        await self.send_json(
            {"message": sentence, "sender": "system", "is_chunk": False, "error": True}
        )


class UnknownPathConsumer(AsyncWebsocketConsumer):
    """Any other /ws/ path: a clear close code instead of a crashed handshake."""

    async def connect(self):
        await self.accept()
        await self.close(code=4404)
