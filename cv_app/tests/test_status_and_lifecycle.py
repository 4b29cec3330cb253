import threading
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cv_app import index as index_module
from cv_app import runner
from cv_app.index import CVIndex, cv_index
from cv_app.selectors import cv_retrieve
from cv_app.services import cv_document_process, cv_document_reembed, cv_document_reprocess
from cv_app.tests.documents import HELDOUT_PAGES, pdf_bytes

pytestmark = pytest.mark.django_db

STATUS = "/api/v1/cv/status"


def test_status_is_404_before_any_upload(client):
    response = client.get(STATUS)
    assert response.status_code == 404
    assert response.json() == {"success": False, "error": "No CV has been uploaded yet."}


def test_status_shows_the_active_cv(client, ingest):
    document = ingest(name="daniyal_cv.pdf")
    data = client.get(STATUS).json()["data"]
    assert data == {
        "id": str(document.pk),
        "filename": "daniyal_cv.pdf",
        "status": "ready",
        "pages": 3,
        "processed_pages": 3,
        "in_progress": False,
        "chunks": document.chunk_count,
        "failure_reason": "",
        "uploaded_at": data["uploaded_at"],
    }
    assert data["uploaded_at"].endswith("Z")


def test_status_shows_the_progress_of_an_upload_while_none_is_ready(client, ingest):
    document = ingest(process=False)
    data = client.get(STATUS).json()["data"]
    assert (data["id"], data["status"], data["chunks"]) == (str(document.pk), "pending", 0)
    assert (data["in_progress"], data["processed_pages"], data["pages"]) == (True, 0, 3)


def test_status_shows_a_failed_upload_when_nothing_else_exists(client, ingest, monkeypatch):
    from cv_app import services
    from cv_app.embeddings import EmbeddingError

    monkeypatch.setattr(
        services, "embed_texts", lambda t, **kw: (_ for _ in ()).throw(EmbeddingError("x"))
    )
    ingest()
    assert client.get(STATUS).json()["data"]["status"] == "failed"


def test_post_on_status_is_405(client, db):
    assert client.post(STATUS).status_code == 405


def test_the_previous_cv_keeps_answering_until_the_new_one_is_ready(client, ingest):
    old = ingest(name="old.pdf")
    new = ingest(pdf_bytes(HELDOUT_PAGES), "new.pdf", process=False)
    # The new upload is pending: the old CV is still the active one.
    assert client.get(STATUS).json()["data"]["id"] == str(old.pk)
    passages, _ = cv_retrieve(question="What are his hobbies?")
    assert passages[0]["filename"] == "old.pdf"

    cv_document_process(document_id=new.pk)
    assert client.get(STATUS).json()["data"]["id"] == str(new.pk)
    passages, _ = cv_retrieve(question="What does she do for fun?")
    assert passages[0]["filename"] == "new.pdf"


def test_a_failed_new_upload_leaves_the_previous_cv_active(ingest, monkeypatch):
    from cv_app import services
    from cv_app.embeddings import EmbeddingError

    old = ingest(name="old.pdf")

    def broken(texts, **kwargs):
        raise EmbeddingError("model offline")

    monkeypatch.setattr(services, "embed_texts", broken)
    new = ingest(pdf_bytes(HELDOUT_PAGES), "new.pdf")
    assert new.status == "failed"
    assert cv_index.current().document_id == str(old.pk)


def test_a_second_process_index_notices_a_new_active_cv(ingest):
    """Two CVIndex instances stand for two web processes sharing one database."""
    first_process, second_process = CVIndex(), CVIndex()
    old = ingest(name="old.pdf")
    assert second_process.current().document_id == str(old.pk)

    # "Another process" ingests a new CV: only the database changes.
    new = ingest(pdf_bytes(HELDOUT_PAGES), "new.pdf")
    assert first_process.current().document_id == str(new.pk)
    snapshot = second_process.current()
    assert snapshot.document_id == str(new.pk)
    assert snapshot.filename == "new.pdf"
    assert any("Mercado Fresco" in chunk.text for chunk in snapshot.chunks)


def test_the_index_is_reused_while_the_active_cv_is_unchanged(ingest):
    ingest()
    process = CVIndex()
    assert process.current() is process.current()


def test_the_index_rebuilds_when_the_active_cv_is_re_embedded(ingest):
    document = ingest()
    process = CVIndex()
    before = process.current()
    cv_document_reembed(document_id=document.pk)
    after = process.current()
    assert after is not before
    assert after.key.processed_at != before.key.processed_at


def test_concurrent_first_queries_build_the_index_once(monkeypatch):
    process = CVIndex()
    key = index_module.ActiveKey("doc", "2026-01-01T00:00:00+00:00", 7, "cv.pdf", "model")
    builds = []
    gate = threading.Event()

    def slow_build(k):
        builds.append(k)
        gate.wait(timeout=5)
        return SimpleNamespace(key=k)

    monkeypatch.setattr(index_module, "build_snapshot", slow_build)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(process.for_key(key))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert len(results) == 8
    assert len({id(snapshot) for snapshot in results}) == 1


def test_cv_retrieve_returns_nothing_without_an_active_cv(db):
    assert cv_retrieve(question="What are his hobbies?") == ([], 0.0)


def test_cv_retrieve_gives_the_assistant_passages_best_first(ingest):
    ingest(name="daniyal_cv.pdf")
    passages, confidence = cv_retrieve(question="Where did Daniyal study?", k=2)
    assert len(passages) == 2
    assert passages[0]["page"] == 3
    assert set(passages[0]) == {"filename", "page", "content", "score"}
    assert 0.0 < confidence <= 1.0


def test_cv_retrieve_degrades_to_nothing_when_embeddings_fail(ingest, monkeypatch):
    from cv_app import retrieval
    from cv_app.embeddings import EmbeddingError

    ingest()

    def down(text, **kwargs):
        raise EmbeddingError("down")

    monkeypatch.setattr(retrieval, "embed_query", down)
    assert cv_retrieve(question="What are his hobbies?") == ([], 0.0)


@pytest.mark.django_db(transaction=True)
async def test_async_retrieval_matches_the_sync_one(ingest):
    from asgiref.sync import sync_to_async
    from django.db import connections

    from cv_app.selectors import acv_retrieve

    try:
        await sync_to_async(ingest)()
        passages, confidence = await acv_retrieve(question="What are his hobbies?")
        expected = await sync_to_async(cv_retrieve)(question="What are his hobbies?")
    finally:
        # The worker thread's connection would otherwise outlive the test database.
        await sync_to_async(connections.close_all)()
    assert (passages, confidence) == expected
    assert passages[0]["page"] == 3


def test_reprocessing_a_failed_cv_makes_it_ready(
    ingest, monkeypatch, django_capture_on_commit_callbacks
):
    from cv_app import services
    from cv_app.embeddings import EmbeddingError, embed_texts

    monkeypatch.setattr(
        services, "embed_texts", lambda t, **kw: (_ for _ in ()).throw(EmbeddingError("x"))
    )
    document = ingest()
    assert document.status == "failed"
    monkeypatch.setattr(services, "embed_texts", embed_texts)
    with django_capture_on_commit_callbacks(execute=True):
        cv_document_reprocess(document_id=document.pk)
    document.refresh_from_db()
    assert (document.status, document.next_attempt_at is not None) == ("pending", True)
    assert runner.run_due(worker="test") == 1
    document.refresh_from_db()
    assert (document.status, document.failure_reason) == ("ready", "")
    assert document.chunk_count > 0


def test_reprocessing_a_ready_cv_keeps_it_answering_and_replaces_its_chunks(ingest):
    document = ingest()
    old_ids = set(document.chunks.values_list("pk", flat=True))
    started = timezone.now()
    cv_document_process(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "ready"
    assert document.processed_at >= started
    assert not old_ids & set(document.chunks.values_list("pk", flat=True))
    assert document.chunks.count() == document.chunk_count


def test_a_failing_reprocess_of_a_ready_cv_keeps_its_chunks(ingest, monkeypatch):
    from cv_app import services
    from cv_app.embeddings import EmbeddingError

    document = ingest()
    chunks = document.chunk_count
    monkeypatch.setattr(
        services, "embed_texts", lambda t, **kw: (_ for _ in ()).throw(EmbeddingError("x"))
    )
    cv_document_process(document_id=document.pk)
    document.refresh_from_db()
    assert (document.status, document.chunks.count()) == ("ready", chunks)


def test_processing_a_deleted_document_is_a_no_op(db):
    import uuid

    assert cv_document_process(document_id=uuid.uuid4()) is None


def test_a_transient_failure_is_retried_by_the_worker_and_fails_on_the_last_attempt(
    ingest, monkeypatch
):
    from cv_app import services
    from cv_app.embeddings import EmbeddingError
    from cv_app.services import TransientProcessingError

    document = ingest(process=False)
    monkeypatch.setattr(
        services, "embed_texts", lambda t, **kw: (_ for _ in ()).throw(EmbeddingError("503"))
    )
    with pytest.raises(TransientProcessingError):
        cv_document_process(document_id=document.pk, final_attempt=False)
    document.refresh_from_db()
    assert document.status == "processing"
    cv_document_process(document_id=document.pk, final_attempt=True)
    document.refresh_from_db()
    assert document.status == "failed"
    assert "503" in document.failure_reason


def test_the_task_is_queued_only_when_the_upload_commits(
    db, cv_pdf, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cv_app.services import cv_document_create
    from cv_app.tasks import cv_document_process_task

    queued = []
    monkeypatch.setitem(cv_document_process_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(cv_document_process_task, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = cv_document_create(uploaded_file=SimpleUploadedFile("cv.pdf", cv_pdf))
        assert queued == []
    for callback in callbacks:
        callback()
    assert queued == [str(document.pk)]


def test_the_task_has_time_limits_and_retries():
    from cv_app.tasks import cv_document_process_task

    assert cv_document_process_task.soft_time_limit < cv_document_process_task.time_limit
    assert cv_document_process_task.max_retries == 3


def test_a_cv_deleted_between_the_key_and_the_chunks_reads_as_no_cv(ingest):
    document = ingest()
    key = index_module.active_key()
    document.delete()
    assert CVIndex().for_key(key) is None
