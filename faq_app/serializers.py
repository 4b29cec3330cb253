from django.conf import settings
from rest_framework import serializers

from faq_app.models import AskedQuestion, FAQEntry, QuestionGroup
from portfolio.api.language import supported_languages
from portfolio.api.pagination import PageQuerySerializer
from portfolio.api.serializers import StrictModelSerializer, StrictSerializer, page_serializer

MAX_COMMENT_CHARS = 1000
MAX_ANSWER_CHARS = 4000


def _translated(*fields) -> list[str]:
    return [f"{field}_{language}" for field in fields for language in supported_languages()]


def _translated_kwargs(*fields) -> dict:
    """English required and non-blank; every other language optional (reads as English)."""
    kwargs = {}
    for name in _translated(*fields):
        english = name.endswith(f"_{settings.LANGUAGE_CODE}")
        kwargs[name] = (
            {"required": True, "allow_null": False, "allow_blank": False}
            if english
            else {"required": False, "allow_null": True, "allow_blank": True}
        )
    return kwargs


# --- Feedback -------------------------------------------------------------------


class FeedbackInputSerializer(StrictSerializer):
    answer_id = serializers.UUIDField()
    helpful = serializers.BooleanField()
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_COMMENT_CHARS, default=""
    )
    # The session the answer was given in, when the client did not keep the cookie
    # (cv/query takes its session_id in the body).
    session_id = serializers.CharField(required=False, allow_blank=True, max_length=128)


class FeedbackOutputSerializer(serializers.Serializer):
    recorded = serializers.BooleanField()


# --- The public FAQ -------------------------------------------------------------


class FAQOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    question = serializers.CharField()
    answer = serializers.CharField()


FAQListOutputSerializer = page_serializer(FAQOutputSerializer)


# --- The admin ------------------------------------------------------------------


class UnansweredQuerySerializer(PageQuerySerializer):
    status = serializers.ChoiceField(
        choices=QuestionGroup.Status.values, required=False, allow_blank=True
    )


class UnansweredOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    question = serializers.CharField(help_text="The latest wording.")
    count = serializers.IntegerField()
    language = serializers.CharField()
    last_asked = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=AskedQuestion.Kind.choices)
    status = serializers.ChoiceField(choices=QuestionGroup.Status.choices)
    faq_id = serializers.CharField(allow_null=True)
    answers = serializers.ListField(
        child=serializers.CharField(), help_text="The distinct answers given, newest first."
    )


UnansweredListOutputSerializer = page_serializer(UnansweredOutputSerializer)


class GroupAnswerInputSerializer(StrictSerializer):
    answer_en = serializers.CharField(max_length=MAX_ANSWER_CHARS)
    answer_es = serializers.CharField(
        max_length=MAX_ANSWER_CHARS, required=False, allow_blank=True, default=""
    )


class FAQInputSerializer(StrictModelSerializer):
    class Meta:
        model = FAQEntry
        fields = [*_translated("question", "answer"), "status", "publish_at"]
        extra_kwargs = _translated_kwargs("question", "answer")


class FAQAdminOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)

    class Meta:
        model = FAQEntry
        fields = [
            "id", *_translated("question", "answer"), "status", "publish_at", "created_at",
            "updated_at",
        ]  # fmt: skip
