from django.conf import settings
from rest_framework import serializers

from portfolio.api.language import supported_languages
from portfolio.api.serializers import StrictSerializer, page_serializer

SESSION_ID_PATTERN = r"^[A-Za-z0-9._:-]{1,128}$"
SESSION_ID_ERROR = "Use 1-128 letters, digits or . _ : -"


class SessionIdField(serializers.RegexField):
    def __init__(self, **kwargs):
        super().__init__(SESSION_ID_PATTERN, error_messages={"invalid": SESSION_ID_ERROR}, **kwargs)


class ChatSendInputSerializer(StrictSerializer):
    message = serializers.CharField(max_length=settings.CHAT_MAX_MESSAGE_CHARS)
    mode = serializers.ChoiceField(choices=["home", "cv"], default="home")
    session_id = SessionIdField(required=False)
    lang = serializers.ChoiceField(choices=supported_languages(), required=False)


class SourceSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=["profile", "skill", "project", "experience", "post", "cv", "faq"]
    )
    id = serializers.CharField(required=False)
    title = serializers.CharField(required=False)
    filename = serializers.CharField(required=False)
    page = serializers.IntegerField(required=False)
    content = serializers.CharField(required=False)
    score = serializers.FloatField(required=False)
    # An FAQ entry's question (type "faq").
    question = serializers.CharField(required=False)
    # A blog post's page on the frontend (type "post").
    url = serializers.CharField(required=False)


class ChatSendOutputSerializer(serializers.Serializer):
    answer = serializers.CharField(source="response")
    timestamp = serializers.DateTimeField()
    session_id = serializers.CharField()
    sources = SourceSerializer(many=True)
    answer_id = serializers.UUIDField(
        source="id", help_text="For `POST chat/feedback` (the visitor's verdict on this answer)."
    )


class ChatHistoryQuerySerializer(serializers.Serializer):
    session_id = SessionIdField()


class ChatHistoryItemSerializer(serializers.Serializer):
    message = serializers.CharField()
    response = serializers.CharField()
    timestamp = serializers.DateTimeField()


ChatHistoryOutputSerializer = page_serializer(
    ChatHistoryItemSerializer, name="ChatHistoryOutputSerializer"
)


# Seed 002: the resume site's own shapes.


class ResumeChatInputSerializer(StrictSerializer):
    content = serializers.CharField(max_length=settings.CHAT_MAX_MESSAGE_CHARS)
    user_id = SessionIdField(required=False)


class ResumeChatOutputSerializer(serializers.Serializer):
    content = serializers.CharField(source="response")
    timestamp = serializers.DateTimeField()
    user_id = serializers.CharField(source="session_id")


class ResumeHistoryQuerySerializer(serializers.Serializer):
    user_id = SessionIdField()


class ResumeHistoryItemSerializer(serializers.Serializer):
    content = serializers.CharField()
    timestamp = serializers.DateTimeField()
    user_id = serializers.CharField()
    role = serializers.ChoiceField(choices=["user", "assistant"])


class ChatStatusSerializer(serializers.Serializer):
    available = serializers.BooleanField()
