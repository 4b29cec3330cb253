"""docs/api.md, the API reference, is kept true to the code: it lists every path of
the OpenAPI schema and every setting, and every /api/ path it names exists. The
README links it and nothing outside the repository."""

import re
import uuid
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "api.md").read_text()
README = (ROOT / "README.md").read_text()

# Placeholders are written `<name>` (any words); the schema writes `{name}`.
SEGMENT = r"(?:[A-Za-z0-9_.\-]+|<[^<>`]+>)"
API_PATH = re.compile(rf"(?<![\w/.])/api/{SEGMENT}(?:/{SEGMENT})*/?")


@pytest.fixture(scope="module")
def schema_paths(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    return list(response.json()["paths"])


def documented(path):
    pattern = re.escape(path)
    pattern = re.sub(r"\\\{\w+\\\}", "<[^<>`]+>", pattern)
    return re.search(rf"{pattern}(?![\w/<{{-])", DOCS) is not None


def test_every_path_of_the_openapi_schema_is_in_the_reference(schema_paths):
    missing = [path for path in schema_paths if not documented(path)]
    assert missing == []


def test_every_api_path_the_reference_names_exists():
    named = set(API_PATH.findall(DOCS)) - {"/api/", "/api/v1/"}
    assert len(named) > 40
    unresolved = []
    for path in sorted(named):
        concrete = re.sub(r"<[^<>`]+>", str(uuid.uuid4()), path)
        try:
            resolve(concrete)
        except Resolver404:
            unresolved.append(path)
    assert unresolved == []


def test_every_setting_read_from_the_environment_is_in_the_reference():
    settings_source = (ROOT / "portfolio" / "settings.py").read_text()
    names = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', settings_source))
    names |= set(re.findall(r'_required_in_production\(\s*"([A-Z][A-Z0-9_]+)"', settings_source))
    assert len(names) > 40
    missing = sorted(name for name in names if f"`{name}`" not in DOCS)
    assert missing == []


def test_both_websocket_protocols_are_described():
    for frame in ('"type": "token"', '"type": "done"', '"is_chunk": true', "?stream=1"):
        assert frame in DOCS


def test_the_readme_links_the_reference_and_nothing_outside_the_repository():
    assert "(docs/api.md)" in README
    assert "../shared" not in README and "/work/" not in README
    for target in re.findall(r"\]\(([^)]+)\)", README):
        if not target.startswith(("http://", "https://", "#")):
            assert (ROOT / target.split("#")[0]).exists(), target
            assert not target.startswith(("../", "/")), target


def test_the_readme_states_the_python_versions_pyproject_allows():
    assert "Python 3.11, 3.12 or 3.13" in README
    assert 'requires-python = ">=3.11,<3.14"' in (ROOT / "pyproject.toml").read_text()


def test_the_reference_links_nothing_outside_the_repository():
    for target in re.findall(r"\]\(([^)]+)\)", DOCS):
        if not target.startswith(("http://", "https://", "#")):
            assert not target.startswith(("../", "/")), target
            assert (ROOT / "docs" / target.split("#")[0]).exists(), target
