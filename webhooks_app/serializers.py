from rest_framework import serializers

from portfolio.api.serializers import StrictModelSerializer
from webhooks_app.models import Delivery, Event, Webhook


class WebhookInputSerializer(StrictModelSerializer):
    # Write-only: never read back, except once when the server generated it.
    secret = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=200, min_length=16
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=Event.choices), allow_empty=False, required=False
    )

    class Meta:
        model = Webhook
        fields = ["url", "secret", "events", "active"]

    def validate_events(self, value):
        return list(dict.fromkeys(value))  # one of each, in the owner's order


class WebhookOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Webhook
        fields = ["id", "url", "events", "active", "created_at", "updated_at"]


class WebhookCreatedOutputSerializer(WebhookOutputSerializer):
    secret = serializers.CharField(
        required=False, help_text="Only when the server generated it: shown this once."
    )

    class Meta(WebhookOutputSerializer.Meta):
        fields = [*WebhookOutputSerializer.Meta.fields, "secret"]


class DeliveryItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.CharField()


class DeliveryOutputSerializer(serializers.ModelSerializer):
    items = DeliveryItemSerializer(many=True)

    class Meta:
        model = Delivery
        fields = [
            "id", "event", "items", "status", "attempts", "response_code", "response_body",
            "last_error", "next_attempt_at", "sent_at", "created_at",
        ]  # fmt: skip
