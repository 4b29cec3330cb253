from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from chat_app.limits import ChatHistoryRateThrottle
from chat_app.selectors import MAX_HISTORY_ITEMS, chat_history_for_visitor
from chat_app.serializers import (
    ChatHistoryItemSerializer,
    ChatHistoryOutputSerializer,
    ChatHistoryQuerySerializer,
    ChatSendInputSerializer,
    ChatSendOutputSerializer,
    ChatStatusSerializer,
    ResumeChatInputSerializer,
    ResumeChatOutputSerializer,
    ResumeHistoryItemSerializer,
    ResumeHistoryQuerySerializer,
)
from chat_app.services import chat_reply
from chat_app.sessions import chat_session_resolve
from portfolio.api.clients import client_ip, ip_hash, user_agent
from portfolio.api.language import request_language
from portfolio.api.pagination import PageQuerySerializer, page_of
from portfolio.api.throttles import ChatRateThrottle
from portfolio.api.views import PublicApi, RawShape, validated


def _visitor(request) -> dict:
    return {"user_agent": user_agent(request), "ip_hash": ip_hash(client_ip(request))}


def _session(request, given) -> str:
    """The body's session id if the server issued it, else the cookie's, else a new one."""
    return chat_session_resolve(given, request.COOKIES.get(settings.CHAT_SESSION_COOKIE_NAME))


def _with_session_cookie(response, session_id):
    # HttpOnly: page scripts (and whatever is injected into them) never see it.
    response.set_cookie(
        settings.CHAT_SESSION_COOKIE_NAME,
        session_id,
        max_age=settings.CHAT_SESSION_COOKIE_AGE,
        httponly=True,
        secure=settings.CHAT_SESSION_COOKIE_SECURE,
        samesite=settings.CHAT_SESSION_COOKIE_SAMESITE,
    )
    return response


def _reply(request, output_serializer_class, *, message, given_session, lang=None, **options):
    """The assistant's answer in the endpoint's shape, the session cookie set."""
    record = chat_reply(
        message=message,
        session_id=_session(request, given_session),
        **options,
        **_language(request, lang),
        **_visitor(request),
    )
    data = output_serializer_class(record).data
    return _with_session_cookie(Response(data), record.session_id)


def _language(request, explicit=None) -> dict:
    # A `lang` in the body (already validated) wins over the query and the header;
    # without either, the question's own language wins over Accept-Language.
    return {
        "language": explicit or request_language(request),
        "language_explicit": bool(explicit or request.GET.get("lang")),
    }


class ChatSendApi(PublicApi):
    throttle_classes = [ChatRateThrottle]

    @extend_schema(
        operation_id="chat_send",
        request=ChatSendInputSerializer,
        responses=ChatSendOutputSerializer,
        summary="Ask the assistant about the owner.",
        description=(
            "`session_id` continues a session only if the server issued it (in an earlier "
            "answer or the HttpOnly `chat_session` cookie); otherwise a new one is issued. "
            "The answer carries the session id and sets the cookie."
        ),
    )
    def post(self, request):
        fields = validated(ChatSendInputSerializer, request.data)
        return _reply(
            request,
            ChatSendOutputSerializer,
            message=fields["message"],
            given_session=fields.get("session_id"),
            lang=fields.get("lang"),
            mode=fields["mode"],
        )


class ChatHistoryApi(PublicApi):
    throttle_classes = [ChatHistoryRateThrottle]

    @extend_schema(
        operation_id="chat_history",
        parameters=[ChatHistoryQuerySerializer, PageQuerySerializer],
        responses=ChatHistoryOutputSerializer,
        summary="The exchanges of one session, oldest first.",
        description="Empty for an id the server did not issue. Throttled per client IP.",
    )
    def get(self, request):
        session_id = validated(ChatHistoryQuerySerializer, request.query_params)["session_id"]
        rows = chat_history_for_visitor(session_id=session_id)
        return Response(page_of(request, rows, ChatHistoryItemSerializer))


class ResumeChatApi(RawShape, PublicApi):
    """Seed 002: `POST /api/chat` `{content, user_id?}` -> `{content, timestamp, user_id}`."""

    throttle_classes = [ChatRateThrottle]

    @extend_schema(
        operation_id="resume_chat",
        request=ResumeChatInputSerializer,
        responses=ResumeChatOutputSerializer,
    )
    def post(self, request):
        fields = validated(ResumeChatInputSerializer, request.data)
        return _reply(
            request,
            ResumeChatOutputSerializer,
            message=fields["content"],
            given_session=fields.get("user_id"),
        )


class ResumeChatHistoryApi(RawShape, PublicApi):
    """Seed 002: both sides of each exchange as `{content, timestamp, user_id, role}`."""

    throttle_classes = [ChatHistoryRateThrottle]

    @extend_schema(
        operation_id="resume_chat_history",
        parameters=[ResumeHistoryQuerySerializer],
        responses=ResumeHistoryItemSerializer(many=True),
    )
    def get(self, request):
        user_id = validated(ResumeHistoryQuerySerializer, request.query_params)["user_id"]
        turns = []
        # Seed 002's shape has no page: the first exchanges, up to the cap.
        for row in chat_history_for_visitor(session_id=user_id)[:MAX_HISTORY_ITEMS]:
            turns += [
                {
                    "content": row.message,
                    "timestamp": row.timestamp,
                    "user_id": user_id,
                    "role": "user",
                },
                {
                    "content": row.response,
                    "timestamp": row.timestamp,
                    "user_id": user_id,
                    "role": "assistant",
                },
            ]
        return Response(ResumeHistoryItemSerializer(turns, many=True).data)


class ChatStatusApi(RawShape, PublicApi):
    """Seed 002: the assistant always answers (offline when no model is configured)."""

    @extend_schema(operation_id="chat_status", responses=ChatStatusSerializer)
    def get(self, request):
        return Response({"available": True})
