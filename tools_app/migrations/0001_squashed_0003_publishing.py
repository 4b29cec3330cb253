"""tools_app's migrations 0001 to 0003 in one: the table as it stands after 0003, and the
search fields' trigram indexes (PostgreSQL only).

0003 marked the tools written before drafts existed as published and live; a database this
migration creates has no such rows, so that step is not carried over.
"""

import uuid
from django.db import migrations, models

from portfolio.api.search_indexes import trigram_indexes


class Migration(migrations.Migration):
    replaces = [
        ("tools_app", "0001_initial"),
        ("tools_app", "0002_search_indexes"),
        ("tools_app", "0003_publishing"),
    ]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AITool",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("name", models.CharField(max_length=255)),
                ("description", models.TextField()),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("Image Generation", "Image Generation"),
                            ("Video Generation", "Video Generation"),
                            ("Text Generation", "Text Generation"),
                            ("Presentation", "Presentation"),
                            ("Design", "Design"),
                        ],
                        max_length=100,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("Popular", "Popular"),
                            ("Trending", "Trending"),
                            ("Professional", "Professional"),
                            ("Open Source", "Open Source"),
                        ],
                        max_length=50,
                    ),
                ),
                ("url", models.URLField(max_length=500)),
                (
                    "pricing",
                    models.CharField(
                        choices=[("Paid", "Paid"), ("Freemium", "Freemium"), ("Free", "Free")],
                        max_length=50,
                    ),
                ),
                ("image_url", models.URLField(blank=True, max_length=500)),
                ("position", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("live", models.BooleanField(default=False, editable=False)),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        db_index=True,
                        help_text="When a published item appears; empty: at once.",
                        null=True,
                        verbose_name="publish at",
                    ),
                ),
                (
                    "publish_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="published",
                        help_text="A draft is seen only by the owner (and through a preview link).",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
            ],
            options={
                "verbose_name": "AI tool",
                "db_table": "ai_tools",
                "ordering": ["position", "name"],
                "indexes": [
                    models.Index(fields=["category"], name="ai_tools_category_idx"),
                    models.Index(fields=["status"], name="ai_tools_status_idx"),
                    models.Index(fields=["pricing"], name="ai_tools_pricing_idx"),
                    models.Index(fields=["position", "name"], name="ai_tools_order_idx"),
                ],
            },
        ),
        # The search fields, from the index on PostgreSQL.
        trigram_indexes(
            "ai_tools",
            (("ai_tools_name_trgm", "name"), ("ai_tools_description_trgm", "description")),
        ),
    ]
