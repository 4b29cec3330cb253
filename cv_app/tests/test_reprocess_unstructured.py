"""CVs processed before their structure was read are queued again by migration 0004
(queue_unstructured, kept in the squashed 0001), and the job gives them the structure
every answer now reads."""

from importlib import import_module

from django.apps import apps

from cv_app import jobs
from cv_app.models import CVChunk, CVDocument

migration = import_module("cv_app.migrations.0001_squashed_0006_merge_0005s")


def test_a_ready_cv_without_structure_is_queued_and_processed_with_one(ingest):
    legacy = ingest()
    structured = ingest(name="other.pdf")
    CVDocument.objects.filter(pk=legacy.pk).update(structure={})
    CVChunk.objects.filter(document=legacy).update(section="", section_index=None, entry=None)

    migration.queue_unstructured(apps, None)

    legacy.refresh_from_db()
    structured.refresh_from_db()
    assert legacy.next_attempt_at is not None and legacy.status == "ready"
    assert structured.next_attempt_at is None
    assert jobs.cv_document_run(document_id=legacy.pk, worker="test", final_attempt=True)
    legacy.refresh_from_db()
    assert legacy.status == "ready" and legacy.structure["sections"]
    assert legacy.chunks.exclude(section_index=None).exists()
