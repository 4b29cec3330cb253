import hashlib
import threading
import time

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from rest_framework_simplejwt.tokens import RefreshToken

from cv_app import jobs, runner
from cv_app.models import CVDocument
from cv_app.services import cv_document_create
from cv_app.tests.documents import docx_bytes, pdf_bytes

# Bounded polling for the background runner: generous, since 7 test runs may share 2 cores.
WAIT_SECONDS = 120
# Taken by the runner thread for each round (a round finding it taken waits for the
# next poll) and by the test thread for an upload and each poll of `wait_for`. An
# in-memory SQLite test database is one connection both threads share: an upload's
# transaction opened inside one of the runner's (or the reverse) was committed or
# rolled back by the other thread's, and a poll in the middle of the runner's
# transaction read its uncommitted state (the document briefly missing). With
# turns, each thread sees only the other's committed work. Re-entrant: the test
# thread holds it for the whole set-up (below) and may upload inside a fixture.
DB_TURN = threading.RLock()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # `cv_runner` may start the thread before the test's other fixtures have written
    # their rows (users, tokens) on the shared connection: the runner's first round
    # waits until the test's set-up is done.
    with DB_TURN:
        return (yield)


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
    transactional tests with `cv_runner`, which processes the upload once it commits."""

    def post(data, name="cv.pdf", url="/api/v1/cv/upload", headers=None):
        file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        headers = staff_headers if headers is None else headers
        with DB_TURN:
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
        # What a worker does next, here in the test's thread, as its last attempt
        # (so a failure is final, not retried later).
        jobs.cv_document_run(document_id=document.pk, worker="test", final_attempt=True)
        return CVDocument.objects.get(pk=document.pk)

    return run


@pytest.fixture
def cv_runner(transactional_db):
    """The embedded runner's loop in a background thread, as the web process runs it.

    An in-memory SQLite test database exists only on the test's connection, so the
    thread shares it, as Django's live server thread does; PostgreSQL gets its own.
    """
    connection = connections["default"]
    shared = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if shared:
        connection.inc_thread_sharing()
    stop = threading.Event()

    def serve():
        if shared:
            connections["default"] = connection
        try:
            runner.serve(stop=stop, poll_seconds=0.5, turn=DB_TURN if shared else None)
        finally:
            if not shared:
                connections.close_all()

    thread = threading.Thread(target=serve, name="cv-runner-test", daemon=True)
    thread.start()
    yield thread
    stop.set()
    runner.wake()
    thread.join(WAIT_SECONDS)
    if shared:
        connection.dec_thread_sharing()
    # Still running, it would write into the next test's database (or this one's flush).
    assert not thread.is_alive(), f"the CV runner did not stop within {WAIT_SECONDS} s"


def wait_for(document_id, *statuses, timeout=WAIT_SECONDS):
    """Polls until the document reaches one of `statuses` (default: ready or failed)."""
    statuses = statuses or (CVDocument.Status.READY, CVDocument.Status.FAILED)
    deadline = time.monotonic() + timeout
    while True:
        with DB_TURN:
            document = CVDocument.objects.get(pk=document_id)
        if document.status in statuses and document.next_attempt_at is None:
            return document
        if time.monotonic() > deadline:
            raise AssertionError(f"CV still {document.status} after {timeout} s")
        time.sleep(0.2)


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
