import pytest

from cv_app.embeddings import current_model_name
from cv_app.index import cv_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _details(settings):
    # The vector store's details are for staff or the METRICS_TOKEN bearer.
    settings.METRICS_TOKEN = "metrics-token-for-tests"


DETAILS = {"HTTP_AUTHORIZATION": "Bearer metrics-token-for-tests"}


def vector_store(client):
    return client.get("/api/v1/health", **DETAILS).json()["data"]["checks"]["vector_store"]


def test_without_a_cv_the_vector_store_is_reported_disabled(client):
    check = vector_store(client)
    assert check["status"] == "disabled"
    assert check["detail"] == "No CV has been indexed."


def test_the_vector_store_check_reports_the_active_cv_and_this_process_index(client, ingest):
    cv_index.clear()
    document = ingest(name="cv.pdf")
    check = vector_store(client)
    assert check["status"] == "ok"
    assert check["document_id"] == str(document.pk)
    assert check["chunks"] == document.chunk_count
    assert check["embedding_model"] == current_model_name()
    assert check["index_loaded"] is False

    client.post("/api/v1/cv/query", {"question": "Hobbies?"}, content_type="application/json")
    check = vector_store(client)
    assert check["index_loaded"] is True
    assert check["model_loaded"] is True
    assert client.get("/api/v1/health").json()["data"]["status"] == "healthy"
