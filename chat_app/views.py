from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from chat_app.selectors import chat_history_list, chat_history_page
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
from portfolio.api.caching import PageQuerySerializer, validated_page
from portfolio.api.clients import client_ip, ip_hash, user_agent
from portfolio.api.language import request_language
from portfolio.api.renderers import ORJSONRenderer
from portfolio.api.throttles import ChatRateThrottle
from portfolio.api.views import PublicApi


def _visitor(request) -> dict:
    return {"user_agent": user_agent(request), "ip_hash": ip_hash(client_ip(request))}


def _language(request, explicit=None) -> str:
    # A `lang` in the body (already validated) wins over the query and the header.
    return explicit or request_language(request)


class ChatSendApi(PublicApi):
    throttle_classes = [ChatRateThrottle]

    @extend_schema(
        operation_id="chat_send",
        request=ChatSendInputSerializer,
        responses=ChatSendOutputSerializer,
        summary="Ask the assistant about the owner; a session id is created when absent.",
    )
    def post(self, request):
        data = ChatSendInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        record = chat_reply(
            message=fields["message"],
            session_id=fields.get("session_id"),
            mode=fields["mode"],
            language=_language(request, fields.get("lang")),
            **_visitor(request),
        )
        return Response(ChatSendOutputSerializer(record).data)


class ChatHistoryApi(PublicApi):
    @extend_schema(
        operation_id="chat_history",
        parameters=[ChatHistoryQuerySerializer, PageQuerySerializer],
        responses=ChatHistoryOutputSerializer,
        summary="The exchanges of one session, oldest first.",
    )
    def get(self, request):
        query = ChatHistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = validated_page(request)
        items, total = chat_history_page(session_id=query.validated_data["session_id"], **page)
        items = ChatHistoryItemSerializer(items, many=True).data
        return Response({"items": items, "total": total, **page})


class ResumeChatApi(PublicApi):
    """Seed 002: `POST /api/chat` `{content, user_id?}` -> `{content, timestamp, user_id}`."""

    envelope = False
    renderer_classes = [ORJSONRenderer]
    throttle_classes = [ChatRateThrottle]

    @extend_schema(
        operation_id="resume_chat",
        request=ResumeChatInputSerializer,
        responses=ResumeChatOutputSerializer,
    )
    def post(self, request):
        data = ResumeChatInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = chat_reply(
            message=data.validated_data["content"],
            session_id=data.validated_data.get("user_id"),
            language=_language(request),
            **_visitor(request),
        )
        return Response(ResumeChatOutputSerializer(record).data)


class ResumeChatHistoryApi(PublicApi):
    """Seed 002: both sides of each exchange as `{content, timestamp, user_id, role}`."""

    envelope = False
    renderer_classes = [ORJSONRenderer]

    @extend_schema(
        operation_id="resume_chat_history",
        parameters=[ResumeHistoryQuerySerializer],
        responses=ResumeHistoryItemSerializer(many=True),
    )
    def get(self, request):
        query = ResumeHistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user_id = query.validated_data["user_id"]
        turns = []
        for row in chat_history_list(session_id=user_id):
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


class ChatStatusApi(PublicApi):
    """Seed 002: the assistant always answers (offline when no model is configured)."""

    envelope = False
    renderer_classes = [ORJSONRenderer]

    @extend_schema(operation_id="chat_status", responses=ChatStatusSerializer)
    def get(self, request):
        return Response({"available": True})
