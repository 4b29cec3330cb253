import uuid

from django.db import models

from portfolio.publishing import Publishable, status_field


class AITool(Publishable):
    # `status` is the directory's badge (Popular, Trending...), older than publishing.
    publish_status_field = "publish_status"

    class Category(models.TextChoices):
        IMAGE_GENERATION = "Image Generation"
        VIDEO_GENERATION = "Video Generation"
        TEXT_GENERATION = "Text Generation"
        PRESENTATION = "Presentation"
        DESIGN = "Design"

    class Status(models.TextChoices):
        POPULAR = "Popular"
        TRENDING = "Trending"
        PROFESSIONAL = "Professional"
        OPEN_SOURCE = "Open Source"

    class Pricing(models.TextChoices):
        PAID = "Paid"
        FREEMIUM = "Freemium"
        FREE = "Free"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255)
    description = models.TextField()
    category = models.CharField(max_length=100, choices=Category.choices)
    status = models.CharField(max_length=50, choices=Status.choices)
    publish_status = status_field()
    url = models.URLField(max_length=500)
    pricing = models.CharField(max_length=50, choices=Pricing.choices)
    image_url = models.URLField(max_length=500, blank=True)
    # The owner's order in the directory; the seed keeps the frontend's order.
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "ai_tools"
        ordering = ["position", "name"]
        verbose_name = "AI tool"
        indexes = [
            models.Index(fields=["category"], name="ai_tools_category_idx"),
            models.Index(fields=["status"], name="ai_tools_status_idx"),
            models.Index(fields=["pricing"], name="ai_tools_pricing_idx"),
            # The list's order: a page deep in a big table is an index walk, not a sort.
            models.Index(fields=["position", "name"], name="ai_tools_order_idx"),
        ]

    def __str__(self):
        return self.name
