"""blog_app's migrations 0001 to 0003 in one: the table as it stands after 0003, and the
search fields' trigram indexes (PostgreSQL only).

0003 marked the posts written before drafts existed as published and live; a database this
migration creates has no such rows, so that step is not carried over.
"""

import uuid
from django.db import migrations, models

from portfolio.api.search_indexes import trigram_indexes


class Migration(migrations.Migration):
    replaces = [
        ("blog_app", "0001_initial"),
        ("blog_app", "0002_search_indexes"),
        ("blog_app", "0003_publishing"),
    ]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="BlogPost",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("title", models.CharField(max_length=255)),
                ("slug", models.SlugField(blank=True, max_length=255, unique=True)),
                ("excerpt", models.TextField()),
                ("content", models.TextField(help_text="Markdown.")),
                ("content_html", models.TextField(blank=True, editable=False)),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("Healthcare", "Healthcare"),
                            ("Marketing", "Marketing"),
                            ("Technology", "Technology"),
                            ("Ethics", "Ethics"),
                            ("Finance", "Finance"),
                            ("Education", "Education"),
                            ("Transportation", "Transportation"),
                        ],
                        max_length=100,
                    ),
                ),
                ("published", models.DateField(blank=True)),
                (
                    "read_time",
                    models.CharField(
                        blank=True,
                        help_text='Like "5 min read"; left blank, it is computed.',
                        max_length=50,
                    ),
                ),
                ("featured", models.BooleanField(default=False)),
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
                    "status",
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
                "db_table": "blog_posts",
                "ordering": ["-featured", "-published", "-created_at"],
                "indexes": [
                    models.Index(fields=["category"], name="blog_category_idx"),
                    models.Index(fields=["published"], name="blog_published_idx"),
                    models.Index(
                        fields=["featured", "published"], name="blog_featured_published_idx"
                    ),
                    models.Index(
                        models.OrderBy(models.F("featured"), descending=True),
                        models.OrderBy(models.F("published"), descending=True),
                        models.OrderBy(models.F("created_at"), descending=True),
                        name="blog_order_idx",
                    ),
                ],
            },
        ),
        # The search fields, from the index on PostgreSQL.
        trigram_indexes(
            "blog_posts", (("blog_title_trgm", "title"), ("blog_excerpt_trgm", "excerpt"))
        ),
    ]
