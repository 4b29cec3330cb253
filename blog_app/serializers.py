from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from blog_app.markdown import render_markdown
from blog_app.models import BlogPost
from content_app.selectors import profile_get
from portfolio.api.filters import ALL
from portfolio.api.pagination import PageQuerySerializer
from portfolio.api.serializers import ReservedSlugMixin, StrictModelSerializer, page_serializer
from portfolio.structured_data import author, blog_posting


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
    json_ld = serializers.SerializerMethodField(help_text="schema.org `BlogPosting`, as JSON-LD.")

    class Meta:
        model = BlogPost
        fields = [
            "id", "slug", "title", "excerpt", "category", "published",
            "readTime", "featured", "content", "content_html", "json_ld",
        ]  # fmt: skip

    def get_content_html(self, post) -> str:
        # Rows written around save() (bulk loads, raw SQL) are rendered on read.
        return post.content_html or render_markdown(post.content)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_json_ld(self, post) -> dict:
        # The owner is every post's author: read once per page, not per post.
        context = self.context
        if "author" not in context:
            context["author"] = author(profile_get(language=settings.LANGUAGE_CODE))
        return blog_posting(post, author=context["author"])


PostListOutputSerializer = page_serializer(PostOutputSerializer)


class PostInputSerializer(ReservedSlugMixin, StrictModelSerializer):
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


class PostAdminOutputSerializer(PostOutputSerializer):
    json_ld = None  # for the public pages, not the editor

    class Meta(PostOutputSerializer.Meta):
        fields = [
            *(name for name in PostOutputSerializer.Meta.fields if name != "json_ld"),
            "read_time", "status", "publish_at", "created_at", "updated_at",
        ]  # fmt: skip
