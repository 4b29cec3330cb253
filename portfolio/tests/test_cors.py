import pytest

from portfolio.testing import preflight

pytestmark = pytest.mark.django_db


def test_preflight_from_an_allowed_origin_echoes_it_with_credentials(client):
    response = preflight(
        client,
        "/api/v1/tools/list",
        origin="http://localhost:3000",
        method="GET",
        headers="content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_preflight_works_on_a_seed_path_too(client):
    response = preflight(client, "/news/list", origin="http://127.0.0.1:5173", method="GET")
    assert response["Access-Control-Allow-Origin"] == "http://127.0.0.1:5173"


def test_a_refused_origin_gets_no_cors_headers(client):
    response = preflight(client, "/api/v1/tools/list", origin="https://evil.example", method="GET")
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Credentials" not in response


def test_simple_request_from_an_allowed_origin_exposes_the_etag(client):
    response = client.get("/api/v1/tools/list", HTTP_ORIGIN="http://localhost:5173")
    assert response["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_origins_come_from_the_environment_setting(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://daniyal.dev"]
    allowed = client.get("/api/v1/tools/list", HTTP_ORIGIN="https://daniyal.dev")
    refused = client.get("/api/v1/tools/list", HTTP_ORIGIN="http://localhost:3000")
    assert allowed["Access-Control-Allow-Origin"] == "https://daniyal.dev"
    assert "Access-Control-Allow-Origin" not in refused
