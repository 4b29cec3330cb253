from django import forms
from django.contrib import admin
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path
from markdownx.widgets import AdminMarkdownxWidget

from blog_app.markdown import render_markdown
from blog_app.models import BlogPost
from portfolio.admin_base import BaseAdmin


class BlogPostForm(forms.ModelForm):
    class Meta:
        model = BlogPost
        fields = "__all__"
        # django-markdownx: the editor posts to MARKDOWNX_URLS_PATH (preview_view below).
        widgets = {"content": AdminMarkdownxWidget}


@admin.register(BlogPost)
class BlogPostAdmin(BaseAdmin):
    form = BlogPostForm
    list_display = ["title", "category", "published", "featured", "updated_at"]
    list_editable = ["featured"]
    list_filter = ["category", "featured", "published"]
    search_fields = ["title", "excerpt", "content"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published"
    readonly_fields = ["id", "created_at", "updated_at"]

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
