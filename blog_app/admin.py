from django.contrib import admin

from blog_app.models import BlogPost


@admin.register(BlogPost)
class BlogPostAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "published", "featured", "updated_at"]
    list_editable = ["featured"]
    list_filter = ["category", "featured", "published"]
    search_fields = ["title", "excerpt", "content"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published"
    readonly_fields = ["id", "created_at", "updated_at"]
