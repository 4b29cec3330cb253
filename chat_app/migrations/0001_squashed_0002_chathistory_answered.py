"""chat_app's migrations 0001 and 0002 in one."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("chat_app", "0001_initial"), ("chat_app", "0002_chathistory_answered")]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="LLMUsage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("model", models.CharField(max_length=128)),
                ("provider", models.CharField(max_length=32)),
                ("purpose", models.CharField(max_length=32)),
                ("tokens_in", models.PositiveIntegerField(default=0)),
                ("tokens_out", models.PositiveIntegerField(default=0)),
                ("cost_usd", models.DecimalField(decimal_places=6, default=0, max_digits=12)),
                ("latency_ms", models.PositiveIntegerField(default=0)),
                ("streamed", models.BooleanField(default=False)),
                ("succeeded", models.BooleanField(default=True)),
                ("error", models.CharField(blank=True, max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={
                "verbose_name": "LLM call",
                "db_table": "llm_usage",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ChatHistory",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("session_id", models.CharField(db_index=True, max_length=128)),
                ("message", models.TextField()),
                ("response", models.TextField()),
                ("timestamp", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "mode",
                    models.CharField(
                        choices=[("home", "Home"), ("cv", "Cv")], default="home", max_length=10
                    ),
                ),
                (
                    "responder",
                    models.CharField(
                        choices=[("model", "Model"), ("offline", "Offline")], max_length=10
                    ),
                ),
                ("language", models.CharField(default="en", max_length=8)),
                ("sources", models.JSONField(blank=True, default=list)),
                ("latency_ms", models.PositiveIntegerField(default=0)),
                ("user_agent", models.CharField(blank=True, max_length=512)),
                ("ip_hash", models.CharField(blank=True, max_length=64)),
                ("answered", models.BooleanField(default=True)),
            ],
            options={
                "verbose_name_plural": "chat history",
                "db_table": "chat_history",
                "ordering": ["timestamp"],
                "indexes": [
                    models.Index(fields=["session_id", "timestamp"], name="chat_session_time_idx")
                ],
            },
        ),
    ]
