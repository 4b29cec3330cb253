from rest_framework import serializers

from cv_app.models import CVDocument
from portfolio.api.serializers import StrictSerializer


class CVUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=False, max_length=None)


class CVUploadOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    filename = serializers.CharField()
    status = serializers.ChoiceField(choices=CVDocument.Status.values)
    message = serializers.CharField()


class CVStatusOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    chunks = serializers.IntegerField(source="chunk_count", read_only=True)
    processed_pages = serializers.IntegerField(
        read_only=True, help_text="Pages embedded so far by the current (or last) processing."
    )
    in_progress = serializers.SerializerMethodField(
        help_text="A processing job is queued or running (also while a ready CV is re-processed)."
    )
    failure_reason = serializers.CharField(read_only=True)

    class Meta:
        model = CVDocument
        fields = [
            "id", "filename", "status", "pages", "processed_pages", "in_progress", "chunks",
            "failure_reason", "uploaded_at",
        ]  # fmt: skip

    def get_in_progress(self, document) -> bool:
        return document.next_attempt_at is not None


class CVQueryInputSerializer(StrictSerializer):
    question = serializers.CharField(min_length=1, max_length=1000)
    session_id = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=128
    )


class CVSourceSerializer(serializers.Serializer):
    """A passage of the CV; or, when the owner answered the question once, the FAQ
    entry (`{type: "faq", id, question}`)."""

    filename = serializers.CharField(required=False)
    page = serializers.IntegerField(min_value=1, required=False)
    content = serializers.CharField(required=False)
    score = serializers.FloatField(min_value=0, max_value=1, required=False)
    type = serializers.ChoiceField(choices=["faq"], required=False)
    id = serializers.CharField(required=False)
    question = serializers.CharField(required=False)


class CVQueryOutputSerializer(serializers.Serializer):
    answer = serializers.CharField()
    confidence = serializers.FloatField(min_value=0, max_value=1)
    sources = CVSourceSerializer(many=True)
    answer_id = serializers.UUIDField(
        help_text="For `POST chat/feedback` (the visitor's verdict on this answer)."
    )
