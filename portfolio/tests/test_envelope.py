import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from portfolio.testing import assert_error_envelope

pytestmark = pytest.mark.django_db


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = "portfolio.tests.urls_for_tests"


def test_success_is_wrapped_in_the_envelope(client):
    body = client.get("/api/v1/tools/list").json()
    assert body["success"] is True
    assert set(body["data"]) == {"items", "total", "limit", "offset"}


def test_unknown_api_path_answers_404_in_the_envelope_not_html(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"success": False, "error": "The requested resource was not found."}


def test_wrong_method_answers_405_in_the_envelope_with_allow(client):
    response = client.delete("/api/v1/tools/list")
    assert response.status_code == 405
    assert response.json()["success"] is False
    assert "GET" in response["Allow"]


def test_throttled_request_answers_429_with_retry_after(client, test_urls):
    assert client.get("/api/v1/test/throttled").status_code == 200
    response = client.get("/api/v1/test/throttled")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["success"] is False
    assert "try again in" in body["error"]


def test_unhandled_error_answers_500_without_traceback_and_is_logged(client, test_urls, caplog):
    with caplog.at_level(logging.ERROR, logger="portfolio.api"):
        response = client.get("/api/v1/test/crash")
    assert_error_envelope(response, 500, "An unexpected error occurred. It has been logged.")
    assert b"secret internals" not in response.content
    assert any("secret internals" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_crash_in_a_plain_django_view_under_api_is_still_the_envelope(client, test_urls):
    response = client.get("/api/v1/test/plain-crash")
    assert response.status_code == 500
    assert response.json()["success"] is False
    assert b"Traceback" not in response.content


def test_domain_error_keeps_its_status_message_and_details(client, test_urls):
    response = client.get("/api/v1/test/domain")
    assert_error_envelope(response, 409, "The CV is still processing.", details={"id": 1})


def test_validation_error_names_the_field_and_lists_details(client):
    response = client.get("/api/v1/tools/list?limit=abc")
    assert response.status_code == 400
    body = response.json()
    assert body["error"].startswith("limit:")
    assert "limit" in body["details"]


def test_non_api_paths_keep_django_error_pages(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


def test_a_domain_error_in_a_raw_shape_view_keeps_the_raw_shape(client, test_urls):
    response = client.get("/api/test/raw-domain")
    assert response.status_code == 404
    assert response.json() == {"detail": "No resume has been uploaded yet."}


def test_a_crash_in_a_raw_shape_view_is_a_500_without_traceback(client, test_urls):
    response = client.get("/api/test/raw-crash")
    assert response.status_code == 500
    assert b"secret internals" not in response.content
    assert "detail" in response.json()


def test_a_malformed_content_length_is_a_400_not_a_crash(client):
    response = client.post(
        "/api/v1/contact/submit", b"{}", content_type="application/json", CONTENT_LENGTH="P2GTn"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "The Content-Length header is not a valid number."


def test_a_malformed_content_length_sent_with_an_underscore_is_a_400_too(client):
    response = client.post(
        "/api/v1/contact/submit", b"{}", content_type="application/json", HTTP_CONTENT_LENGTH="x1"
    )
    assert response.status_code == 400


def test_a_body_over_the_in_memory_limit_is_a_413_not_a_crash(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"name": "Ana", "email": "ana@example.com", "message": "x" * 5000}
    response = client.post("/api/v1/contact/submit", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"success": False, "error": "The request body is too large."}


def test_too_many_form_fields_is_a_400_not_a_crash(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = "&".join(f"f{n}=1" for n in range(50))
    response = client.post(
        "/api/v1/contact/submit", fields, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert response.json()["success"] is False


def test_a_down_database_is_a_503_in_the_envelope(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server at 10.0.0.5 refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/api/v1/news/list")
    assert response.status_code == 503
    assert response.json()["success"] is False
    assert b"10.0.0.5" not in response.content


def test_a_down_database_is_a_503_in_the_raw_shape_on_seed_002_paths(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/api/resume_data")
    assert response.status_code == 503
    assert "detail" in response.json()


def test_a_spanish_request_reads_the_envelopes_error_in_spanish(client):
    response = client.get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert response.json() == {
        "success": False,
        "error": "No se ha encontrado el recurso solicitado.",
    }
