import uuid

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from blog_app.markdown import estimate_read_time, render_markdown
from portfolio.publishing import Publishable


class BlogPost(Publishable):
    class Category(models.TextChoices):
        HEALTHCARE = "Healthcare"
        MARKETING = "Marketing"
        TECHNOLOGY = "Technology"
        ETHICS = "Ethics"
        FINANCE = "Finance"
        EDUCATION = "Education"
        TRANSPORTATION = "Transportation"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    excerpt = models.TextField()
    content = models.TextField(help_text="Markdown.")
    # Rendered from `content` on save, so a read never renders Markdown.
    content_html = models.TextField(blank=True, editable=False)
    category = models.CharField(max_length=100, choices=Category.choices)
    # The date shown; left blank, the day of `publish_at` (or of the first save).
    published = models.DateField(blank=True)
    read_time = models.CharField(
        max_length=50, blank=True, help_text='Like "5 min read"; left blank, it is computed.'
    )
    featured = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "blog_posts"
        ordering = ["-featured", "-published", "-created_at"]
        indexes = [
            models.Index(fields=["category"], name="blog_category_idx"),
            models.Index(fields=["published"], name="blog_published_idx"),
            models.Index(fields=["featured", "published"], name="blog_featured_published_idx"),
            # The list's order, whole: a deep page is an index walk, not a sort.
            models.Index(
                F("featured").desc(),
                F("published").desc(),
                F("created_at").desc(),
                name="blog_order_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        self._default_published()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        self._default_published()
        self.content_html = render_markdown(self.content)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "content" in update_fields:
            kwargs["update_fields"] = {*update_fields, "content_html"}
        super().save(*args, **kwargs)

    def _default_published(self):
        if self.published is None:
            self.published = timezone.localdate(self.publish_at or timezone.now())

    @staticmethod
    def render_on_raw_load(sender, instance, raw=False, **kwargs):
        """pre_save receiver: loaddata saves raw, skipping save(), so the HTML that
        reads serve is rendered here for it."""
        if raw:
            instance.content_html = render_markdown(instance.content)

    @property
    def read_time_display(self) -> str:
        return self.read_time or estimate_read_time(self.content)

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:240] or "post"
        if base == "list":  # `news/list` is the list endpoint, not a post.
            base = "list-post"
        slug, n = base, 2
        while BlogPost.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug
