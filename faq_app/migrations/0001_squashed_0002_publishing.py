"""faq_app's migrations 0001 and 0002 in one: the tables as they stand after 0002.

0002 marked the entries already visible as live (announced); a database this migration
creates has no such rows, so that step is not carried over.
"""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("faq_app", "0001_initial"), ("faq_app", "0002_publishing")]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="GroupingLock",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=20, unique=True)),
            ],
            options={
                "db_table": "faq_grouping_lock",
            },
        ),
        migrations.CreateModel(
            name="AnswerFeedback",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("answer_id", models.UUIDField(db_index=True)),
                ("kind", models.CharField(choices=[("home", "Home"), ("cv", "Cv")], max_length=10)),
                ("session_hash", models.CharField(max_length=64)),
                ("helpful", models.BooleanField()),
                ("comment", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={
                "verbose_name": "answer feedback",
                "verbose_name_plural": "answer feedback",
                "db_table": "faq_answer_feedback",
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("answer_id", "session_hash"), name="faq_feedback_once_per_session"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="FAQEntry",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("question", models.CharField(max_length=300)),
                ("question_en", models.CharField(max_length=300, null=True)),
                ("question_es", models.CharField(max_length=300, null=True)),
                ("answer", models.TextField(max_length=4000)),
                ("answer_en", models.TextField(max_length=4000, null=True)),
                ("answer_es", models.TextField(max_length=4000, null=True)),
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
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("live", models.BooleanField(default=False, editable=False)),
            ],
            options={
                "verbose_name": "FAQ entry",
                "verbose_name_plural": "FAQ entries",
                "db_table": "faq_entries",
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(fields=["status", "publish_at"], name="faq_status_publish_idx")
                ],
            },
        ),
        migrations.CreateModel(
            name="QuestionGroup",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("answered", "Answered")],
                        default="open",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "faq",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="groups",
                        to="faq_app.faqentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "unanswered question",
                "verbose_name_plural": "unanswered questions (inbox)",
                "db_table": "faq_question_groups",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="AskedQuestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField()),
                ("language", models.CharField(default="en", max_length=8)),
                (
                    "kind",
                    models.CharField(
                        choices=[("home", "Home"), ("cv", "Cv")], default="home", max_length=10
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("refused", "Refused"),
                            ("low_confidence", "Answered below the confidence threshold"),
                            ("unhelpful", "Marked unhelpful"),
                        ],
                        max_length=20,
                    ),
                ),
                ("answer_given", models.TextField(blank=True)),
                ("answer_id", models.UUIDField(blank=True, null=True, unique=True)),
                (
                    "asked_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                ("vector", models.BinaryField(blank=True, default=b"")),
                ("model_name", models.CharField(blank=True, max_length=200)),
                (
                    "group",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="questions",
                        to="faq_app.questiongroup",
                    ),
                ),
            ],
            options={
                "verbose_name": "asked question",
                "db_table": "faq_asked_questions",
                "ordering": ["-asked_at"],
                "indexes": [
                    models.Index(fields=["group", "-asked_at"], name="faq_asked_group_time_idx")
                ],
            },
        ),
    ]
