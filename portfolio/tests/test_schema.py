import pytest

pytestmark = pytest.mark.django_db


def test_schema_documents_the_lists_with_the_envelope(schema):
    ok = schema["paths"]["/api/v1/tools/list"]["get"]["responses"]["200"]
    envelope = ok["content"]["application/json"]["schema"]
    assert set(envelope["properties"]) == {"success", "data", "message"}
    assert envelope["properties"]["data"]["$ref"].endswith("/ToolListOutput")


def test_schema_documents_the_error_envelope(schema):
    responses = schema["paths"]["/api/v1/news/list"]["get"]["responses"]
    error = responses["400"]["content"]["application/json"]["schema"]
    assert set(error["required"]) == {"success", "error"}
    assert "429" in responses


def test_schema_documents_query_parameters(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/tools/list"]["get"]["parameters"]}
    assert {"q", "category", "status", "pricing", "limit"} <= names


def test_compatibility_mirrors_are_not_documented_twice(schema):
    assert "/tools/list" not in schema["paths"]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_are_served(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"/api/schema/" in response.content


def test_write_endpoints_document_401_and_403(schema):
    responses = schema["paths"]["/api/v1/admin/projects"]["post"]["responses"]
    assert {"401", "403"} <= set(responses)
    assert "401" not in schema["paths"]["/api/v1/tools/list"]["get"]["responses"]


def test_upload_endpoints_document_413_and_415(schema):
    assert {"413", "415"} <= set(schema["paths"]["/api/v1/upload"]["post"]["responses"])


def test_the_schema_ignores_a_stale_token(client):
    response = client.get("/api/schema/", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 200
