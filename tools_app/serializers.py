from rest_framework import serializers

from portfolio.api.filters import ALL
from portfolio.api.pagination import PageQuerySerializer
from portfolio.api.serializers import StrictModelSerializer, page_serializer
from tools_app.models import AITool


class ToolListQuerySerializer(PageQuerySerializer):
    q = serializers.CharField(required=False, max_length=200, allow_blank=True)
    category = serializers.ChoiceField(
        required=False, choices=[ALL, *AITool.Category.values], allow_blank=True
    )
    status = serializers.ChoiceField(required=False, choices=AITool.Status.values, allow_blank=True)
    pricing = serializers.ChoiceField(
        required=False, choices=AITool.Pricing.values, allow_blank=True
    )


class ToolOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)

    class Meta:
        model = AITool
        fields = ["id", "name", "description", "category", "status", "url", "pricing", "image_url"]


ToolListOutputSerializer = page_serializer(ToolOutputSerializer)


class ToolInputSerializer(StrictModelSerializer):
    class Meta:
        model = AITool
        fields = [
            "name",
            "description",
            "category",
            "status",
            "url",
            "pricing",
            "image_url",
            "position",
            # Draft or published (`status` is the directory's badge), and when.
            "publish_status",
            "publish_at",
        ]


class ToolAdminOutputSerializer(ToolOutputSerializer):
    class Meta(ToolOutputSerializer.Meta):
        fields = [
            *ToolOutputSerializer.Meta.fields, "position", "publish_status", "publish_at",
            "created_at", "updated_at",
        ]  # fmt: skip
