from rest_framework import serializers

from blog_app.markdown import render_markdown
from blog_app.models import BlogPost
from portfolio.api.caching import PageQuerySerializer
from portfolio.api.filters import ALL
from portfolio.api.serializers import StrictModelSerializer, page_serializer


class PostListQuerySerializer(PageQuerySerializer):
    q = serializers.CharField(required=False, max_length=200, allow_blank=True)
    category = serializers.ChoiceField(
        required=False, choices=[ALL, *BlogPost.Category.values], allow_blank=True
    )
    featured = serializers.BooleanField(required=False, allow_null=True, default=None)


class PostOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    readTime = serializers.CharField(source="read_time_display", read_only=True)  # noqa: N815
    content_html = serializers.SerializerMethodField()

    class Meta:
        model = BlogPost
        fields = [
            "id", "slug", "title", "excerpt", "category", "published",
            "readTime", "featured", "content", "content_html",
        ]  # fmt: skip

    def get_content_html(self, post) -> str:
        # Rows written around save() (bulk loads, raw SQL) are rendered on read.
        return post.content_html or render_markdown(post.content)


PostListOutputSerializer = page_serializer(
    PostOutputSerializer, help_text="Every match, not only this page."
)


class PostInputSerializer(StrictModelSerializer):
    class Meta:
        model = BlogPost
        fields = [
            "title", "slug", "excerpt", "content", "category", "published", "read_time",
            "featured", "status", "publish_at",
        ]  # fmt: skip
        # `published` (the date shown) defaults to the day of `publish_at`.
        extra_kwargs = {
            "slug": {"required": False, "allow_blank": True},
            "published": {"required": False, "allow_null": True},
        }

    def validate_slug(self, value):
        if value == "list":
            raise serializers.ValidationError('"list" is reserved for the list endpoint.')
        return value


class PostAdminOutputSerializer(PostOutputSerializer):
    class Meta(PostOutputSerializer.Meta):
        fields = [
            *PostOutputSerializer.Meta.fields, "read_time", "status", "publish_at",
            "created_at", "updated_at",
        ]  # fmt: skip
