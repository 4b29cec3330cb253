from django.contrib import admin
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path
from markdownx.widgets import AdminMarkdownxWidget
from unfold.widgets import TEXTAREA_CLASSES

from blog_app.markdown import render_markdown
from blog_app.models import BlogPost
from portfolio.admin_base import (
    BaseAdmin,
    PreviewAdminMixin,
    PublishingAdminMixin,
    RevisionAdmin,
)


@admin.register(BlogPost)
class BlogPostAdmin(PreviewAdminMixin, PublishingAdminMixin, RevisionAdmin, BaseAdmin):
    list_display = ["title", "category", "published", "featured", "updated_at"]
    list_editable = ["featured"]
    list_filter = ["category", "featured", "published"]
    search_fields = ["title", "excerpt", "content"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published"
    readonly_fields = ["id", "created_at", "updated_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "content":
            # django-markdownx: its preview posts to MARKDOWNX_URLS_PATH (preview_view).
            kwargs["widget"] = AdminMarkdownxWidget(attrs={"class": " ".join(TEXTAREA_CLASSES)})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        # Behind admin_view: staff only, CSRF-checked. markdownx's own URLs are not
        # mounted (its image upload would accept files from anyone).
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(self.preview_view),
            name="blog_app_blogpost_markdown_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request):
        """The live preview: the same renderer and sanitiser as the API's content_html."""
        if request.method != "POST" or "content" not in request.POST:
            return HttpResponseBadRequest("POST the Markdown as `content`.")
        return HttpResponse(render_markdown(request.POST["content"]))
