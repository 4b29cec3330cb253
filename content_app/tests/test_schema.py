import pytest

pytestmark = pytest.mark.django_db


def test_the_content_auth_and_admin_endpoints_are_documented(schema):
    paths = schema["paths"]
    for path in [
        "/api/v1/projects/list", "/api/v1/projects/{key}", "/api/v1/experiences/list",
        "/api/v1/skills/list", "/api/v1/resume/{language}", "/api/v1/auth/login",
        "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/me", "/api/v1/upload",
        "/api/v1/media/{filename}", "/api/v1/admin/media/{id}", "/api/v1/admin/projects",
        "/api/v1/admin/projects/{id}", "/api/v1/admin/tools/{id}", "/api/v1/admin/posts",
        "/api/resume_data", "/api/resume", "/api/resume_file_name", "/api/skills",
    ]:  # fmt: skip
        assert path in paths, path
    assert set(paths["/api/v1/admin/projects/{id}"]) >= {"get", "put", "patch", "delete"}


def test_admin_writes_document_their_translated_request_fields(schema):
    create = schema["paths"]["/api/v1/admin/projects"]["post"]
    ref = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    request = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert {"title_en", "title_es", "description_en", "tags"} <= set(request["properties"])
    assert "title_en" in request["required"]
    assert "title_es" not in request.get("required", [])
    assert "201" in create["responses"]
    assert "204" in schema["paths"]["/api/v1/admin/projects/{id}"]["delete"]["responses"]


def test_the_lists_document_the_language_parameter(schema):
    parameters = schema["paths"]["/api/v1/projects/list"]["get"]["parameters"]
    lang = next(p for p in parameters if p["name"] == "lang")
    assert lang["schema"]["enum"] == ["en", "es"]


def test_seed_004_mirrors_are_not_documented_twice(schema):
    for path in ["/api/admin/projects/{pk}", "/api/admin/projects/{id}", "/api/auth/login",
                 "/api/media/{filename}", "/api/resume/{language}", "/api/upload"]:  # fmt: skip
        assert path not in schema["paths"], path


def test_the_resume_sites_paths_are_documented_with_their_raw_shapes(schema):
    paths = schema["paths"]
    for path in ["/api/experience", "/api/projects", "/api/projects/{key}", "/api/aboutme",
                 "/api/contact/info", "/api/contact/send-email"]:  # fmt: skip
        assert path in paths, path
    projects = paths["/api/projects"]["get"]["responses"]["200"]["content"]["application/json"]
    values = projects["schema"]["additionalProperties"]
    assert set(values["required"]) == {
        "title", "description", "description_detail", "link", "link2", "logoPath",
        "tech_stack", "last_commit",
    }  # fmt: skip
    assert values["properties"]["tech_stack"]["type"] == "array"
    sent = paths["/api/contact/send-email"]["post"]["responses"]
    assert {"200", "400", "429", "503"} <= set(sent)


def test_operation_ids_are_unique(schema):
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
