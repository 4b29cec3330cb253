"""cv_app's migrations 0001 to 0006 in one: the tables as they stand after the four
0005s and their merge.

queue_unstructured (once 0004) queues CVs processed before their structure was read
for processing again. Answers come from the structure (cv_app/answering.py); a ready
CV keeps its chunks and answers while its job runs, and the job (the embedded runner,
or the Celery sweeper with a broker) takes it from the table like any queued upload.
A database this migration creates has no such CV: the step is elidable, kept for the
test that shows the job gives such a CV its structure.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def queue_unstructured(apps, schema_editor):
    CVDocument = apps.get_model("cv_app", "CVDocument")
    unstructured = [
        pk
        for pk, structure in CVDocument.objects.filter(status="ready").values_list(
            "pk", "structure"
        )
        if not (structure or {}).get("sections")
    ]
    CVDocument.objects.filter(pk__in=unstructured).update(
        next_attempt_at=timezone.now(), attempts=0
    )


class Migration(migrations.Migration):
    replaces = [
        ("cv_app", "0001_initial"),
        ("cv_app", "0002_cv_structure"),
        ("cv_app", "0003_cv_progress"),
        ("cv_app", "0004_reprocess_unstructured"),
        ("cv_app", "0005_reembedding_after_a_model_change"),
        ("cv_app", "0005_cv_query_content_mode"),
        ("cv_app", "0005_cv_hidden_text_and_instruction_flags"),
        ("cv_app", "0005_cv_document_language"),
        ("cv_app", "0006_merge_0005s"),
    ]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CVDocument",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("filename", models.CharField(max_length=255)),
                ("file", models.FileField(max_length=500, upload_to="cv/")),
                ("file_size", models.PositiveIntegerField()),
                (
                    "kind",
                    models.CharField(choices=[("pdf", "PDF"), ("docx", "DOCX")], max_length=10),
                ),
                (
                    "content_hash",
                    models.CharField(help_text="SHA-256 of the uploaded bytes.", max_length=64),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("processing", "Processing"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("failure_reason", models.TextField(blank=True)),
                ("pages", models.PositiveIntegerField(default=0)),
                ("chunk_count", models.PositiveIntegerField(default=0)),
                ("embedding_model", models.CharField(blank=True, max_length=200)),
                ("processed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("structure", models.JSONField(blank=True, default=dict)),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("claimed_by", models.CharField(blank=True, max_length=255)),
                ("heartbeat_at", models.DateTimeField(blank=True, null=True)),
                ("next_attempt_at", models.DateTimeField(blank=True, null=True)),
                ("processed_pages", models.PositiveIntegerField(default=0)),
                ("reembed_to", models.CharField(blank=True, max_length=200)),
                (
                    "hidden_chars",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="Characters dropped as invisible to a reader (not indexed).",
                    ),
                ),
                ("hidden_reasons", models.JSONField(blank=True, default=dict)),
                ("instruction_flags", models.JSONField(blank=True, default=list)),
                ("language", models.CharField(blank=True, max_length=8)),
            ],
            options={
                "verbose_name": "CV document",
                "db_table": "cv_documents",
                "ordering": ["-uploaded_at"],
            },
        ),
        migrations.CreateModel(
            name="CVChunk",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("ordinal", models.PositiveIntegerField()),
                ("page", models.PositiveIntegerField(help_text="Counted from 1.")),
                ("text", models.TextField()),
                ("vector", models.BinaryField()),
                ("dim", models.PositiveIntegerField()),
                ("model_name", models.CharField(max_length=200)),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="chunks",
                        to="cv_app.cvdocument",
                    ),
                ),
                ("entry", models.PositiveIntegerField(blank=True, null=True)),
                ("section", models.CharField(blank=True, max_length=40)),
                ("section_index", models.PositiveIntegerField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "CV chunk",
                "db_table": "cv_chunks",
                "ordering": ["document", "ordinal"],
            },
        ),
        migrations.CreateModel(
            name="CVQuery",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("question", models.TextField()),
                ("answer", models.TextField()),
                ("confidence", models.FloatField()),
                ("session_id", models.CharField(blank=True, max_length=128)),
                ("sources", models.JSONField(blank=True, default=list)),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("offline", "Offline"),
                            ("llm", "Llm"),
                            ("content", "from the content (no CV yet)"),
                        ],
                        default="offline",
                        max_length=10,
                    ),
                ),
                ("answered", models.BooleanField(default=True)),
                ("latency_ms", models.FloatField(default=0)),
                ("timestamp", models.DateTimeField(auto_now_add=True)),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="queries",
                        to="cv_app.cvdocument",
                    ),
                ),
            ],
            options={
                "verbose_name": "CV question",
                "db_table": "cv_queries",
                "ordering": ["-timestamp"],
            },
        ),
        migrations.AddIndex(
            model_name="cvdocument",
            index=models.Index(
                fields=["status", "-uploaded_at"], name="cv_doc_status_uploaded_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="cvchunk",
            constraint=models.UniqueConstraint(
                fields=("document", "ordinal"), name="cv_chunk_unique_ordinal"
            ),
        ),
        migrations.AddIndex(
            model_name="cvquery",
            index=models.Index(fields=["-timestamp"], name="cv_query_timestamp_idx"),
        ),
        migrations.AddIndex(
            model_name="cvquery",
            index=models.Index(fields=["session_id"], name="cv_query_session_idx"),
        ),
        migrations.RunPython(queue_unstructured, migrations.RunPython.noop, elidable=True),
    ]
