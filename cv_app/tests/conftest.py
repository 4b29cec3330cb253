import hashlib

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework_simplejwt.tokens import RefreshToken

from cv_app.models import CVDocument
from cv_app.services import cv_document_create
from cv_app.tests.documents import docx_bytes, pdf_bytes


@pytest.fixture(scope="session")
def cv_pdf():
    return pdf_bytes()


@pytest.fixture(scope="session")
def cv_docx():
    return docx_bytes()


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {RefreshToken.for_user(user).access_token}"}


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_user(
        username="editor", email="editor@example.com", password="pw-editor-123", is_staff=True
    )


@pytest.fixture
def plain_user(db, django_user_model):
    return django_user_model.objects.create_user(
        username="visitor", email="visitor@example.com", password="pw-visitor-123"
    )


@pytest.fixture
def staff_headers(staff_user):
    return bearer(staff_user)


@pytest.fixture
def upload(client, staff_headers):
    """POSTs a file to the upload endpoint, as staff unless told otherwise. Use it in
    transactional tests: the processing task runs when the upload commits."""

    def post(data, name="cv.pdf", url="/api/v1/cv/upload", headers=None):
        file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        headers = staff_headers if headers is None else headers
        return client.post(url, {"file": file}, **headers)

    return post


@pytest.fixture
def ingest(db, django_capture_on_commit_callbacks):
    """Creates a CV through the service and processes it; returns the fresh row."""

    def run(data=None, name="daniyal_cv.pdf", *, process=True):
        file = SimpleUploadedFile(name, data if data is not None else pdf_bytes())
        if not process:
            return cv_document_create(uploaded_file=file)
        with django_capture_on_commit_callbacks(execute=True):
            document = cv_document_create(uploaded_file=file)
        return CVDocument.objects.get(pk=document.pk)

    return run


def hashed_vectors(texts, dim=64):
    """Deterministic stand-in vectors for the OpenAI backend: a hashed bag of words."""
    vectors = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            vectors[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % dim] += 1.0  # noqa: S324
        vectors[row, 0] += 0.01
    return vectors.tolist()


@pytest.fixture
def fake_openai(settings, monkeypatch):
    """EMBEDDINGS=openai with the HTTP call swapped for hashed vectors; yields the calls."""
    from langchain_openai import OpenAIEmbeddings

    calls = []

    def embed_documents(self, texts, chunk_size=None, **kwargs):
        calls.append(list(texts))
        return hashed_vectors(texts)

    monkeypatch.setattr(OpenAIEmbeddings, "embed_documents", embed_documents)
    settings.EMBEDDINGS = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = "http://llm.invalid/v1"
    return calls
