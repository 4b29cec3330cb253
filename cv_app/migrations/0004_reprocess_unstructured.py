"""Queues CVs processed before 0002 read their structure for processing again.

Answers come from the structure (cv_app/answering.py); a ready CV keeps its
chunks and answers while its job runs, and the job (the embedded runner, or the
Celery sweeper with a broker) takes it from the table like any queued upload.
"""

from django.db import migrations
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
    dependencies = [
        ("cv_app", "0003_cv_progress"),
    ]

    operations = [
        migrations.RunPython(queue_unstructured, migrations.RunPython.noop),
    ]
